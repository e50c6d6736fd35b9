//! The N-side options as words (`none`, `fixed-share=S`, `stay-out`, ...), read the same way by
//! every face (the CLI's `--reserve`/`--third-parties`, the web's request fields).

use super::{Reserve, ThirdParties};

/// The valid reserve rules, as a message names them.
pub const RESERVE_WORDS: &str = "`none`, `fixed-share=S` (S from 0 to 1) or `deter-third-parties`";
/// The valid third-party behaviours, as a message names them.
pub const THIRD_PARTY_WORDS: &str = "`stay-out`, `join-victim` or `join-against-weaker`";

/// A reserve rule from its words; the error says what is valid.
pub fn parse_reserve(text: &str) -> Result<Reserve, String> {
    let bad = || format!("expected {RESERVE_WORDS}");
    match text.split_once('=') {
        None if text == "none" => Ok(Reserve::None),
        None if text == "deter-third-parties" => Ok(Reserve::DeterThirdParties),
        Some(("fixed-share", share)) => {
            let share: f64 = share.trim().parse().map_err(|_| bad())?;
            if (0.0..=1.0).contains(&share) {
                Ok(Reserve::FixedShare(share))
            } else {
                Err(format!("the share {share} is out of range (valid: 0 to 1)"))
            }
        }
        _ => Err(bad()),
    }
}

/// A third-party behaviour from its words; the error says what is valid.
pub fn parse_third_parties(text: &str) -> Result<ThirdParties, String> {
    match text {
        "stay-out" => Ok(ThirdParties::StayOut),
        "join-victim" => Ok(ThirdParties::JoinVictim),
        "join-against-weaker" => Ok(ThirdParties::JoinAgainstWeaker),
        _ => Err(format!("expected {THIRD_PARTY_WORDS}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserve_words_parse_or_name_the_valid_ones() {
        assert_eq!(parse_reserve("none"), Ok(Reserve::None));
        assert_eq!(
            parse_reserve("deter-third-parties"),
            Ok(Reserve::DeterThirdParties)
        );
        assert_eq!(
            parse_reserve("fixed-share=0.25"),
            Ok(Reserve::FixedShare(0.25))
        );
        assert!(
            parse_reserve("fixed-share=1.5")
                .unwrap_err()
                .contains("0 to 1")
        );
        assert!(
            parse_reserve("fixed-share=x")
                .unwrap_err()
                .contains("fixed-share=S")
        );
        assert!(parse_reserve("all").is_err());
    }

    #[test]
    fn third_party_words_parse_or_name_the_valid_ones() {
        assert_eq!(parse_third_parties("stay-out"), Ok(ThirdParties::StayOut));
        assert_eq!(
            parse_third_parties("join-victim"),
            Ok(ThirdParties::JoinVictim)
        );
        assert_eq!(
            parse_third_parties("join-against-weaker"),
            Ok(ThirdParties::JoinAgainstWeaker)
        );
        assert!(
            parse_third_parties("join")
                .unwrap_err()
                .contains("stay-out")
        );
    }
}
