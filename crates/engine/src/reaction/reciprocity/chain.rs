//! The joint-state Markov chain of a game: built from a start, its closed classes, their
//! stationary distributions (GTH), entry probabilities, and first passage to mutual
//! cooperation by state reduction.

use super::{Echo, Game, JointState, OUTCOMES};

/// The joint-state chain reachable from a start.
pub(super) struct Chain {
    pub(super) states: Vec<JointState>,
    /// transition[i][j]: probability of moving from state i to state j.
    transition: Vec<Vec<f64>>,
    /// Probability of a round of mutual cooperation in each state.
    mutual_cooperation: Vec<f64>,
}

impl Chain {
    /// Breadth-first over transitions of positive probability. With `stop_at_cooperation`, a
    /// round of mutual cooperation leaves the chain (for first-passage counts).
    pub(super) fn build(
        game: &Game,
        start: JointState,
        noise: f64,
        stop_at_cooperation: bool,
    ) -> Self {
        let mut states = vec![start];
        let mut edges: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut mutual_cooperation = Vec::new();
        let mut i = 0;
        while i < states.len() {
            let probs = game.outcome_probabilities(states[i], noise);
            mutual_cooperation.push(probs[0]);
            let mut row = Vec::new();
            for (k, (&prob, &moves)) in probs.iter().zip(&OUTCOMES).enumerate() {
                if prob <= 0.0 || (stop_at_cooperation && k == 0) {
                    continue;
                }
                let next = game.next_state(states[i], moves);
                let j = states.iter().position(|&s| s == next).unwrap_or_else(|| {
                    states.push(next);
                    states.len() - 1
                });
                row.push((j, prob));
            }
            edges.push(row);
            i += 1;
        }
        let n = states.len();
        let mut transition = vec![vec![0.0; n]; n];
        for (i, row) in edges.iter().enumerate() {
            for &(j, p) in row {
                transition[i][j] += p;
            }
        }
        Self {
            states,
            transition,
            mutual_cooperation,
        }
    }

    /// reach[i][j]: j can be reached from i in zero or more steps (Warshall).
    fn reachability(&self) -> Vec<Vec<bool>> {
        let n = self.states.len();
        let mut reach: Vec<Vec<bool>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| i == j || self.transition[i][j] > 0.0)
                    .collect()
            })
            .collect();
        for k in 0..n {
            let via = reach[k].clone();
            for row in reach.iter_mut().filter(|row| row[k]) {
                for (cell, &through) in row.iter_mut().zip(&via) {
                    *cell |= through;
                }
            }
        }
        reach
    }

    /// The closed classes (each as its state indices) with the probability of ending in each
    /// from the start (state 0).
    pub(super) fn closed_class_weights(&self) -> Vec<(Vec<usize>, f64)> {
        let n = self.states.len();
        let reach = self.reachability();
        let closed: Vec<bool> = (0..n)
            .map(|i| (0..n).all(|j| !reach[i][j] || reach[j][i]))
            .collect();
        let mut classes: Vec<Vec<usize>> = Vec::new();
        for i in (0..n).filter(|&i| closed[i]) {
            if !classes.iter().any(|c| c.contains(&i)) {
                classes.push((0..n).filter(|&j| reach[i][j]).collect());
            }
        }
        let weights = self.entry_probabilities(&classes, &closed);
        classes.into_iter().zip(weights).collect()
    }

    /// Probability of entering each class from state 0: 1 for a single class, else the
    /// absorption equations (I - P_TT) h = P_TC 1 over the transient states T.
    fn entry_probabilities(&self, classes: &[Vec<usize>], closed: &[bool]) -> Vec<f64> {
        if classes.len() == 1 {
            return vec![1.0];
        }
        if let Some(c) = classes.iter().position(|c| c.contains(&0)) {
            return (0..classes.len())
                .map(|k| f64::from(u8::from(k == c)))
                .collect();
        }
        let transient: Vec<usize> = (0..self.states.len()).filter(|&i| !closed[i]).collect();
        let matrix: Vec<Vec<f64>> = transient
            .iter()
            .map(|&i| {
                transient
                    .iter()
                    .map(|&j| f64::from(u8::from(i == j)) - self.transition[i][j])
                    .collect()
            })
            .collect();
        let start = transient
            .iter()
            .position(|&i| i == 0)
            .expect("0 is transient");
        classes
            .iter()
            .map(|class| {
                let rhs: Vec<f64> = transient
                    .iter()
                    .map(|&i| class.iter().map(|&j| self.transition[i][j]).sum())
                    .collect();
                solve(matrix.clone(), rhs)[start].clamp(0.0, 1.0)
            })
            .collect()
    }

    /// Stationary distribution of an irreducible class by GTH elimination (no subtractions, so
    /// accurate however small the noise).
    pub(super) fn stationary(&self, members: &[usize]) -> Vec<f64> {
        let m = members.len();
        let mut p: Vec<Vec<f64>> = members
            .iter()
            .map(|&i| members.iter().map(|&j| self.transition[i][j]).collect())
            .collect();
        for k in (1..m).rev() {
            let s: f64 = p[k][..k].iter().sum();
            for row in p.iter_mut().take(k) {
                row[k] /= s;
            }
            for i in 0..k {
                for j in 0..k {
                    p[i][j] += p[i][k] * p[k][j];
                }
            }
        }
        let mut x = vec![0.0; m];
        x[0] = 1.0;
        for k in 1..m {
            x[k] = (0..k).map(|i| x[i] * p[i][k]).sum();
        }
        let total: f64 = x.iter().sum();
        x.iter().map(|v| v / total).collect()
    }

    /// For a chain built with `stop_at_cooperation`: the expected number of rounds before the
    /// first round of mutual cooperation, from state 0.
    pub(super) fn rounds_before_mutual_cooperation(&self) -> Echo {
        let n = self.states.len();
        let reach = self.reachability();
        let can_end = |i: usize| (0..n).any(|j| reach[i][j] && self.mutual_cooperation[j] > 0.0);
        if !(0..n).all(can_end) {
            return Echo::Never;
        }
        // Every visit is a round; the last one is the round of mutual cooperation.
        let rounds = self.expected_visits_from_start() - 1.0;
        if rounds.is_finite() {
            Echo::Rounds(rounds.max(0.0))
        } else {
            // A noise within a few ulps of 0 can push the mean past f64.
            Echo::Never
        }
    }

    /// Expected visits to the chain's states from state 0 until it leaves (a round of mutual
    /// cooperation), by state reduction in GTH style: eliminating state k reroutes its jumps and
    /// adds its expected visits to the states that jump into it, and each leaving probability is
    /// a sum of positive terms, never 1 - (a number near 1). Exact to rounding for any noise,
    /// where solving (I - Q) h = b loses every digit once the noise is near 1e-16.
    fn expected_visits_from_start(&self) -> f64 {
        let n = self.states.len();
        let mut jump = self.transition.clone();
        let mut exit = self.mutual_cooperation.clone();
        let mut visits = vec![1.0; n];
        for i in 0..n {
            normalise_without_self_loop(&mut jump[i], &mut exit[i], &mut visits[i], i);
        }
        for k in (1..n).rev() {
            for i in 0..k {
                let via = jump[i][k];
                if via == 0.0 {
                    continue;
                }
                jump[i][k] = 0.0;
                let (head, tail) = jump.split_at_mut(k);
                for (cell, &onward) in head[i].iter_mut().zip(&tail[0]).take(k) {
                    *cell += via * onward;
                }
                exit[i] += via * exit[k];
                visits[i] += via * visits[k];
                normalise_without_self_loop(&mut jump[i], &mut exit[i], &mut visits[i], i);
            }
        }
        visits[0]
    }
}

/// Turns the self-loop of state `i` into repeated visits: the leaving probability is summed
/// from the other jumps and the exit, and every probability and the visits per jump are divided
/// by it.
fn normalise_without_self_loop(row: &mut [f64], exit: &mut f64, visits: &mut f64, i: usize) {
    row[i] = 0.0;
    let leave = *exit + row.iter().sum::<f64>();
    for p in row.iter_mut() {
        *p /= leave;
    }
    *exit /= leave;
    *visits /= leave;
}

/// Solves a small dense system by Gaussian elimination with partial pivoting. The callers'
/// matrices are I - Q for a substochastic Q whose mass leaks out from every state: nonsingular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .expect("a row");
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (offset, row) in lower.iter_mut().enumerate() {
            let factor = row[col] / pivot_row[col];
            for (cell, &p) in row.iter_mut().zip(pivot_row).skip(col) {
                *cell -= factor * p;
            }
            b[col + 1 + offset] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 1e-12
    }

    /// A chain by hand: state 0 stays with 1/4, enters the absorbing 1 with 1/4 and 2 with 1/2.
    fn chain_by_hand() -> Chain {
        Chain {
            states: vec![(0, 0), (1, 0), (2, 0)],
            transition: vec![
                vec![0.25, 0.25, 0.5],
                vec![0.0, 1.0, 0.0],
                vec![0.0, 0.0, 1.0],
            ],
            mutual_cooperation: vec![0.0; 3],
        }
    }

    #[test]
    fn several_closed_classes_are_weighted_by_entry() {
        let weights = chain_by_hand().closed_class_weights();
        assert_eq!(weights.len(), 2);
        assert_eq!(weights[0].0, vec![1]);
        assert!(close(weights[0].1, 1.0 / 3.0) && close(weights[1].1, 2.0 / 3.0));
    }

    #[test]
    fn stationary_and_solver_by_hand() {
        // P = [[0.9, 0.1], [0.3, 0.7]]: pi = (0.75, 0.25).
        let mut c = chain_by_hand();
        c.transition = vec![vec![0.9, 0.1], vec![0.3, 0.7]];
        let pi = c.stationary(&[0, 1]);
        assert!(close(pi[0], 0.75) && close(pi[1], 0.25));
        // y = 2, x - y = 1 (pivoting needed: a zero in the corner first).
        let x = solve(vec![vec![0.0, 1.0], vec![1.0, -1.0]], vec![2.0, 1.0]);
        assert!(close(x[0], 3.0) && close(x[1], 2.0));
    }
}
