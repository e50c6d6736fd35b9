//! The stop search inside one piece of the draw-down curve (`CurveDetail::StopOnly`): branch and
//! bound over the warheads of one batch, exact.
//!
//! Along a piece the striker's cost is c(t) = f(t) + g(t), with f = h_s(A_s(t)) and
//! g = s (1 - h_v(A_v(t))), h(a) = D(a)^e, D(a) = 1 - 0.2^(a / w80): A_s is the victim's
//! retaliation arriving on the striker, A_v the striker's weapons arriving on the victim's value,
//! t the warheads of the batch committed so far. Both arrivals never rise along the curve. A part
//! [lo, hi] of the piece whose lower bound on c lies above the lowest cost found by more than the
//! tie tolerance (and the rounding slack) holds no point the stop rule could pick.
//!
//! **The monotone bound** (always valid): f never rises and g never falls, so
//! c(t) >= f(hi) + g(lo).
//!
//! **The curvature bound** (when its conditions hold at both ends).
//! 1. Each arrival is A(t) = U L / R + O: U, R and O are the ballistic value units, ballistic RVs
//!    and other value units on their way (affine in t along a piece: one element's count moves)
//!    and L the RVs that leak through the value layers. While every layer stays in one regime (an
//!    unsaturated layer scales the RVs by 1 - p, a saturated one removes capacity x p of them) and
//!    no `max(0, .)` clamp of `ValueAttack::resolve` acts, L is affine in t too. The RVs each layer
//!    sees are affine, so the same regime at both ends (with U, R, O >= 0 and R > 0 there) means
//!    the same regime throughout.
//! 2. Then A'' = 2 (U' R - U R') (L' R - L R') / R^3, and both brackets are constant in t (the
//!    derivative of U' R - U R' is U' R' - U' R' = 0): the sign of their product at one end is the
//!    sign of A'' over the whole part. A concave A lies below its tangents and above its chord; a
//!    convex one the reverse.
//! 3. For e <= 1, h is concave and increasing (D is, and x^e is for e <= 1). So on the values
//!    A_s takes between its ends, h_s lies above its chord: f(t) >= f(hi) + lambda (A_s(t) -
//!    A_s(hi)) with lambda = (f(lo) - f(hi)) / (A_s(lo) - A_s(hi)) >= 0, and a lower bound on
//!    A_s(t) (its chord if concave, its tangents if convex) keeps it valid. And G(a) =
//!    s (1 - h_v(a)) is convex and decreasing, so g(t) >= g(end) + G'(A_v(end)) (A_v(t) -
//!    A_v(end)) at either end, and an upper bound on A_v(t) (its tangents if concave, its chord if
//!    convex) keeps it valid, since G' <= 0.
//!
//! Each half is then bounded below by the largest of a few lines in t (with f(hi) and g(lo), the
//! monotone bound's, among them), so the bound is convex and piecewise linear: its least value over
//! the points strictly inside [lo, hi] (the ends are offered already) is at the first or last of
//! them or at a whole number next to where two lines of one half cross. The split goes there. Slopes come
//! from values the evaluation already has, no extra power: G'(a) = -s e D^e / D x D'(a) with
//! D' = ln 5 / w80 x (1 - D), and dA/dt from the flows.
//!
//! Rounding: the bound is computed from rounded values, as the monotone one is; `BOUND_SLACK`
//! (1e-9 in cost) covers it. Where A is affine up to rounding, the curvature sign may come out
//! either way; both bounds then agree to the level of rounding.

use super::{
    BOUND_SLACK, COST_TIE, CurvePoint, Flow, Piece, Setup, StopRule, ValueAttack, evaluate,
};

/// The two halves of the striker's cost at a curve point, f = D_s^e and g = s (1 - D_v^e), and
/// what the curvature bound needs there: D_v^e, D_v, and the arrivals A_s and A_v.
#[derive(Debug, Clone, Copy)]
pub(super) struct Halves {
    f: f64,
    g: f64,
    to_victim: f64,
    damage_to_victim: f64,
    arriving: [f64; 2],
}

/// An evaluated point of a piece, with the curvature bound's data there once it is asked for.
#[derive(Debug, Clone, Copy)]
struct Sample {
    t: usize,
    halves: Halves,
    shape: Option<Shape>,
}

/// How the curve moves at a sample, for the curvature bound; `usable` is false where its
/// conditions fail (a clamp could act, e > 1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Shape {
    usable: bool,
    /// Saturated value layers (bit k: layer k) on the striker and on the victim.
    saturated: [u32; 2],
    /// Whether A_s and A_v are convex (else concave) in t while these regimes hold.
    convex: [bool; 2],
    /// dA_s/dt and dA_v/dt.
    slope: [f64; 2],
    /// dG/dA_v = -s dh_v/da at A_v; NaN where unknown (D_v = 0 and e < 1).
    g_per_arrival: f64,
}

impl Shape {
    const UNUSABLE: Shape = Shape {
        usable: false,
        saturated: [0; 2],
        convex: [false; 2],
        slope: [0.0; 2],
        g_per_arrival: f64::NAN,
    };
}

/// An arriving flow at one point of a piece: its layers' regime, dA/dt, and whether A is convex
/// in t while that regime holds.
struct Arrival {
    saturated: u32,
    slope: f64,
    convex: bool,
}

/// [`Arrival`] of `attack`'s flow `at` (moving by `per` per warhead) through layers with
/// `capacity`; `None` where a clamp of `ValueAttack::resolve` could act.
fn arrival(attack: &ValueAttack, capacity: &[f64], at: Flow, per: Flow) -> Option<Arrival> {
    let (u, r, o) = (at.ballistic_units, at.ballistic_rvs, at.other_units);
    let (du, dr, d_o) = (per.ballistic_units, per.ballistic_rvs, per.other_units);
    if u < 0.0 || r < 0.0 || o < 0.0 {
        return None;
    }
    if attack.layers.is_empty() {
        return Some(Arrival {
            saturated: 0,
            slope: du + d_o,
            convex: false,
        });
    }
    if r <= 0.0 {
        return None;
    }
    // Leaking RVs and their slope, layer by layer.
    let (mut l, mut dl, mut saturated) = (r, dr, 0u32);
    for (k, &(layer, p)) in attack.layers.iter().enumerate() {
        if l > capacity[layer] {
            saturated |= 1 << k;
            l -= capacity[layer] * p;
        } else {
            l *= 1.0 - p;
            dl *= 1.0 - p;
        }
    }
    Some(Arrival {
        saturated,
        slope: (du * l + u * dl) / r - u * l * dr / (r * r) + d_o,
        convex: (du * r - u * dr) * (dl * r - l * dr) > 0.0,
    })
}

/// The sample at `t` of a piece, evaluated to `halves`; its shape is left for [`shaped`].
fn sample(t: usize, halves: Halves) -> Sample {
    Sample {
        t,
        halves,
        shape: None,
    }
}

/// `sample` with its shape.
fn shaped(s: &Setup, piece: &Piece, mut sample: Sample) -> Sample {
    give_shape(s, piece, &mut sample);
    sample
}

/// Computes `sample`'s shape unless it has one.
fn give_shape(s: &Setup, piece: &Piece, sample: &mut Sample) {
    if sample.shape.is_none() {
        sample.shape = Some(shape(s, piece, sample));
    }
}

/// The search's scratch space, reused across pieces: the samples of the piece being searched
/// and the parts still open, as pairs of indices into them (each sample is shaped once).
#[derive(Debug, Default)]
pub(super) struct Scratch {
    samples: Vec<Sample>,
    parts: Vec<(usize, usize)>,
}

/// How the curve moves at `sample`.
fn shape(s: &Setup, piece: &Piece, sample: &Sample) -> Shape {
    if s.options.cost_exponent > 1.0 {
        return Shape::UNUSABLE;
    }
    let x = sample.t as f64;
    let on_striker = arrival(
        &s.on_striker,
        &s.striker_capacity,
        piece.victim_flow.plus(piece.victim_flow_per_warhead, x),
        piece.victim_flow_per_warhead,
    );
    let on_victim = arrival(
        &s.on_victim,
        &s.initial_capacity,
        piece.striker_flow.plus(piece.striker_flow_per_warhead, x),
        piece.striker_flow_per_warhead,
    );
    let (Some(a_s), Some(a_v)) = (on_striker, on_victim) else {
        return Shape::UNUSABLE;
    };
    Shape {
        usable: true,
        saturated: [a_s.saturated, a_v.saturated],
        convex: [a_s.convex, a_v.convex],
        slope: [a_s.slope, a_v.slope],
        g_per_arrival: g_per_arrival(s, &sample.halves),
    }
}

/// dG/dA_v = -s e D^(e - 1) D'(A_v), with D' = ln 5 / w80 x (1 - D); NaN at D = 0 (where D^e has
/// no finite slope for e < 1).
fn g_per_arrival(s: &Setup, h: &Halves) -> f64 {
    let options = s.options;
    if options.cost_surcharge == 0.0 {
        return 0.0;
    }
    let d = h.damage_to_victim;
    if d <= 0.0 {
        return f64::NAN;
    }
    let ln_5 = std::f64::consts::LN_10 - std::f64::consts::LN_2;
    let damage_slope = ln_5 / s.defender.value.w80 * (1.0 - d);
    -options.cost_surcharge * options.cost_exponent * (h.to_victim / d) * damage_slope
}

/// A line in x = t - lo: value at x = 0, slope.
type Line = (f64, f64);

/// Where [`bound_and_split`] evaluates its bound: the first and last point inside a part and
/// the whole numbers either side of each crossing of two lines of one half (at most 3 + 3).
const CANDIDATES: usize = 2 + 2 * 6;

/// Up to four lines; their largest value bounds one half of the cost from below.
#[derive(Default)]
struct Lines {
    lines: [Line; 4],
    n: usize,
}

impl Lines {
    fn push(&mut self, line: Line) {
        if line.0.is_finite() && line.1.is_finite() {
            self.lines[self.n] = line;
            self.n += 1;
        }
    }
    fn at(&self, x: f64) -> f64 {
        self.lines[..self.n]
            .iter()
            .map(|(a, b)| a + b * x)
            .fold(f64::NEG_INFINITY, f64::max)
    }
    /// The whole numbers on either side of where two of the lines cross inside (1, w - 1).
    fn crossings(&self, w: f64, out: &mut [f64; CANDIDATES], n: &mut usize) {
        for i in 0..self.n {
            for j in i + 1..self.n {
                let ((a1, b1), (a2, b2)) = (self.lines[i], self.lines[j]);
                let x = (a2 - a1) / (b1 - b2);
                if x > 1.0 && x < w - 1.0 && *n + 2 <= out.len() {
                    // x is positive and below a piece's length: truncation is its floor
                    // (`floor` and `ceil` are library calls on baseline x86-64).
                    let below = (x as u64) as f64;
                    out[*n] = below;
                    out[*n + 1] = if below < x { below + 1.0 } else { below };
                    *n += 2;
                }
            }
        }
    }
}

/// A line through (0, y0) and (w, y1).
fn chord(y0: f64, y1: f64, w: f64) -> Line {
    (y0, (y1 - y0) / w)
}

/// The tangent at `end` (x = 0 or x = w) with slope `slope`.
fn tangent(y: f64, slope: f64, x_end: f64) -> Line {
    (y - slope * x_end, slope)
}

/// Lines below f on [lo, hi] (the derivation in the module docs, step 3).
fn striker_lines(lo: &Sample, hi: &Sample, convex: bool, w: f64) -> Lines {
    let mut lines = Lines::default();
    let (f_lo, f_hi) = (lo.halves.f, hi.halves.f);
    lines.push((f_hi, 0.0));
    let (a_lo, a_hi) = (lo.halves.arriving[0], hi.halves.arriving[0]);
    if a_lo <= a_hi {
        return lines;
    }
    let lambda = (f_lo - f_hi) / (a_lo - a_hi);
    // f >= f_hi + lambda (A_low(t) - a_hi) for each line A_low below A_s.
    let through = |(a, b): Line| (f_hi + lambda * (a - a_hi), lambda * b);
    if convex {
        let (s_lo, s_hi) = (slope(lo, 0), slope(hi, 0));
        lines.push(through(tangent(a_lo, s_lo, 0.0)));
        lines.push(through(tangent(a_hi, s_hi, w)));
    } else {
        lines.push(through(chord(a_lo, a_hi, w)));
    }
    lines
}

/// Lines below g on [lo, hi] (the derivation in the module docs, step 3).
fn victim_lines(lo: &Sample, hi: &Sample, convex: bool, w: f64) -> Lines {
    let mut lines = Lines::default();
    lines.push((lo.halves.g, 0.0));
    let (a_lo, a_hi) = (lo.halves.arriving[1], hi.halves.arriving[1]);
    // g >= g(end) + G'(end) (A_up(t) - A(end)) for a line A_up above A_v.
    let from = |end: &Sample, (a, b): Line| {
        let k = end.shape.map_or(f64::NAN, |s| s.g_per_arrival);
        (end.halves.g + k * (a - end.halves.arriving[1]), k * b)
    };
    if convex {
        let above = chord(a_lo, a_hi, w);
        lines.push(from(lo, above));
        lines.push(from(hi, above));
    } else {
        lines.push(from(lo, tangent(a_lo, slope(lo, 1), 0.0)));
        lines.push(from(hi, tangent(a_hi, slope(hi, 1), w)));
    }
    lines
}

fn slope(sample: &Sample, side: usize) -> f64 {
    sample.shape.map_or(f64::NAN, |s| s.slope[side])
}

/// Whether the curvature bound holds on [lo, hi]: its conditions at both ends, one regime.
fn curvature_holds(lo: &Sample, hi: &Sample) -> Option<[bool; 2]> {
    let (a, b) = (lo.shape?, hi.shape?);
    (a.usable && b.usable && a.saturated == b.saturated && a.convex == b.convex).then_some(a.convex)
}

/// A lower bound on c over the points strictly between `lo` and `hi` (both shaped), and the
/// point to split at: the curvature bound where it holds, else the monotone one.
fn bound_and_split(lo: &Sample, hi: &Sample) -> (f64, usize) {
    let midpoint = lo.t + (hi.t - lo.t) / 2;
    let monotone = (hi.halves.f + lo.halves.g, midpoint);
    let Some(convex) = curvature_holds(lo, hi) else {
        return monotone;
    };
    let w = (hi.t - lo.t) as f64;
    let f = striker_lines(lo, hi, convex[0], w);
    let g = victim_lines(lo, hi, convex[1], w);
    // Only the points strictly inside count (the ends are offered already): the bound is
    // convex and piecewise linear, so its least value over the whole numbers in [1, w - 1] is
    // at an end of that range or next to a crossing, and it is never weaker than over [0, w]
    // (where an end that is the lowest cost so far would keep every part open).
    let mut candidates = [1.0; CANDIDATES];
    candidates[1] = w - 1.0;
    let mut n = 2;
    f.crossings(w, &mut candidates, &mut n);
    g.crossings(w, &mut candidates, &mut n);
    let (least, at) = candidates[..n]
        .iter()
        .map(|&x| (f.at(x) + g.at(x), x))
        .fold(
            (f64::INFINITY, 1.0),
            |best, c| if c.0 < best.0 { c } else { best },
        );
    if least.is_nan() || least < monotone.0 {
        // Never weaker than the monotone bound.
        return monotone;
    }
    let split = lo.t + at as usize;
    (least, split)
}

/// Whether no point strictly inside `piece` can be within the tie tolerance of `best`: none
/// there, or the monotone bound on its ends `ends` says so. Stays true as `best` falls.
pub(super) fn ruled_out(piece: &Piece, ends: &[Halves; 2], best: f64) -> bool {
    piece.count <= 1 || ends[1].f + ends[0].g > best + COST_TIE + BOUND_SLACK
}

/// Offers every point inside `piece` that could be within the tie tolerance of the lowest cost:
/// splits a part of the piece while its bound does not rule it out. `ends` are the piece's
/// evaluated ends (both already offered).
pub(super) fn search_piece(
    s: &Setup,
    piece: &Piece,
    ends: &[Halves; 2],
    best: &mut f64,
    rule: &mut StopRule,
    scratch: &mut Scratch,
) {
    // Most pieces are ruled out by the monotone bound on their ends: before any scratch.
    if ruled_out(piece, ends, *best) {
        return;
    }
    let Scratch { samples, parts } = scratch;
    samples.clear();
    parts.clear();
    samples.push(sample(0, ends[0]));
    samples.push(sample(piece.count, ends[1]));
    parts.push((0, 1));
    while let Some((lo, hi)) = parts.pop() {
        let cut = *best + COST_TIE + BOUND_SLACK;
        let (a, b) = (&samples[lo], &samples[hi]);
        if b.t - a.t <= 1 || b.halves.f + a.halves.g > cut {
            continue;
        }
        // Shapes only where the monotone bound does not settle the part.
        give_shape(s, piece, &mut samples[lo]);
        give_shape(s, piece, &mut samples[hi]);
        let (bound, split) = bound_and_split(&samples[lo], &samples[hi]);
        if bound > cut {
            continue;
        }
        let (k, point, f, g, to_victim) = evaluate(s, piece.first + split, &piece.at(s, split));
        *best = best.min(point.cost_to_striker);
        rule.offer(k, &point);
        let mid = samples.len();
        samples.push(shaped(
            s,
            piece,
            sample(split, halves(&point, f, g, to_victim)),
        ));
        parts.push((mid, hi));
        parts.push((lo, mid));
    }
}

/// The [`Halves`] of an evaluated point.
pub(super) fn halves(point: &CurvePoint, f: f64, g: f64, to_victim: f64) -> Halves {
    Halves {
        f,
        g,
        to_victim,
        damage_to_victim: point.damage_to_victim,
        arriving: [point.arriving_on_striker, point.arriving_on_victim],
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ExchangePosture, Trace, Workspace, set_up, worth_searching};
    use super::*;
    use crate::defense::{Coverage, FiringDoctrine, MissileDefenseLayer};
    use crate::model::{
        Alert, Basing, ByAlert, ForceElement, ModelOptions, Scenario, Side, ValueModel, ValueUnit,
    };
    use proptest::prelude::*;

    /// Silos (launchers, MIRVs, yield), a hidden sea leg (yield), value in EMT, a value layer.
    type Posture = (u32, u32, f64, f64, bool, Option<(u32, f64)>);

    fn side(name: &str, (silos, mirv, y, sea_y, emt, layer): Posture, w80: f64) -> Side {
        let mut sea = ForceElement::ballistic("boats", Basing::Submarine, 30, 4, sea_y, 300.0);
        sea.untargetable_share = ByAlert {
            day_to_day: 0.7,
            generated: 0.7,
        };
        Side {
            name: name.into(),
            value: ValueModel {
                unit: if emt {
                    ValueUnit::EquivalentMegatons
                } else {
                    ValueUnit::Warheads
                },
                w80,
            },
            forces: vec![
                ForceElement::ballistic("silos", Basing::Silo, silos, mirv, y, 150.0),
                sea,
            ],
            missile_defenses: layer
                .map(|(interceptors, sspk)| MissileDefenseLayer {
                    name: "value".into(),
                    interceptors,
                    interceptor_sspk: sspk,
                    doctrine: FiringDoctrine::Salvo { shots: 1 },
                    discrimination: 1.0,
                    covers: Coverage::Value,
                })
                .into_iter()
                .collect(),
            air_defenses: vec![],
            warhead_storage: vec![],
        }
    }

    fn posture() -> impl Strategy<Value = Posture> {
        (
            20u32..300,
            1u32..4,
            50.0f64..1000.0,
            50.0f64..1000.0,
            any::<bool>(),
            prop::option::of((0u32..600, 0.3f64..1.0)),
        )
    }

    /// Every sample of a piece, evaluated and shaped.
    fn samples(s: &Setup, piece: &Piece) -> Vec<Sample> {
        (0..=piece.count)
            .map(|t| {
                let (_, point, f, g, to_victim) = evaluate(s, piece.first + t, &piece.at(s, t));
                shaped(s, piece, sample(t, halves(&point, f, g, to_victim)))
            })
            .collect()
    }

    fn scenario(a: Posture, b: Posture, w80: (f64, f64), options: ModelOptions) -> Scenario {
        Scenario {
            name: "bound".into(),
            description: String::new(),
            options,
            sides: vec![side("A", a, w80.0), side("B", b, w80.1)],
            uncertain: vec![],
        }
    }

    /// Checks the bound on parts [lo, hi] of every piece of both strikes against the least cost
    /// strictly inside; returns the first failure, and on how many parts each bound was used
    /// ([monotone, curvature with A_v concave, curvature with A_v convex]).
    fn check_every_part(scenario: &Scenario) -> (Option<String>, [usize; 3]) {
        let posture = ExchangePosture {
            striker_alert: Alert::DayToDay,
            victim_alert: Alert::DayToDay,
            victim_launches_under_attack: false,
        };
        let mut workspace = Workspace::default();
        let mut used = [0; 3];
        for (striker, victim) in [(0, 1), (1, 0)] {
            let s = set_up(scenario, striker, victim, posture).unwrap();
            let mut greedy = workspace.greedy(&s, 1.0);
            let mut trace = Trace::start(&s);
            while let Some(batch) = greedy.step(|p| p.count) {
                let (Some(piece), _) = trace.advance_batch(&s, &batch) else {
                    continue;
                };
                let all = samples(&s, &piece);
                let cost = |x: &Sample| x.halves.f + x.halves.g;
                let n = all.len();
                let step = (n / 12).max(1);
                for lo in (0..n).step_by(step) {
                    for hi in (lo + 2..n).step_by(step) {
                        let (bound, split) = bound_and_split(&all[lo], &all[hi]);
                        let least = all[lo + 1..hi]
                            .iter()
                            .map(cost)
                            .fold(f64::INFINITY, f64::min);
                        if bound > least + 1e-12 || split <= lo || split >= hi {
                            let at =
                                format!("{striker} -> {victim}, part [{lo}, {hi}] of {}", n - 1);
                            return (
                                Some(format!("{at}: bound {bound} above {least}, split {split}")),
                                used,
                            );
                        }
                        let kind = curvature_holds(&all[lo], &all[hi])
                            .map_or(0, |c| 1 + usize::from(c[1]));
                        used[kind] += 1;
                    }
                }
            }
        }
        (None, used)
    }

    /// Stop-only search of both strikes two ways: every piece searched after planning (the
    /// plain form), and only the pieces [`worth_searching`] keeps as they are traced. Returns
    /// both forms' lowest cost and stop (Debug text: every bit), and how many pieces the plain
    /// form entered (evaluated a point of) that were not kept: none may be.
    fn search_every_piece_and_the_kept(scenario: &Scenario) -> Vec<([String; 2], usize)> {
        let posture = ExchangePosture {
            striker_alert: Alert::DayToDay,
            victim_alert: Alert::DayToDay,
            victim_launches_under_attack: false,
        };
        let mut workspace = Workspace::default();
        let mut forms = Vec::new();
        for (striker, victim) in [(0, 1), (1, 0)] {
            let s = set_up(scenario, striker, victim, posture).unwrap();
            let mut greedy = workspace.greedy(&s, 1.0);
            let mut trace = Trace::start(&s);
            let start = evaluate(&s, 0, &trace.raw(&s));
            let mut ends = vec![start];
            let mut every = Vec::new();
            let mut best = start.1.cost_to_striker;
            let mut before = halves(&start.1, start.2, start.3, start.4);
            while let Some(batch) = greedy.step(|p| p.count) {
                let (piece, _) = trace.advance_batch(&s, &batch);
                let end = evaluate(&s, trace.steps, &trace.raw(&s));
                best = best.min(end.1.cost_to_striker);
                let after = halves(&end.1, end.2, end.3, end.4);
                let kept = worth_searching(piece, [before, after], best).is_some();
                every.extend(piece.map(|p| (p, [before, after], kept)));
                ends.push(end);
                before = after;
            }
            // Searches the pieces `only_kept` or all; counts the entered ones not kept.
            let search = |only_kept: bool| {
                let mut rule = StopRule::with_buffer(Vec::new());
                for end in &ends {
                    rule.offer(end.0, &end.1);
                }
                let mut lowest = best;
                let mut dropped_but_entered = 0;
                for (piece, ends, kept) in &every {
                    if only_kept && !kept {
                        continue;
                    }
                    let mut scratch = Scratch::default();
                    search_piece(&s, piece, ends, &mut lowest, &mut rule, &mut scratch);
                    dropped_but_entered += usize::from(!kept && !scratch.samples.is_empty());
                }
                (
                    format!("{lowest:?} {:?}", rule.decide()),
                    dropped_but_entered,
                )
            };
            let ((plain, entered), (kept, _)) = (search(false), search(true));
            forms.push(([plain, kept], entered));
        }
        forms
    }

    /// Both regimes of a value layer (it saturates as the striker's weapons fall) and both
    /// curvatures: the curvature bound is used, and holds.
    #[test]
    fn curvature_bound_is_used_and_holds_on_a_defended_posture() {
        let a = (200, 3, 500.0, 100.0, true, Some((150, 0.8)));
        let b = (250, 1, 800.0, 475.0, true, Some((100, 0.9)));
        let options = ModelOptions::default();
        let (failure, used) = check_every_part(&scenario(a, b, (300.0, 400.0), options));
        assert_eq!(failure, None);
        assert!(used[1] > 0 && used[2] > 0, "{used:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        /// On every part [lo, hi] of every piece of random strikes, the bound is at most the
        /// least cost strictly inside (to 1e-12, far below the search's slack): the test that
        /// fails if a line of the curvature bound is wrong or its conditions too loose.
        #[test]
        fn bound_never_exceeds_the_cost_inside_a_part(
            a in posture(), b in posture(), w80 in (20.0f64..1500.0, 20.0f64..1500.0),
            exponent in prop_oneof![Just(0.75), Just(1.0), 0.2f64..1.0, 1.0f64..2.0],
            surcharge in 0.0f64..2.0, cap in 1u32..3,
        ) {
            let options = ModelOptions { cost_exponent: exponent, cost_surcharge: surcharge, max_warheads_per_aimpoint: cap, ..Default::default() };
            let (failure, _) = check_every_part(&scenario(a, b, w80, options));
            prop_assert!(failure.is_none(), "{}", failure.unwrap_or_default());
        }

        /// Keeping only the pieces [`worth_searching`] as they are traced finds the same lowest
        /// cost and stop as searching every piece.
        #[test]
        fn kept_pieces_find_what_every_piece_finds(
            a in posture(), b in posture(), w80 in (20.0f64..1500.0, 20.0f64..1500.0),
            exponent in prop_oneof![Just(0.75), Just(1.0), 0.2f64..1.0],
            surcharge in 0.0f64..2.0, cap in 1u32..3,
        ) {
            let options = ModelOptions { cost_exponent: exponent, cost_surcharge: surcharge, max_warheads_per_aimpoint: cap, ..Default::default() };
            for ([every, kept], entered) in search_every_piece_and_the_kept(&scenario(a, b, w80, options)) {
                prop_assert_eq!(every, kept);
                prop_assert_eq!(entered, 0);
            }
        }
    }
}
