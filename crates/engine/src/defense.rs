//! Missile and air defense (model.md section 3). Standard forms as in Wilkening,
//! Science & Global Security 8:2 (2000).

/// What a defense protects: the side's value (cities, industry), its forces, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    Value,
    Forces,
    Both,
}

impl Coverage {
    pub fn covers_value(self) -> bool {
        matches!(self, Self::Value | Self::Both)
    }
    pub fn covers_forces(self) -> bool {
        matches!(self, Self::Forces | Self::Both)
    }
}

/// How a layer fires at each engaged re-entry vehicle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FiringDoctrine {
    /// `shots` interceptors at once.
    Salvo { shots: u32 },
    /// A first salvo, a look (perfect kill assessment), then a second salvo at survivors.
    ShootLookShoot { first: u32, second: u32 },
}

/// One ballistic-missile-defense layer.
#[derive(Debug, Clone, PartialEq)]
pub struct MissileDefenseLayer {
    pub name: String,
    pub interceptors: u32,
    /// Single-shot kill probability of one interceptor against one engaged RV.
    pub interceptor_sspk: f64,
    pub doctrine: FiringDoctrine,
    /// Probability that an RV is detected, tracked, discriminated and assigned (K).
    pub discrimination: f64,
    pub covers: Coverage,
}

impl MissileDefenseLayer {
    /// P_intercept per engaged RV: K (1 - (1 - p)^n), with n = n1 + n2 for shoot-look-shoot.
    pub fn intercept_probability(&self) -> f64 {
        let shots = match self.doctrine {
            FiringDoctrine::Salvo { shots } => shots,
            FiringDoctrine::ShootLookShoot { first, second } => first + second,
        };
        self.discrimination * (1.0 - (1.0 - self.interceptor_sspk).powi(shots as i32))
    }

    /// Expected interceptors fired per engaged RV: n, or with shoot-look-shoot n1 + n2 times the
    /// probability the RV survives the first salvo, 1 - K (1 - (1 - p)^n1): the look sees an RV
    /// that a salvo missed, whether it missed for want of discrimination or of a hit (as Monte
    /// Carlo draws it).
    pub fn expected_interceptors_per_rv(&self) -> f64 {
        match self.doctrine {
            FiringDoctrine::Salvo { shots } => f64::from(shots),
            FiringDoctrine::ShootLookShoot { first, second } => {
                let first_kills =
                    self.discrimination * (1.0 - (1.0 - self.interceptor_sspk).powi(first as i32));
                f64::from(first) + f64::from(second) * (1.0 - first_kills)
            }
        }
    }

    /// How many RVs the inventory can engage before it runs out (expected value).
    pub fn engagement_capacity(&self) -> f64 {
        let per_rv = self.expected_interceptors_per_rv();
        if per_rv > 0.0 {
            f64::from(self.interceptors) / per_rv
        } else {
            0.0
        }
    }

    /// Whole RVs the inventory can engage for certain: floor(interceptors / interceptors per RV)
    /// for a salvo; for shoot-look-shoot, RVs that can get both salvos.
    pub fn guaranteed_engagements(&self) -> u64 {
        let worst_case = match self.doctrine {
            FiringDoctrine::Salvo { shots } => shots,
            FiringDoctrine::ShootLookShoot { first, second } => first + second,
        };
        self.interceptors
            .checked_div(worst_case)
            .map_or(0, u64::from)
    }

    /// Expected leakers of `rvs` attacking RVs: engaged RVs leak with 1 - P_intercept; once the
    /// inventory is spent, the rest leak.
    pub fn expected_leakers(&self, rvs: f64) -> f64 {
        let engaged = rvs.min(self.engagement_capacity());
        rvs - engaged * self.intercept_probability()
    }

    /// Probability that none of `rvs` RVs leaks through this layer. RVs beyond the inventory leak
    /// surely, so the probability is 0 when the inventory cannot engage them all.
    pub fn probability_of_zero_leakers(&self, rvs: u64) -> f64 {
        if rvs > self.guaranteed_engagements() {
            return 0.0;
        }
        self.intercept_probability()
            .powi(rvs.min(i32::MAX as u64) as i32)
    }
}

/// Per-RV leak probability through several layers with unlimited inventories: prod(1 - P_int,l).
pub fn layered_leak_probability(layers: &[MissileDefenseLayer]) -> f64 {
    layers
        .iter()
        .map(|layer| 1.0 - layer.intercept_probability())
        .product()
}

/// Air defense: the probability that a bomber sortie or a cruise missile is shot down.
#[derive(Debug, Clone, PartialEq)]
pub struct AirDefense {
    pub name: String,
    pub bomber_shootdown: f64,
    pub cruise_missile_shootdown: f64,
    pub covers: Coverage,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(interceptors: u32, sspk: f64, doctrine: FiringDoctrine) -> MissileDefenseLayer {
        MissileDefenseLayer {
            name: "test".into(),
            interceptors,
            interceptor_sspk: sspk,
            doctrine,
            discrimination: 1.0,
            covers: Coverage::Value,
        }
    }

    // model.md section 7, "defense": p 0.8, n 2 -> 0.96 per RV; against 10 RVs P0 = 0.665.
    #[test]
    fn salvo_validation_case() {
        let l = layer(100, 0.8, FiringDoctrine::Salvo { shots: 2 });
        assert!((l.intercept_probability() - 0.96).abs() < 1e-12);
        assert!((l.probability_of_zero_leakers(10) - 0.664_832_635).abs() < 1e-6);
    }

    #[test]
    fn shoot_look_shoot_saves_interceptors() {
        // p 0.8, 1 + 1: same kill as a salvo of 2, but 1 + 0.2 = 1.2 interceptors per RV.
        let l = layer(
            12,
            0.8,
            FiringDoctrine::ShootLookShoot {
                first: 1,
                second: 1,
            },
        );
        assert!((l.intercept_probability() - 0.96).abs() < 1e-12);
        assert!((l.expected_interceptors_per_rv() - 1.2).abs() < 1e-12);
        assert!((l.engagement_capacity() - 10.0).abs() < 1e-9);
    }

    /// Regression (issue 7): with discrimination K < 1 the look also sees RVs the first salvo
    /// never had a chance against. p 0.8, K 0.5, 1 + 1: the first salvo kills 0.4, so the second
    /// fires at 0.6 of RVs: 1.6 interceptors per RV (the old formula said 1.2), and
    /// P_intercept = 0.5 (1 - 0.2^2) = 0.48.
    #[test]
    fn shoot_look_shoot_with_imperfect_discrimination() {
        let mut l = layer(
            16,
            0.8,
            FiringDoctrine::ShootLookShoot {
                first: 1,
                second: 1,
            },
        );
        l.discrimination = 0.5;
        assert!((l.intercept_probability() - 0.48).abs() < 1e-12);
        assert!((l.expected_interceptors_per_rv() - 1.6).abs() < 1e-12);
        assert!((l.engagement_capacity() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn finite_inventory_leaks_the_rest() {
        let l = layer(10, 0.8, FiringDoctrine::Salvo { shots: 2 });
        // 5 RVs engaged, 0.04 leak each; 15 more leak surely.
        assert!((l.expected_leakers(20.0) - (5.0 * 0.04 + 15.0)).abs() < 1e-12);
        assert_eq!(l.probability_of_zero_leakers(6), 0.0);
        assert!(l.probability_of_zero_leakers(5) > 0.0);
    }

    #[test]
    fn discrimination_scales_intercept() {
        let mut l = layer(10, 0.8, FiringDoctrine::Salvo { shots: 2 });
        l.discrimination = 0.5;
        assert!((l.intercept_probability() - 0.48).abs() < 1e-12);
    }

    #[test]
    fn layers_multiply_leakage() {
        let a = layer(10, 0.5, FiringDoctrine::Salvo { shots: 1 });
        let b = layer(10, 0.8, FiringDoctrine::Salvo { shots: 1 });
        assert!((layered_leak_probability(&[a, b]) - 0.1).abs() < 1e-12);
    }
}
