//! `reykjavik.sweep` on an N-side scenario (issue 10): the table of `reykjavik sweep` on N sides
//! (the N-side index, each actor's overall ratio, every ordered pair's ratio), column-major,
//! with the CLI's checks and messages.

use crate::errors::Failure;
use reykjavik_analyses::sweep as sweep_analysis;
use reykjavik_engine::multilateral::MultiScenario;
use reykjavik_engine::multilateral::sweep as nsweep;
use reykjavik_engine::sweep::{self, Axis};

use crate::documents::Posing;
use crate::source::CliFile;
use crate::tables::Columns;

fn load(file: &CliFile) -> Result<MultiScenario, Failure> {
    reykjavik_scenario::multilateral::load(&file.arg).map_err(|e| Failure::Input(e.to_string()))
}

/// The grid's size after the CLI's checks (its cap for this N-side scenario, paths, values).
pub fn size(file: &CliFile, axes: &[Axis]) -> Result<usize, Failure> {
    check(&load(file)?, axes)
}

fn check(ms: &MultiScenario, axes: &[Axis]) -> Result<usize, Failure> {
    let total = sweep::size(axes);
    let most = nsweep::max_points(ms);
    if total > most {
        return Err(Failure::Input(format!(
            "{total} grid points is too many for this N-side scenario (valid: 1 to {most}; grid points x warheads x elements x pairs bounds the time); use fewer steps"
        )));
    }
    nsweep::check_axes(ms, axes).map_err(|e| Failure::Input(format!("axis: {e}")))?;
    Ok(total)
}

/// The whole grid (`range` None) or grid points `start..stop`, as the CLI's N-side sweep table.
pub fn table(
    file: &CliFile,
    posing: &Posing,
    axes: &[Axis],
    range: Option<(usize, usize)>,
) -> Result<Columns, Failure> {
    let ms = load(file)?;
    let options =
        reykjavik_analyses::posture::n_side(&ms, &posing.alert, &posing.launch_under_attack)?;
    let total = check(&ms, axes)?;
    let (start, stop) = range.unwrap_or((0, total));
    if !(start <= stop && stop <= total) {
        return Err(Failure::Input(format!(
            "grid index range {start}..{stop} is not within this grid of {total} points (valid: start <= stop <= {total})"
        )));
    }
    let request = sweep_analysis::NSideRequest {
        base: ms,
        axes: axes.to_vec(),
        options,
        range: Some(start..stop),
    };
    let t = sweep_analysis::run_n_side(request, &|_| {})?.table;
    let columns = (0..t.columns.len())
        .map(|c| t.rows.iter().map(|r| r[c]).collect())
        .collect();
    Ok((t.columns, columns))
}
