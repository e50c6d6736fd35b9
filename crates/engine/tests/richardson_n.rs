//! Richardson's model on N actors (engine `reaction::richardson_n`): the two-actor case against
//! the two-side closed form, a three-actor case by hand, bad input, and K estimated on a
//! hand-checked three-side scenario.

use proptest::prelude::*;
use reykjavik_engine::reaction::richardson::RichardsonModel;
use reykjavik_engine::reaction::richardson_n::{self, NRichardson};

fn close(x: f64, y: f64, tolerance: f64) -> bool {
    (x - y).abs() <= tolerance * (1.0 + y.abs())
}

/// k_ij = k off the diagonal, a_i = a, g_i = g: eigenvalues -a + (n - 1) k once and -a - k
/// (n - 1 times); equilibrium g / (a - (n - 1) k) for every actor.
fn symmetric(n: usize, k: f64, a: f64, g: f64) -> NRichardson {
    NRichardson {
        k: vec![vec![k; n]; n],
        a: vec![a; n],
        g: vec![g; n],
    }
}

#[test]
fn three_symmetric_actors_by_hand() {
    // k = 1, a = 3: eigenvalues -1, -4, -4; x* = 1 / (3 - 2) = 1.
    let r = symmetric(3, 1.0, 3.0, 1.0).analyse();
    assert!(r.stable);
    let re: Vec<f64> = r.eigenvalues.iter().map(|e| e.0).collect();
    assert!(close(re[0], -1.0, 1e-9), "{re:?}");
    assert!(
        close(re[1], -4.0, 1e-6) && close(re[2], -4.0, 1e-6),
        "{re:?}"
    );
    assert!(r.eigenvalues.iter().all(|e| e.1.abs() < 1e-6));
    for x in r.equilibrium.unwrap() {
        assert!(close(x, 1.0, 1e-12), "{x}");
    }
    // k = 2, a = 3: -3 + 4 = 1 > 0, unstable; x* = 1 / (3 - 4) = -1.
    let r = symmetric(3, 2.0, 3.0, 1.0).analyse();
    assert!(!r.stable);
    assert!(close(r.eigenvalues[0].0, 1.0, 1e-9), "{:?}", r.eigenvalues);
    for x in r.equilibrium.unwrap() {
        assert!(close(x, -1.0, 1e-12), "{x}");
    }
    // k = 1.5, a = 3: -3 + 3 = 0: K - A singular, no single equilibrium, not stable.
    let r = symmetric(3, 1.5, 3.0, 1.0).analyse();
    assert!(r.equilibrium.is_none() && !r.stable);
}

/// A cyclic race (each actor answers only the one before it): complex eigenvalues
/// -a + k e^{2 pi i m / 3}; with k = 2, a = 1 the real one is 1 (unstable).
#[test]
fn a_cycle_of_three_has_complex_eigenvalues() {
    let mut m = symmetric(3, 0.0, 1.0, 0.0);
    m.k[0][2] = 2.0;
    m.k[1][0] = 2.0;
    m.k[2][1] = 2.0;
    let r = m.analyse();
    assert!(close(r.eigenvalues[0].0, 1.0, 1e-9), "{:?}", r.eigenvalues);
    assert_eq!(r.eigenvalues[0].1, 0.0);
    let sqrt3 = 3f64.sqrt();
    for e in &r.eigenvalues[1..] {
        assert!(
            close(e.0, -2.0, 1e-9) && close(e.1.abs(), sqrt3, 1e-9),
            "{e:?}"
        );
    }
    assert!(!r.stable);
}

proptest! {
    /// Two actors: the two-side model's eigenvalues, equilibrium and stability (a b > k l with
    /// a + b > 0).
    #[test]
    fn two_actors_are_the_two_side_model(
        k in -5.0f64..5.0, l in -5.0f64..5.0, a in 0.1f64..5.0, b in 0.1f64..5.0,
        g in -10.0f64..10.0, h in -10.0f64..10.0,
    ) {
        let two = RichardsonModel { k, l, a, b, g, h };
        let n = NRichardson { k: vec![vec![0.0, k], vec![l, 0.0]], a: vec![a, b], g: vec![g, h] };
        let (x, y) = (two.analyse(), n.analyse());
        prop_assume!((a * b - k * l).abs() > 1e-3);
        let mut want: Vec<(f64, f64)> = x.eigenvalues.to_vec();
        want.sort_by(|p, q| q.0.total_cmp(&p.0).then(q.1.total_cmp(&p.1)));
        for (w, got) in want.iter().zip(&y.eigenvalues) {
            prop_assert!(close(got.0, w.0, 1e-7) && close(got.1, w.1, 1e-7), "{want:?} {:?}", y.eigenvalues);
        }
        let (ex, ey) = x.equilibrium.unwrap();
        let e = y.equilibrium.unwrap();
        prop_assert!(close(e[0], ex, 1e-9) && close(e[1], ey, 1e-9));
        prop_assert_eq!(y.stable, x.classification.is_stable());
    }
}

#[test]
fn bad_coefficients_are_refused_by_name() {
    let mut m = symmetric(3, 1.0, 3.0, 0.0);
    m.k[1][2] = f64::NAN;
    assert_eq!(m.validate().unwrap_err().field(), Some("k[1][2]"));
    let mut m = symmetric(3, 1.0, 3.0, 0.0);
    m.a[2] = 1000.0;
    assert_eq!(m.validate().unwrap_err().field(), Some("a[2]"));
    let mut m = symmetric(3, 1.0, 3.0, 0.0);
    m.g.pop();
    assert_eq!(m.validate().unwrap_err().field(), Some("k"));
    assert_eq!(
        symmetric(1, 1.0, 3.0, 0.0).validate().unwrap_err().field(),
        Some("a")
    );
    assert!(symmetric(8, 0.1, 1.0, 0.0).validate().is_ok());
}

#[test]
fn the_characteristic_polynomial_of_a_triangular_matrix_has_its_diagonal_as_roots() {
    let m = vec![
        vec![1.0, 2.0, 3.0],
        vec![0.0, -2.0, 5.0],
        vec![0.0, 0.0, 4.0],
    ];
    // (x - 1)(x + 2)(x - 4) = x^3 - 3x^2 - 6x + 8.
    assert_eq!(richardson_n::characteristic(&m), vec![8.0, -6.0, -3.0, 1.0]);
    let mut roots: Vec<f64> = richardson_n::roots(&[8.0, -6.0, -3.0, 1.0])
        .iter()
        .map(|r| r.0)
        .collect();
    roots.sort_by(f64::total_cmp);
    for (r, want) in roots.iter().zip([-2.0, 1.0, 4.0]) {
        assert!(close(*r, want, 1e-12), "{roots:?}");
    }
}

#[test]
fn a_conjugate_pair_is_exact_and_ordered_positive_imaginary_first() {
    // Found by the property above: the root finder returned the pair with real parts one ulp
    // apart, which flipped its order.
    let (k, l, a, b) = (
        0.5915890537093139,
        -0.8166686973798628,
        3.198251823030161,
        3.961798990871385,
    );
    let n = NRichardson {
        k: vec![vec![0.0, k], vec![l, 0.0]],
        a: vec![a, b],
        g: vec![0.0, 0.0],
    };
    let e = n.analyse().eigenvalues;
    assert_eq!(e[0].0, e[1].0);
    assert_eq!(e[0].1, -e[1].1);
    assert!(e[0].1 > 0.0);
    // By hand: trace -(a + b), determinant a b - k l; re = -(a + b) / 2.
    assert!(close(e[0].0, -(a + b) / 2.0, 1e-12));
    let im = ((a * b - k * l) - (a + b).powi(2) / 4.0).sqrt();
    assert!(close(e[0].1, im, 1e-9), "{e:?} {im}");
}
