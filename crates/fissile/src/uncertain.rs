//! An input that is a number or a distribution. A small own type rather than the engine's, so
//! that this crate stays independent of the exchange.

/// A number, or a distribution over it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Uncertain {
    Fixed(f64),
    Uniform {
        low: f64,
        high: f64,
    },
    /// [low, mode, high]; the mode is the central value.
    Triangular {
        low: f64,
        mode: f64,
        high: f64,
    },
}

impl Uncertain {
    /// The value the point estimate uses: the number, the midpoint of a uniform, the mode of a
    /// triangular (the cited best estimate).
    pub fn central(&self) -> f64 {
        match *self {
            Self::Fixed(v) => v,
            Self::Uniform { low, high } => 0.5 * (low + high),
            Self::Triangular { mode, .. } => mode,
        }
    }

    /// The smallest and largest value the input can take.
    pub fn bounds(&self) -> (f64, f64) {
        match *self {
            Self::Fixed(v) => (v, v),
            Self::Uniform { low, high } | Self::Triangular { low, high, .. } => (low, high),
        }
    }

    pub fn is_fixed(&self) -> bool {
        matches!(self, Self::Fixed(_))
    }

    /// One draw, from `uniform01`, a source of uniform numbers in [0, 1).
    pub fn sample(&self, uniform01: &mut impl FnMut() -> f64) -> f64 {
        match *self {
            Self::Fixed(v) => v,
            Self::Uniform { low, high } => low + (high - low) * uniform01(),
            Self::Triangular { low, mode, high } => {
                let width = high - low;
                if width <= 0.0 {
                    return mode;
                }
                let u = uniform01();
                if u < (mode - low) / width {
                    low + (u * width * (mode - low)).sqrt()
                } else {
                    high - ((1.0 - u) * width * (high - mode)).sqrt()
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_draws_stay_in_range_and_centre_on_the_mean() {
        let t = Uncertain::Triangular {
            low: 0.0,
            mode: 3.0,
            high: 6.0,
        };
        let mut state = 0.0_f64;
        let mut next = || {
            state = (state + 0.618_033_988_749_895) % 1.0;
            state
        };
        let draws: Vec<f64> = (0..10_000).map(|_| t.sample(&mut next)).collect();
        assert!(draws.iter().all(|d| (0.0..=6.0).contains(d)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((mean - 3.0).abs() < 0.02, "{mean}");
    }

    #[test]
    fn central_values() {
        assert_eq!(Uncertain::Fixed(2.0).central(), 2.0);
        assert_eq!(
            Uncertain::Uniform {
                low: 1.0,
                high: 3.0
            }
            .central(),
            2.0
        );
    }
}
