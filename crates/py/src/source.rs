//! Where a scenario (or breakout case) comes from: a built-in name or a file path, or TOML text
//! from Python (a string, or a dict the Python side turned into TOML). The analyses layer takes
//! what is loaded here (`load`, `load_sides`, `text`); the N-side readers (the scenario crate's
//! `multilateral::load`, as the CLI calls it) take a name or a path, so text is handed to them
//! as a temporary file whose path is put back to the label in messages (`cli_file`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use reykjavik_engine::model::Scenario;
use reykjavik_scenario::ScenarioError;

#[derive(Debug, Clone)]
pub enum Source {
    /// A file path, or else a built-in name (the CLI's rule).
    NameOrPath(String),
    /// TOML text; `label` names it in messages (`<string>`, `<dict>`).
    Text { toml: String, label: String },
}

impl Source {
    /// From the Python side's `(kind, value, label)`: kind `name_or_path` or `toml`.
    pub fn new(kind: &str, value: String, label: String) -> Result<Self, String> {
        match kind {
            "name_or_path" => Ok(Self::NameOrPath(value)),
            "toml" => Ok(Self::Text { toml: value, label }),
            other => Err(format!(
                "unknown scenario source kind `{other}` (valid: name_or_path, toml)"
            )),
        }
    }

    /// How messages name it: the path or name, or the label of text.
    pub fn label(&self) -> &str {
        match self {
            Self::NameOrPath(name) => name,
            Self::Text { label, .. } => label,
        }
    }

    /// The scenario, or the scenario crate's located diagnostics.
    pub fn load(&self) -> Result<Scenario, ScenarioError> {
        match self {
            Self::NameOrPath(name) => reykjavik_scenario::load(name),
            Self::Text { toml, label } => reykjavik_scenario::parse(toml, label),
        }
    }

    /// Whether it is an N-side scenario (more than two sides, alliances, beliefs or reserves),
    /// by the scenario crate's rule for files and built-ins.
    pub fn is_n_side(&self) -> bool {
        match self {
            Self::NameOrPath(name) => reykjavik_scenario::multilateral::is_n_side(name),
            Self::Text { toml, .. } => reykjavik_scenario::multilateral::is_n_side_text(toml),
        }
    }

    /// The scenario as the analyses layer takes it: N sides by the N-side reader, else two.
    pub fn load_sides(&self) -> Result<reykjavik_analyses::Sides, ScenarioError> {
        use reykjavik_analyses::Sides;
        if !self.is_n_side() {
            return Ok(Sides::Two(Box::new(self.load()?)));
        }
        let ms = match self {
            Self::NameOrPath(name) => reykjavik_scenario::multilateral::load(name)?,
            Self::Text { toml, label } => reykjavik_scenario::multilateral::parse(toml, label)?,
        };
        Ok(Sides::N(Box::new(ms)))
    }

    /// The scenario's text and its label in messages.
    pub fn text(&self) -> Result<(String, String), ScenarioError> {
        match self {
            Self::NameOrPath(name) => reykjavik_scenario::source_text(name),
            Self::Text { toml, label } => Ok((toml.clone(), label.clone())),
        }
    }

    /// A path the CLI can read: the path or name itself, or a temporary copy of the text.
    pub fn cli_file(&self) -> std::io::Result<CliFile> {
        match self {
            Self::NameOrPath(name) => Ok(CliFile {
                arg: name.clone(),
                temporary: None,
            }),
            Self::Text { toml, label } => {
                let path = temporary_path();
                let mut file = std::fs::File::create_new(&path)?;
                file.write_all(toml.as_bytes())?;
                Ok(CliFile {
                    arg: path.to_string_lossy().into_owned(),
                    temporary: Some((path, label.clone())),
                })
            }
        }
    }
}

/// A unique name per process and call (tests and Dask workers run many at once).
fn temporary_path() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    std::env::temp_dir().join(format!(
        "reykjavik-py-{}-{}-{nanos}.toml",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// The CLI's scenario argument; removes its temporary file when dropped.
#[derive(Debug)]
pub struct CliFile {
    pub arg: String,
    temporary: Option<(PathBuf, String)>,
}

impl CliFile {
    /// (temporary path, label) to put the label back into messages.
    pub fn rename(&self) -> Option<(&str, &str)> {
        self.temporary
            .as_ref()
            .map(|(_, label)| (self.arg.as_str(), label.as_str()))
    }
}

impl Drop for CliFile {
    fn drop(&mut self) {
        if let Some((path, _)) = &self.temporary {
            std::fs::remove_file(path).ok();
        }
    }
}
