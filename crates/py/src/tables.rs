//! Tables the CLI has no JSON for: one row per Monte Carlo trial, and the sweep's points in the
//! CLI's CSV columns. Column-major (`names`, one `Vec<f64>` per column) so Python builds a pandas
//! DataFrame or an Arrow table without copying row by row; whole numbers (counts) are exact in
//! f64. The trial table can be read back (`trials_from_columns`), so trials computed elsewhere
//! (Dask work units) are summarised by the CLI's own Monte Carlo builder.

use reykjavik_engine::model::Scenario;
use reykjavik_engine::montecarlo::{ExchangeSample, Trial};
use reykjavik_engine::sweep::{Axis, SweepPoint};

/// A table as column names and columns of equal length.
pub type Columns = (Vec<String>, Vec<Vec<f64>>);

/// One column of the trial table; `e` is the exchange (side `e` strikes first), `j` a victim
/// force element.
#[derive(Debug, Clone, Copy)]
enum TrialColumn {
    Trial,
    Index,
    Ratio(usize),
    Spent(usize),
    StrikerArriving(usize),
    DamageToStriker(usize),
    DamageToVictim(usize),
    CostToStriker(usize),
    CostToVictim(usize),
    Surviving(usize, usize),
    Arriving(usize, usize),
}

fn trial_columns(scenario: &Scenario) -> Vec<TrialColumn> {
    use TrialColumn::*;
    let mut out = vec![Trial, Index, Ratio(0), Ratio(1)];
    for e in 0..2 {
        out.extend([
            Spent(e),
            StrikerArriving(e),
            DamageToStriker(e),
            DamageToVictim(e),
            CostToStriker(e),
            CostToVictim(e),
        ]);
        let victim = &scenario.sides[1 - e];
        out.extend((0..victim.forces.len()).map(|j| Surviving(e, j)));
        out.extend((0..victim.forces.len()).map(|j| Arriving(e, j)));
    }
    out
}

impl TrialColumn {
    /// `ratio[Russia]`, `damage_to_victim[Russia first]`,
    /// `victim_arriving_warheads[Russia first][Minuteman III]`.
    fn name(self, scenario: &Scenario) -> String {
        use TrialColumn::*;
        let side = |s: usize| scenario.sides[s].name.as_str();
        let first = |e: usize| format!("{} first", side(e));
        let element = |e: usize, j: usize| scenario.sides[1 - e].forces[j].name.as_str();
        match self {
            Trial => "trial".into(),
            Index => "index".into(),
            Ratio(s) => format!("ratio[{}]", side(s)),
            Spent(e) => format!("counterforce_warheads_spent[{}]", first(e)),
            StrikerArriving(e) => format!("striker_arriving_warheads[{}]", first(e)),
            DamageToStriker(e) => format!("damage_to_striker[{}]", first(e)),
            DamageToVictim(e) => format!("damage_to_victim[{}]", first(e)),
            CostToStriker(e) => format!("cost_to_striker[{}]", first(e)),
            CostToVictim(e) => format!("cost_to_victim[{}]", first(e)),
            Surviving(e, j) => {
                format!("victim_surviving_warheads[{}][{}]", first(e), element(e, j))
            }
            Arriving(e, j) => format!("victim_arriving_warheads[{}][{}]", first(e), element(e, j)),
        }
    }

    fn get(self, number: u64, t: &Trial) -> f64 {
        use TrialColumn::*;
        match self {
            Trial => number as f64,
            Index => t.index,
            Ratio(s) => t.ratios[s],
            Spent(e) => f64::from(t.exchanges[e].counterforce_warheads_spent),
            StrikerArriving(e) => f64::from(t.exchanges[e].striker_arriving),
            DamageToStriker(e) => t.exchanges[e].damage_to_striker,
            DamageToVictim(e) => t.exchanges[e].damage_to_victim,
            CostToStriker(e) => t.exchanges[e].cost_to_striker,
            CostToVictim(e) => t.exchanges[e].cost_to_victim,
            Surviving(e, j) => f64::from(t.exchanges[e].victim_surviving[j]),
            Arriving(e, j) => f64::from(t.exchanges[e].victim_arriving[j]),
        }
    }

    /// Writes a value read back from the table; counts were written from u32, so the cast is exact.
    fn set(self, t: &mut Trial, v: f64) {
        use TrialColumn::*;
        let count = v as u32;
        match self {
            Trial => {}
            Index => t.index = v,
            Ratio(s) => t.ratios[s] = v,
            Spent(e) => t.exchanges[e].counterforce_warheads_spent = count,
            StrikerArriving(e) => t.exchanges[e].striker_arriving = count,
            DamageToStriker(e) => t.exchanges[e].damage_to_striker = v,
            DamageToVictim(e) => t.exchanges[e].damage_to_victim = v,
            CostToStriker(e) => t.exchanges[e].cost_to_striker = v,
            CostToVictim(e) => t.exchanges[e].cost_to_victim = v,
            Surviving(e, j) => t.exchanges[e].victim_surviving[j] = count,
            Arriving(e, j) => t.exchanges[e].victim_arriving[j] = count,
        }
    }
}

/// The trial table of trials numbered `first`, `first + 1`, ...
pub fn trials_table(scenario: &Scenario, trials: &[Trial], first: u64) -> Columns {
    let columns = trial_columns(scenario);
    let names = columns.iter().map(|c| c.name(scenario)).collect();
    let data = columns
        .iter()
        .map(|c| (first..).zip(trials).map(|(n, t)| c.get(n, t)).collect())
        .collect();
    (names, data)
}

fn empty_trial(scenario: &Scenario) -> Trial {
    let sample = |e: usize| ExchangeSample {
        counterforce_warheads_spent: 0,
        victim_surviving: vec![0; scenario.sides[1 - e].forces.len()],
        victim_arriving: vec![0; scenario.sides[1 - e].forces.len()],
        striker_arriving: 0,
        damage_to_striker: 0.0,
        damage_to_victim: 0.0,
        cost_to_striker: 0.0,
        cost_to_victim: 0.0,
    };
    Trial {
        index: 0.0,
        ratios: [0.0; 2],
        exchanges: [sample(0), sample(1)],
    }
}

/// Trials back from a trial table of this scenario (columns in any order); the message names
/// a missing column or a length that differs.
pub fn trials_from_columns(scenario: &Scenario, table: &Columns) -> Result<Vec<Trial>, String> {
    let (names, data) = table;
    let rows = data.first().map_or(0, Vec::len);
    let mut trials = vec![empty_trial(scenario); rows];
    for column in trial_columns(scenario) {
        let name = column.name(scenario);
        let k = names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| format!("the trial table has no column `{name}`"))?;
        let values = data.get(k).filter(|v| v.len() == rows).ok_or_else(|| {
            format!("column `{name}` does not have {rows} rows like the first column")
        })?;
        for (t, &v) in trials.iter_mut().zip(values) {
            column.set(t, v);
        }
    }
    Ok(trials)
}

/// The sweep table in the CLI's CSV columns (`reykjavik sweep -o FILE.csv`), named by the
/// shared output crate.
pub fn sweep_table(scenario: &Scenario, axes: &[Axis], points: &[SweepPoint]) -> Columns {
    let names = reykjavik_report::sweep::columns(scenario, axes, None)
        .into_iter()
        .map(|(name, _)| name)
        .collect::<Vec<_>>();
    let mut data = vec![Vec::with_capacity(points.len()); names.len()];
    for point in points {
        let row = reykjavik_report::sweep::columns(scenario, axes, Some(point));
        for (column, (_, value)) in data.iter_mut().zip(row) {
            column.push(value);
        }
    }
    (names, data)
}
