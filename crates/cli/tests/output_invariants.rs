//! The documented output invariants on random valid scenarios (docs/output-format.md), rendered
//! by the CLI's own report code in-process: probabilities, damages and ratios in [0, 1]; the
//! index in (0, 1]; per-element parts add up to the totals; no NaN or infinity in the text or
//! the JSON.

use clap::Parser;
use proptest::prelude::*;
use serde_json::Value;

const DELIVERIES: [&str; 4] = [
    "ballistic-missile",
    "cruise-missile",
    "aircraft",
    "glide-vehicle",
];
const BASINGS: [&str; 5] = [
    "silo",
    "road-mobile",
    "submarine",
    "air-base",
    "surface-ship",
];
const COVERS: [&str; 3] = ["value", "forces", "both"];

/// A probability as TOML: fixed, or (when `spread`) a triangular distribution around it.
fn probability(p: f64, spread: bool) -> String {
    if spread {
        let (low, high) = ((p - 0.1).max(0.0), (p + 0.1).min(1.0));
        format!("{{ triangular = [{low}, {p}, {high}] }}")
    } else {
        format!("{p}")
    }
}

#[derive(Debug, Clone)]
struct Element {
    delivery: usize,
    basing: usize,
    nuclear: bool,
    launchers: u32,
    per_launcher: u32,
    yield_kt: f64,
    cep_m: f64,
    reliability: f64,
    untargetable: (f64, f64),
    per_aimpoint: u32,
    hardness: f64,
    detection: f64,
    kill: f64,
    stored: bool,
    spread: bool,
}

fn element() -> impl Strategy<Value = Element> {
    (
        (
            0..4usize,
            0..5usize,
            prop::bool::weighted(0.8),
            0..250u32,
            1..8u32,
        ),
        (5.0..1500.0f64, 30.0..800.0f64, 0.0..=1.0f64),
        (0.0..=1.0f64, 0.0..=1.0f64, 1..20u32, 5.0..5000.0f64),
        (
            0.3..=1.0f64,
            0.0..=1.0f64,
            prop::bool::weighted(0.2),
            any::<bool>(),
        ),
    )
        .prop_map(|(a, b, c, d)| Element {
            delivery: a.0,
            basing: a.1,
            nuclear: a.2,
            launchers: a.3,
            per_launcher: a.4,
            yield_kt: b.0,
            cep_m: b.1,
            reliability: b.2,
            untargetable: (c.0, c.1),
            per_aimpoint: c.2,
            hardness: c.3,
            detection: d.0,
            kill: d.1,
            stored: d.2,
            spread: d.3,
        })
}

impl Element {
    fn toml(&self, k: usize, storage: bool) -> String {
        let mut t = format!(
            "[[side.force]]\nname = \"e{k}\"\ndelivery = \"{}\"\nbasing = \"{}\"\nlaunchers = {}\nwarheads_per_launcher = {}\nreliability = {}\nuntargetable_share = {{ day_to_day = {}, generated = {} }}\nlaunchers_per_aimpoint = {}\naimpoint_hardness_psi = {}\ndetection_probability = {}\n",
            DELIVERIES[self.delivery],
            BASINGS[self.basing],
            self.launchers,
            self.per_launcher,
            probability(self.reliability, self.spread),
            self.untargetable.0,
            self.untargetable.1,
            self.per_aimpoint,
            self.hardness,
            self.detection,
        );
        if self.nuclear {
            t += &format!("yield_kt = {}\n", self.yield_kt);
            if self.spread {
                let (c, hi) = (self.cep_m, self.cep_m * 1.5);
                t += &format!("cep_m = {{ triangular = [{}, {c}, {hi}] }}\n", c * 0.7);
            } else {
                t += &format!("cep_m = {}\n", self.cep_m);
            }
        } else {
            t += "payload = \"conventional\"\n";
            t += &format!("kill_probability = {{ default = {} }}\n", self.kill);
        }
        if storage && self.stored {
            t += "warheads_stored_at = \"depot\"\n";
        }
        t + "\n"
    }
}

#[derive(Debug, Clone)]
struct SideSpec {
    megatons: bool,
    w80: f64,
    elements: Vec<Element>,
    /// (interceptors, sspk, shots, shoot-look-shoot, covers)
    missile_defense: Option<(u32, f64, u32, bool, usize)>,
    air_defense: Option<(f64, f64, usize)>,
    storage: Option<f64>,
}

fn side() -> impl Strategy<Value = SideSpec> {
    (
        any::<bool>(),
        20.0..2000.0f64,
        prop::collection::vec(element(), 1..5),
        prop::option::of((0..300u32, 0.0..=1.0f64, 1..4u32, any::<bool>(), 0..3usize)),
        prop::option::of((0.0..=1.0f64, 0.0..=1.0f64, 0..3usize)),
        prop::option::weighted(0.3, 10.0..3000.0f64),
    )
        .prop_map(
            |(megatons, w80, elements, missile_defense, air_defense, storage)| SideSpec {
                megatons,
                w80,
                elements,
                missile_defense,
                air_defense,
                storage,
            },
        )
}

impl SideSpec {
    fn toml(&self, name: &str) -> String {
        let unit = if self.megatons {
            "equivalent-megatons"
        } else {
            "warheads"
        };
        let mut t = format!(
            "[[side]]\nname = \"{name}\"\nvalue = {{ unit = \"{unit}\", w80 = {} }}\n\n",
            self.w80
        );
        for (k, e) in self.elements.iter().enumerate() {
            t += &e.toml(k, self.storage.is_some());
        }
        if let Some((n, sspk, shots, sls, covers)) = self.missile_defense {
            let doctrine = if sls {
                format!("shoot_look_shoot = {{ first = {shots}, second = 1 }}")
            } else {
                format!("interceptors_per_rv = {shots}")
            };
            t += &format!(
                "[[side.missile_defense]]\nname = \"bmd\"\ninterceptors = {n}\ninterceptor_sspk = {sspk}\n{doctrine}\ndiscrimination = 0.8\ncovers = \"{}\"\n\n",
                COVERS[covers]
            );
        }
        if let Some((bombers, cruise, covers)) = self.air_defense {
            t += &format!(
                "[[side.air_defense]]\nname = \"air\"\nbomber_shootdown = {bombers}\ncruise_missile_shootdown = {cruise}\ncovers = \"{}\"\n\n",
                COVERS[covers]
            );
        }
        if let Some(hardness) = self.storage {
            t += &format!(
                "[[side.warhead_storage]]\nname = \"depot\"\ndetection_probability = 0.9\naimpoint_hardness_psi = {hardness}\n\n"
            );
        }
        t
    }
}

#[derive(Debug, Clone)]
struct Case {
    sides: [SideSpec; 2],
    cap: u32,
    exponent: f64,
    surcharge: f64,
    brown: bool,
    /// --alert, --launch-under-attack
    alert: &'static str,
    launch_under_attack: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        side(),
        side(),
        1..5u32,
        0.3..2.0f64,
        0.0..1.0f64,
        any::<bool>(),
        prop::sample::select(vec!["day-to-day", "generated", "Side B=generated"]),
        any::<bool>(),
    )
        .prop_map(
            |(a, b, cap, exponent, surcharge, brown, alert, launch_under_attack)| Case {
                sides: [a, b].map(|side| if brown { hardened(side) } else { side }),
                cap,
                exponent,
                surcharge,
                brown,
                alert,
                launch_under_attack,
            },
        )
}

/// The side with every aimpoint at least as hard as the brown-1976 fit's valid range.
fn hardened(mut side: SideSpec) -> SideSpec {
    let least = reykjavik_engine::limits::BROWN_1976_HARDNESS_PSI.min;
    for element in &mut side.elements {
        element.hardness = element.hardness.max(least);
    }
    side.storage = side.storage.map(|h| h.max(least));
    side
}

impl Case {
    fn toml(&self) -> String {
        let model = if self.brown {
            "brown-1976"
        } else {
            "davis-schilling"
        };
        format!(
            "[scenario]\nname = \"generated\"\ndescription = \"a generated scenario\"\n\n[options]\nlethal_radius_model = \"{model}\"\nmax_warheads_per_aimpoint = {}\ncost_exponent = {}\ncost_surcharge = {}\n\n{}{}",
            self.cap,
            self.exponent,
            self.surcharge,
            self.sides[0].toml("Side A"),
            self.sides[1].toml("Side B")
        )
    }
}

/// Runs `reykjavik analyze FILE ARGS...` in-process; the output, or the failure as text.
fn analyze(file: &str, args: &[&str]) -> Result<String, String> {
    let mut argv = vec!["reykjavik", "analyze", file, "--quiet"];
    argv.extend_from_slice(args);
    let cli = reykjavik::Cli::try_parse_from(&argv).map_err(|e| e.to_string())?;
    reykjavik::run(cli).map_err(|f| format!("{f:?}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("`{key}` is not a number in {v}"))
}

/// Every value is present: serde_json writes a NaN or infinity as `null`.
fn assert_no_null(v: &Value, at: &str) {
    match v {
        Value::Null => panic!("null (a NaN or infinity) at {at}"),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, x)| assert_no_null(x, &format!("{at}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, x)| assert_no_null(x, &format!("{at}.{k}"))),
        _ => {}
    }
}

fn assert_unit(x: f64, what: &str) {
    assert!((0.0..=1.0).contains(&x), "{what} = {x} is outside [0, 1]");
}

fn assert_text_is_finite(text: &str) {
    for word in text.split(|c: char| c.is_whitespace() || ",;:()[]=".contains(c)) {
        let bare = word.trim_start_matches(['-', '+']);
        assert!(
            !["NaN", "nan", "inf", "infinity", "Infinity"].contains(&bare),
            "`{word}` in the output:\n{text}"
        );
    }
}

fn check_exchange(x: &Value, victim: &SideSpec) {
    let victim_has_storage = victim.storage.is_some();
    for key in ["damage_to_striker", "damage_to_victim"] {
        assert_unit(num(x, key), key);
    }
    for p in x["draw_down_curve"].as_array().unwrap() {
        assert_unit(num(p, "damage_to_striker"), "curve damage_to_striker");
        assert_unit(num(p, "damage_to_victim"), "curve damage_to_victim");
    }
    if let Some(gap) = x["optimality"]["relative_gap"].as_f64() {
        assert_unit(gap, "relative_gap");
    }
    let victims = x["victim_elements"].as_array().unwrap();
    let mut destroyed = 0.0;
    for (v, spec) in victims.iter().zip(&victim.elements) {
        let parts = num(v, "beyond_reach") + num(v, "launched_under_attack") + num(v, "exposed");
        assert!(close(parts, num(v, "warheads")), "parts of {v}");
        // Warheads kept at a storage site are lost with it, even on launchers beyond reach.
        if !victim_has_storage {
            assert!(num(v, "destroyed") <= num(v, "exposed") + 1e-6, "{v}");
        }
        assert!(
            close(
                num(v, "surviving"),
                num(v, "warheads") - num(v, "destroyed")
            ),
            "{v}"
        );
        if spec.nuclear {
            destroyed += num(v, "destroyed");
        }
    }
    let total = num(x, "victim_warheads_destroyed");
    assert!(
        close(destroyed, total),
        "nuclear elements' destroyed {destroyed} != {total}"
    );
    let (mut nuclear, mut conventional) = (0.0, 0.0);
    for s in x["striker_elements"].as_array().unwrap() {
        let spent = num(s, "counterforce_spent");
        if s["payload"] == "nuclear" {
            // Conventional weapons never strike value: only nuclear ones are left for it.
            assert!(
                close(spent + num(s, "left_for_value"), num(s, "available")),
                "{s}"
            );
            nuclear += spent;
        } else {
            conventional += spent;
        }
        // The parts of `spent_on` (victim elements and storage sites) add up to the total.
        let on: f64 = s["spent_on"]
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_f64().unwrap())
            .sum();
        assert!(close(on, spent), "spent_on of {s}");
    }
    let total = num(x, "counterforce_warheads_spent");
    assert!(close(nuclear, total), "nuclear spent {nuclear} != {total}");
    let total = num(x, "conventional_weapons_spent");
    assert!(
        close(conventional, total),
        "conventional spent {conventional} != {total}"
    );
}

fn check_report(json: &Value, case: &Case) {
    assert_no_null(json, "");
    let index = num(&json["first_strike_stability"], "index");
    assert!(index > 0.0 && index <= 1.0, "index {index}");
    for side in json["sides"].as_array().unwrap() {
        assert_unit(num(side, "ratio"), "ratio");
    }
    for x in json["exchanges"].as_array().unwrap() {
        let victim = usize::from(x["victim"] == "Side B");
        check_exchange(x, &case.sides[victim]);
    }
    if let Some(mc) = json.get("monte_carlo") {
        assert_unit(num(&mc["index"], "min"), "monte carlo index min");
        assert_unit(num(&mc["index"], "max"), "monte carlo index max");
        for x in mc["exchanges"].as_array().unwrap() {
            for (k, p) in x["p_at_least"].as_object().unwrap() {
                assert_unit(p.as_f64().unwrap(), &format!("p_at_least[{k}]"));
            }
            for key in ["damage_to_striker", "damage_to_victim"] {
                assert_unit(num(&x[key], "min"), key);
                assert_unit(num(&x[key], "max"), key);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn reports_keep_the_documented_invariants(case in case()) {
        let dir = std::env::temp_dir().join(format!("reykjavik-invariants-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("generated.toml");
        std::fs::write(&path, case.toml()).unwrap();
        let file = path.to_str().unwrap();
        reykjavik_scenario::load(file).unwrap_or_else(|e| panic!("{e}\n{}", case.toml()));
        let mut args = vec!["--alert", case.alert];
        if case.launch_under_attack {
            args.push("--launch-under-attack");
        }
        let text = analyze(file, &[&args[..], &["--curve", "--certify"]].concat()).unwrap();
        assert_text_is_finite(&text);
        let json = analyze(file, &[&args[..], &["--format", "json", "--certify"]].concat()).unwrap();
        check_report(&serde_json::from_str(&json).unwrap(), &case);
        let trials = [&args[..], &["--trials", "16", "--format", "json"]].concat();
        let mc = analyze(file, &trials).unwrap();
        check_report(&serde_json::from_str(&mc).unwrap(), &case);
        let mc_text = analyze(file, &[&args[..], &["--trials", "16"]].concat()).unwrap();
        assert_text_is_finite(&mc_text);
    }
}
