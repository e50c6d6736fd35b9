//! Fields by path (`plant[0].machines`, `stock[LEU 3.67 %].mass_kg`, `setup_months`) to set
//! one input, and the negotiator's question: which value of one field gives a breakout time of
//! M months? Bisection on a field the breakout time is monotone in.

use crate::FissileError;
use crate::breakout;
use crate::case::{Case, limits};
use crate::uncertain::Uncertain;

/// A numeric input the solver and sweeps can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Machines(usize),
    SwuPerMachineYear(usize),
    Efficiency(usize),
    StockKg(usize),
    SetupMonths,
}

/// The paths that can be set, for messages.
pub const FIELDS: &str = "plant[I].machines, plant[I].swu_per_machine_year, plant[I].efficiency, stock[I].mass_kg, setup_months (I: an index or a name)";

impl Field {
    /// Parses `path` against `case` (an index or a name in brackets).
    pub fn parse(case: &Case, path: &str) -> Result<Self, FissileError> {
        let unknown = || FissileError::UnknownField(format!("no field `{path}`; one of: {FIELDS}"));
        if path == "setup_months" {
            return Ok(Self::SetupMonths);
        }
        let (table, rest) = path.split_once('[').ok_or_else(unknown)?;
        let (key, field) = rest.split_once("].").ok_or_else(unknown)?;
        let names: Vec<&str> = match table {
            "plant" => case.plants.iter().map(|p| p.name.as_str()).collect(),
            "stock" => case.stocks.iter().map(|s| s.name.as_str()).collect(),
            _ => return Err(unknown()),
        };
        let index = key
            .parse::<usize>()
            .ok()
            .filter(|&i| i < names.len())
            .or_else(|| names.iter().position(|n| *n == key))
            .ok_or_else(unknown)?;
        match (table, field) {
            ("plant", "machines") => Ok(Self::Machines(index)),
            ("plant", "swu_per_machine_year") => Ok(Self::SwuPerMachineYear(index)),
            ("plant", "efficiency") => Ok(Self::Efficiency(index)),
            ("stock", "mass_kg") => Ok(Self::StockKg(index)),
            _ => Err(unknown()),
        }
    }

    /// The range the solver searches: the field's valid range.
    pub fn range(self) -> (f64, f64) {
        match self {
            Self::Machines(_) => limits::MACHINES,
            Self::SwuPerMachineYear(_) => limits::SWU_PER_MACHINE_YEAR,
            Self::Efficiency(_) => (1e-6, 1.0),
            Self::StockKg(_) => limits::URANIUM_KG,
            Self::SetupMonths => limits::SETUP_MONTHS,
        }
    }

    /// Whether a larger value lengthens the breakout (else it shortens it or leaves it).
    pub fn lengthens(self) -> bool {
        self == Self::SetupMonths
    }

    pub fn is_count(self) -> bool {
        matches!(self, Self::Machines(_))
    }

    /// Sets the field to a fixed `value` (replacing any distribution).
    pub fn set(self, case: &mut Case, value: f64) {
        match self {
            Self::Machines(i) => case.plants[i].machines = value,
            Self::SwuPerMachineYear(i) => {
                case.plants[i].swu_per_machine_year = Uncertain::Fixed(value)
            }
            Self::Efficiency(i) => case.plants[i].efficiency = Uncertain::Fixed(value),
            Self::StockKg(i) => case.stocks[i].mass_kg = Uncertain::Fixed(value),
            Self::SetupMonths => case.setup_months = Uncertain::Fixed(value),
        }
    }
}

/// The answer: the field's value at which the breakout takes the target time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Solution {
    pub field: Field,
    /// For a count, the largest whole number that keeps the breakout at or above the target
    /// (the smallest for a field that lengthens it); else the crossing point.
    pub value: f64,
    /// Months to the first significant quantity at `value` (`None`: never).
    pub months: Option<f64>,
}

/// Months to the first significant quantity at the central values with `field` = `value`;
/// infinite when it can never be made.
fn months_at(case: &Case, field: Field, value: f64) -> f64 {
    let mut copy = case.clone();
    field.set(&mut copy, value);
    breakout::compute(&copy, &copy.central())
        .months_to_first()
        .unwrap_or(f64::INFINITY)
}

/// The value of the field at `path` that gives a breakout of `target_months` (at the central
/// values of every other input).
pub fn solve(case: &Case, path: &str, target_months: f64) -> Result<Solution, FissileError> {
    if !(target_months.is_finite() && target_months > 0.0) {
        return Err(FissileError::out_of_range(
            "--target-months",
            target_months,
            "a positive number of months",
        ));
    }
    let field = Field::parse(case, path)?;
    let (low, high) = field.range();
    // Work with a time that falls as the search variable rises.
    let falling = |v: f64| {
        let months = months_at(case, field, v);
        if field.lengthens() { -months } else { months }
    };
    let target = if field.lengthens() {
        -target_months
    } else {
        target_months
    };
    check_bracket(
        path,
        target_months,
        falling(low),
        falling(high),
        target,
        (low, high),
        field,
    )?;
    let crossing = bisect(&falling, target, low, high);
    let value = if field.is_count() {
        whole(&falling, target, crossing)
    } else {
        crossing
    };
    let months = months_at(case, field, value);
    Ok(Solution {
        field,
        value,
        months: months.is_finite().then_some(months),
    })
}

fn check_bracket(
    path: &str,
    target_months: f64,
    at_low: f64,
    at_high: f64,
    target: f64,
    (low, high): (f64, f64),
    field: Field,
) -> Result<(), FissileError> {
    let show = |t: f64| {
        let t = t.abs();
        if t.is_finite() {
            format!("{t:.2} months")
        } else {
            "never".to_string()
        }
    };
    if at_low < target || at_high > target {
        let (lo_text, hi_text) = (show(at_low), show(at_high));
        let direction = if field.lengthens() {
            "lengthens"
        } else {
            "shortens"
        };
        return Err(FissileError::NoSolution(format!(
            "no value of `{path}` in its range {low} to {high} gives a breakout of {target_months} months: \
             the breakout is {lo_text} at {low} and {hi_text} at {high} (a larger value {direction} it)"
        )));
    }
    Ok(())
}

/// The largest v in [low, high] with falling(v) >= target, for falling non-increasing.
fn bisect(falling: &impl Fn(f64) -> f64, target: f64, mut low: f64, mut high: f64) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        if falling(mid) >= target {
            low = mid;
        } else {
            high = mid;
        }
    }
    low
}

/// The largest whole number at or below `crossing` that keeps falling(v) >= target.
fn whole(falling: &impl Fn(f64) -> f64, target: f64, crossing: f64) -> f64 {
    let mut v = crossing.floor();
    while v > 0.0 && falling(v) < target {
        v -= 1.0;
    }
    v
}
