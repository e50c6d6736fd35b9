//! Size limits: a file, a side or a grid too big for bounded memory and time gets a clear error
//! that names the file and the limit (issue 8, defect 10), quickly and without blocking.

use std::time::{Duration, Instant};

use reykjavik_scenario::{MAX_FILE_BYTES, ScenarioError, load, parse};

/// Two sides; side A's element is written `copies` times (names made unique) with `launchers`.
fn scenario_with(copies: usize, launchers: u32, sides: usize) -> String {
    let element = |k: usize, launchers: u32| {
        format!(
            "[[side.force]]\nname = \"silo {k}\"\ndelivery = \"ballistic-missile\"\nbasing = \"silo\"\nlaunchers = {launchers}\nwarheads_per_launcher = 1\nyield_kt = 300\ncep_m = 120\nreliability = 0.9\nuntargetable_share = {{ day_to_day = 0.0, generated = 0.0 }}\naimpoint_hardness_psi = 2000\n\n"
        )
    };
    let mut text = String::from("[scenario]\nname = \"big\"\ndescription = \"size limits\"\n\n");
    for s in 0..sides {
        text +=
            &format!("[[side]]\nname = \"S{s}\"\nvalue = {{ unit = \"warheads\", w80 = 900 }}\n\n");
        let n = if s == 0 { copies } else { 1 };
        for k in 0..n {
            text += &element(k, if s == 0 { launchers } else { 10 });
        }
    }
    text
}

fn diagnostics(text: &str) -> Vec<reykjavik_scenario::Diagnostic> {
    match parse(text, "big.toml") {
        Err(ScenarioError::Invalid(d)) => d,
        Err(other) => panic!("expected a located error, got {other}"),
        Ok(_) => panic!("expected an error"),
    }
}

/// The 1-based line of the `index`-th line that starts with `prefix`.
fn line_of(text: &str, prefix: &str, index: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(prefix))
        .nth(index)
        .map(|(n, _)| n + 1)
        .expect("the line exists")
}

#[test]
fn too_many_force_elements_point_at_the_first_extra_one() {
    assert!(parse(&scenario_with(64, 10, 2), "big.toml").is_ok());
    let text = scenario_with(65, 10, 2);
    let d = diagnostics(&text);
    assert_eq!(d.len(), 1, "one message, not one per element: {d:?}");
    assert_eq!(d[0].field.as_deref(), Some("side[0].force[64]"));
    assert_eq!(d[0].line, line_of(&text, "[[side.force]]", 64));
    assert!(d[0].message.contains("at most 64"), "{}", d[0].message);
}

#[test]
fn warheads_past_the_side_cap_point_at_the_largest_element() {
    // The file: 16 elements of 100,000 launchers (16 GB when analysed).
    let text = scenario_with(16, 100_000, 2);
    let d = diagnostics(&text);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].field.as_deref(), Some("side[0].force[0].launchers"));
    assert_eq!(d[0].line, line_of(&text, "launchers =", 0));
    assert!(
        d[0].message.contains("1600000 warheads"),
        "{}",
        d[0].message
    );
    assert!(d[0].message.contains("at most 100000"), "{}", d[0].message);
}

#[test]
fn a_third_side_is_located() {
    let text = scenario_with(1, 10, 3);
    let d = diagnostics(&text);
    assert_eq!(d[0].field.as_deref(), Some("side[2]"));
    assert_eq!(d[0].line, line_of(&text, "[[side]]", 2));
}

#[test]
fn a_file_over_the_size_limit_is_refused_naming_file_and_limit() {
    let dir = std::env::temp_dir().join(format!("reykjavik-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.toml");
    let mut text = scenario_with(1, 10, 2);
    let padding = MAX_FILE_BYTES as usize + 1 - text.len();
    text += &format!("#{}\n", "x".repeat(padding));
    std::fs::write(&path, &text).unwrap();
    let message = load(path.to_str().unwrap()).unwrap_err().to_string();
    assert!(message.contains("huge.toml"), "{message}");
    assert!(message.contains("1048576 bytes"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `load` on another thread: a blocking read would fail the test, not hang it.
fn load_within(path: &str, limit: Duration) -> String {
    let (send, receive) = std::sync::mpsc::channel();
    let owned = path.to_string();
    std::thread::spawn(move || {
        let _ = send.send(load(&owned).map(|_| ()).map_err(|e| e.to_string()));
    });
    let start = Instant::now();
    let result = receive
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("loading {path} did not finish within {limit:?}"));
    assert!(start.elapsed() < limit);
    result.expect_err("not a scenario")
}

#[cfg(unix)]
#[test]
fn dev_zero_is_refused_quickly() {
    let message = load_within("/dev/zero", Duration::from_secs(5));
    assert!(message.starts_with("/dev/zero: "), "{message}");
    assert!(message.contains("not a regular file"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    let dir = std::env::temp_dir().join(format!("reykjavik-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    let message = load_within(fifo.to_str().unwrap(), Duration::from_secs(5));
    assert!(message.contains("not a regular file"), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}
