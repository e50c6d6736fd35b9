//! The calculators through the analyses layer, against hand-computed values: the Davis-Schilling
//! lethal radius (2.62 nmi per cube root of Mt/psi), SSPK = 1 - 0.5^((LR/CEP)^2), the salvo under
//! the fratricide cap, a salvo-firing defense layer; and inputs out of range refused by name,
//! in the order the CLI checks them.

use reykjavik_analyses::calc::{
    Blast, CalcError, DefenseRequest, SspkRequest, defense, lethal_radius, sspk,
};
use reykjavik_engine::physics::LethalRadiusModel;

const NMI_M: f64 = 1852.0;

fn blast(yield_kt: f64, hardness_psi: f64) -> Blast {
    Blast {
        yield_kt,
        hardness_psi,
        model: LethalRadiusModel::DavisSchilling,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

fn sspk_request(cep_m: f64, warheads: u32) -> SspkRequest {
    SspkRequest {
        blast: blast(1000.0, 1000.0),
        cep_m,
        bias_m: 0.0,
        reliability: 0.8,
        warheads,
        max_per_aimpoint: 2,
    }
}

#[test]
fn lethal_radius_of_a_megaton_on_1000_psi() {
    // 2.62 x 1^(1/3) / 1000^(1/3) = 0.262 nmi.
    let r = lethal_radius(&blast(1000.0, 1000.0)).unwrap();
    assert!(close(r.radius_m, 0.262 * NMI_M), "{}", r.radius_m);
}

#[test]
fn sspk_at_a_cep_equal_to_the_lethal_radius_is_one_half() {
    let r = sspk(&sspk_request(0.262 * NMI_M, 3)).unwrap();
    assert!(close(r.sspk, 0.5), "{}", r.sspk);
    assert!(close(r.terminal_kill_probability, 0.8 * 0.5));
    // Three warheads, at most two count: 1 - (1 - 0.4)^2.
    assert!(
        close(r.kill_probability, 1.0 - 0.6 * 0.6),
        "{}",
        r.kill_probability
    );
}

#[test]
fn defense_layer_against_ten_rvs() {
    let r = defense(&DefenseRequest {
        interceptors_per_rv: 2,
        interceptor_sspk: 0.7,
        discrimination: 1.0,
        rvs: 10,
        interceptors: None,
    })
    .unwrap();
    // 1 - 0.3^2 per RV; enough interceptors for every RV by default.
    assert_eq!(r.interceptors, 20);
    assert!(close(r.intercept_probability_per_rv, 0.91));
    assert!(close(r.probability_zero_leakers, 0.91_f64.powi(10)));
    assert!(close(r.expected_leakers, 10.0 * 0.09));
}

fn refused(result: Result<impl std::fmt::Debug, CalcError>) -> &'static str {
    match result {
        Err(e @ CalcError::OutOfRange { input, .. }) => {
            assert!(e.is_input());
            input
        }
        other => panic!("not refused by range: {other:?}"),
    }
}

#[test]
fn inputs_out_of_range_are_refused_by_name_in_order() {
    assert_eq!(refused(lethal_radius(&blast(0.0, 1000.0))), "yield-kt");
    let brown = Blast {
        model: LethalRadiusModel::Brown1976,
        ..blast(100.0, 200_000.0)
    };
    assert_eq!(refused(lethal_radius(&brown)), "hardness-psi");
    assert_eq!(refused(sspk(&sspk_request(90.0, 0))), "warheads");
    // The CEP is checked before the blast.
    let both_bad = SspkRequest {
        blast: blast(0.0, 1000.0),
        ..sspk_request(-1.0, 1)
    };
    assert_eq!(refused(sspk(&both_bad)), "cep-m");
    let too_many = DefenseRequest {
        interceptors_per_rv: 2,
        interceptor_sspk: 0.7,
        discrimination: 1.0,
        rvs: 10,
        interceptors: Some(99_999_999),
    };
    assert_eq!(refused(defense(&too_many)), "interceptors");
}
