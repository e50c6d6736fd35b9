//! The breakout grid (`breakout CASE --vary`) through the analyses layer: a point's figures
//! against the single-case breakout (same bits) and against the separative work computed by
//! hand, the grid order (first axis slowest), the cap, and every error in the CLI's words.

use reykjavik_analyses::breakout::{
    GridAxis, GridError, GridRequest, MAX_POINTS, MAX_STEPS, Request, grid, run,
};
use reykjavik_fissile::case::Case;
use reykjavik_fissile::uncertain::Uncertain;

fn jcpoa() -> (Case, String) {
    let (text, label) = reykjavik_scenario::breakout::source_text("iran-jcpoa").unwrap();
    (
        reykjavik_scenario::breakout::parse(&text, &label).unwrap(),
        label,
    )
}

fn axis(path: &str, start: f64, stop: f64, steps: usize) -> GridAxis {
    GridAxis {
        path: path.into(),
        start,
        stop,
        steps,
    }
}

fn request(axes: Vec<GridAxis>) -> GridRequest {
    let (case, label) = jcpoa();
    GridRequest {
        case,
        label,
        axes,
        max_points: None,
    }
}

/// Machines 1000, 3000, 5000 against the stock cap 0, 100, 200, 300 kg.
fn machines_by_stock() -> GridRequest {
    request(vec![
        axis("plant[0].machines", 1000.0, 5000.0, 3),
        axis("stock[0].mass_kg", 0.0, 300.0, 4),
    ])
}

fn error(r: &GridRequest) -> GridError {
    grid(r).err().expect("the grid is refused")
}

#[test]
fn grid_point_is_the_single_case_breakout_bit_for_bit() {
    let r = machines_by_stock();
    let computed = grid(&r).unwrap();
    let row = &computed.rows()[6]; // machines 3000, stock 200 kg
    assert_eq!(row.values, vec![3000.0, 200.0]);
    let (mut case, label) = jcpoa();
    case.plants[0].machines = 3000.0;
    case.stocks[0].mass_kg = Uncertain::Fixed(200.0);
    let single = run(&Request {
        case,
        label,
        monte_carlo: None,
        solve: None,
    })
    .unwrap()
    .json();
    let months = single["months_to_first"].as_f64().unwrap();
    assert_eq!(row.months_to_first.unwrap().to_bits(), months.to_bits());
    let last = single["quantities"][2]["months"].as_f64().unwrap();
    assert_eq!(row.months_to_last.unwrap().to_bits(), last.to_bits());
    assert_eq!(row.quantities_made, 3);
    assert_eq!(row.route, "direct");
}

/// Value function of the separative work, V(x) = (2x - 1) ln(x / (1 - x)).
fn value(x: f64) -> f64 {
    (2.0 * x - 1.0) * (x / (1.0 - x)).ln()
}

#[test]
fn no_stock_point_is_the_natural_feed_separative_work_by_hand() {
    // 25 kg of 90 % from natural uranium (0.711 %) at 0.3 % tails: F/P = 0.897 / 0.00411,
    // SWU = P V(0.9) + T V(0.003) - F V(0.00711) = 4,823 SWU; 1000 IR-1 at 1 SWU a year make
    // it in 4.823 years, 57.88 months; three quantities in three times that.
    let (p, f) = (25.0, 25.0 * (0.9 - 0.003) / (0.00711 - 0.003));
    let swu = p * value(0.9) + (f - p) * value(0.003) - f * value(0.00711);
    assert!((swu - 4823.0).abs() < 1.0, "{swu}");
    let r = machines_by_stock();
    let computed = grid(&r).unwrap();
    let row = &computed.rows()[0];
    assert_eq!(row.values, vec![1000.0, 0.0]);
    let months = 12.0 * swu / 1000.0;
    assert!((row.months_to_first.unwrap() / months - 1.0).abs() < 1e-6);
    assert!((row.months_to_last.unwrap() / (3.0 * months) - 1.0).abs() < 1e-6);
    // Three times the machines, a third of the time.
    let faster = computed.rows()[4].months_to_first.unwrap();
    assert!((faster * 3.0 / row.months_to_first.unwrap() - 1.0).abs() < 1e-12);
}

#[test]
fn first_axis_slowest() {
    for (n, m) in [(1, 1), (1, 4), (3, 1), (3, 4), (5, 2)] {
        let r = request(vec![
            axis("plant[0].machines", 1000.0, 5000.0, n),
            axis("stock[0].mass_kg", 0.0, 300.0, m),
        ]);
        let (outer, inner) = (r.axes[0].values(), r.axes[1].values());
        let computed = grid(&r).unwrap();
        let values: Vec<Vec<f64>> = computed.rows().iter().map(|r| r.values.clone()).collect();
        let expected: Vec<Vec<f64>> = outer
            .iter()
            .flat_map(|&v| inner.iter().map(move |&w| vec![v, w]))
            .collect();
        assert_eq!(values, expected, "{n} x {m}");
    }
    let line = request(vec![axis("setup_months", 2.0, 9.0, 1)]);
    let rows: Vec<Vec<f64>> = grid(&line)
        .unwrap()
        .rows()
        .iter()
        .map(|r| r.values.clone())
        .collect();
    assert_eq!(rows, vec![vec![2.0]], "one step: the start alone");
}

#[test]
fn csv_and_document_have_the_same_rows() {
    let r = request(vec![axis("plant[0].machines", 0.0, 5000.0, 2)]);
    let computed = grid(&r).unwrap();
    let csv = computed.csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "plant[0].machines,months_to_first,months_to_last,quantities_made,route"
    );
    assert_eq!(lines[1], "0,,,0,\"direct\"", "no machines: never");
    let doc = computed.json();
    assert_eq!(doc["kind"], "breakout-grid");
    assert_eq!(doc["axes"][0]["values"], serde_json::json!([0.0, 5000.0]));
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["months_to_first"].is_null());
    assert_eq!(rows[0]["quantities_made"], 0);
    let months = rows[1]["months_to_first"].as_f64().unwrap();
    assert_eq!(lines[2].split(',').nth(1).unwrap(), months.to_string());
}

#[test]
fn cap_on_points() {
    let mut r = machines_by_stock();
    r.max_points = Some(11);
    assert_eq!(r.points(), 12);
    let e = error(&r);
    assert_eq!(
        e,
        GridError::TooManyPoints {
            points: 12,
            most: 11
        }
    );
    assert_eq!(
        e.command_line_message(),
        "--vary: 12 grid points is too many (at most 11)"
    );
    r.max_points = Some(12);
    assert_eq!(grid(&r).unwrap().rows().len(), 12);
}

/// Whatever a face allows, no grid has more than `MAX_POINTS` points: two axes of 1,001 steps
/// are refused, with no cap given and with a larger one.
#[test]
fn no_grid_exceeds_the_layer_cap() {
    let mut r = request(vec![
        axis("plant[0].machines", 1000.0, 5000.0, 1001),
        axis("stock[0].mass_kg", 0.0, 300.0, 1001),
    ]);
    for face_cap in [None, Some(usize::MAX)] {
        r.max_points = face_cap;
        assert_eq!(
            error(&r),
            GridError::TooManyPoints {
                points: 1001 * 1001,
                most: MAX_POINTS
            }
        );
    }
}

#[test]
fn errors_in_the_command_line_words() {
    let form = "(expected PATH=START:STOP:STEPS, e.g. plant[0].machines=1000:10000:10)";
    let one = |a: GridAxis| error(&request(vec![a])).command_line_message();
    assert_eq!(
        error(&request(vec![])).command_line_message(),
        "--vary: give one or two axes (a line or a grid)"
    );
    let three = vec![axis("setup_months", 0.0, 1.0, 2); 3];
    assert_eq!(error(&request(three)), GridError::Axes(3));
    assert_eq!(
        one(axis("setup_months", 0.0, 1.0, 0)),
        format!(
            "--vary setup_months=0:1:0: STEPS must be a whole number from 1 to {MAX_STEPS} {form}"
        )
    );
    assert_eq!(
        one(axis("setup_months", 0.0, 1.0, MAX_STEPS + 1)),
        format!(
            "--vary setup_months=0:1:10001: STEPS must be a whole number from 1 to 10000 {form}"
        )
    );
    assert_eq!(
        one(axis("setup_months", f64::NAN, 1.0, 2)),
        format!("--vary setup_months=NaN:1:2: `NaN` is not a number {form}")
    );
    assert!(matches!(
        error(&request(vec![axis("plant[9].nope", 0.0, 1.0, 2)])),
        GridError::Field(_)
    ));
    assert!(
        one(axis("plant[9].nope", 0.0, 1.0, 2)).starts_with("no field `plant[9].nope`; one of:")
    );
    let bad_point = request(vec![
        axis("plant[0].machines", 1000.0, 2000.0, 2),
        axis("plant[0].efficiency", 1.0, 0.0, 3),
    ]);
    let e = error(&bad_point);
    assert!(matches!(&e, GridError::Point { values, .. } if values == &vec![1000.0, 0.0]));
    assert_eq!(
        e.command_line_message(),
        "--vary: at 1000, 0: plant[0].efficiency = 0 is out of range (valid: (0, 1])"
    );
}

#[test]
fn command_line_axes_in_the_cli_order() {
    let (case, _) = jcpoa();
    let parsed = GridAxis::parse(&case, " plant[0].machines = 1000 : 10000 : 10").unwrap();
    assert_eq!(parsed, axis("plant[0].machines", 1000.0, 10000.0, 10));
    let form = "(expected PATH=START:STOP:STEPS, e.g. plant[0].machines=1000:10000:10)";
    let message = |text: &str| {
        GridAxis::parse(&case, text)
            .unwrap_err()
            .command_line_message()
    };
    assert_eq!(
        message("plant[0].machines"),
        format!("--vary plant[0].machines: no `=` {form}")
    );
    assert_eq!(
        message("plant[0].machines=1:2"),
        format!("--vary plant[0].machines=1:2: give START:STOP:STEPS {form}")
    );
    assert_eq!(
        message("plant[0].machines=1:inf:3"),
        format!("--vary plant[0].machines=1:inf:3: `inf` is not a number {form}")
    );
    assert_eq!(
        message("plant[0].machines=1:2:x"),
        format!(
            "--vary plant[0].machines=1:2:x: STEPS must be a whole number from 1 to 10000 {form}"
        )
    );
    // The field is checked before the numbers, as the CLI always has.
    assert!(matches!(
        GridAxis::parse(&case, "plant[9].nope=1:2:x"),
        Err(GridError::Field(_))
    ));
}
