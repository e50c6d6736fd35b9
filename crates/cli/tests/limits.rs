//! Resource caps at the command line (issue 8, defect 10): `--trials` and sweep grids are bounded
//! by the scenario's size, and refused before any work with a message that names the cap.

mod common;
use common::reykjavik;

use predicates::str::contains;

/// A scenario whose first side has `launchers` single-warhead silos in one element.
fn write_scenario(name: &str, launchers: u32) -> std::path::PathBuf {
    let element = |n: u32| {
        format!(
            "[[side.force]]\nname = \"silo\"\ndelivery = \"ballistic-missile\"\nbasing = \"silo\"\nlaunchers = {n}\nwarheads_per_launcher = 1\nyield_kt = 300\ncep_m = 120\nreliability = 0.9\nuntargetable_share = {{ day_to_day = 0.0, generated = 0.0 }}\naimpoint_hardness_psi = 2000\n"
        )
    };
    let text = format!(
        "[scenario]\nname = \"caps\"\ndescription = \"caps\"\n\n[[side]]\nname = \"A\"\nvalue = {{ unit = \"warheads\", w80 = 900 }}\n{}\n[[side]]\nname = \"B\"\nvalue = {{ unit = \"warheads\", w80 = 900 }}\n{}",
        element(launchers),
        element(10)
    );
    let dir = std::env::temp_dir().join(format!("reykjavik-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn trials_above_the_absolute_cap_are_refused() {
    let path = write_scenario("small.toml", 10);
    reykjavik()
        .args(["analyze", path.to_str().unwrap(), "--trials", "1000001"])
        .assert()
        .code(2)
        .stderr(contains("--trials 1000001 is out of range"))
        .stderr(contains("1 to 1000000"));
}

#[test]
fn trials_shrink_with_the_scenario_and_are_refused_before_any_work() {
    // 100,010 warheads x 2 elements = 200,020 work units: at most 6e10 / 200,020 = 299,970
    // trials with fixed plans, 8e9 / 200,020 = 39,996 when every trial plans again.
    let path = write_scenario("trials.toml", 100_000);
    reykjavik()
        .args(["analyze", path.to_str().unwrap(), "--trials", "299971"])
        .assert()
        .code(2)
        .stderr(contains("valid for this scenario: 1 to 299970"));
    reykjavik()
        .args(["analyze", path.to_str().unwrap(), "--trials", "39997"])
        .args(["--planning", "informed"])
        .assert()
        .code(2)
        .stderr(contains("valid for this scenario: 1 to 39996"))
        .stderr(contains("plans again"));
}

#[test]
fn sweep_grids_shrink_with_the_scenario() {
    // 1e10 / 200,020 = 49,995 points; 224 x 224 = 50,176.
    let path = write_scenario("sweep.toml", 100_000);
    reykjavik()
        .args([
            "sweep",
            path.to_str().unwrap(),
            "--vary",
            "side[1].force[0].cep_m=100:200:224",
            "--vary",
            "side[0].force[0].cep_m=100:200:224",
        ])
        .assert()
        .code(2)
        .stderr(contains("50176 grid points is too many"))
        .stderr(contains("at most 49995"));
}

#[test]
fn a_sweep_that_would_pass_the_warhead_cap_is_refused() {
    let path = write_scenario("corner.toml", 60_000);
    reykjavik()
        .args([
            "sweep",
            path.to_str().unwrap(),
            "--vary",
            "side[0].force[0].warheads_per_launcher=1:2:2",
        ])
        .assert()
        .code(2)
        .stderr(contains("at most 100000 per side"));
}
