//! What a visitor keeps of a refund depending on how they claim: alone (a free letter), with an association,
//! through a platform taking a share, or through a claims firm (more if it goes to court). Shares come from
//! `params/product.csv`.

use super::money::{mul_div, Cents, Percent, PERCENT_ONE};
use super::params;

/// One way of claiming and what it costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeRoute {
    /// Stable id: `alone`, `association`, `platform`, `firm`, `firm_court`.
    pub route: &'static str,
    /// The share taken (millionths of a percent).
    pub share: Percent,
    /// What is taken, in cents (rounded half away from zero).
    pub fee: Cents,
    /// What the visitor keeps.
    pub kept: Cents,
}

fn route(route: &'static str, total: Cents, share: Percent) -> FeeRoute {
    let fee = Cents(mul_div(i128::from(total.0), i128::from(share.0), PERCENT_ONE) as i64);
    FeeRoute {
        route,
        share,
        fee,
        kept: Cents(total.0 - fee.0),
    }
}

/// Every route for `total`, from the cheapest to the dearest.
pub fn compare(total: Cents) -> Vec<FeeRoute> {
    let total = total.at_least_zero();
    let court = Percent(params::FEE_FIRM_SHARE.0 + params::FEE_FIRM_COURT_EXTRA_SHARE.0);
    vec![
        route("alone", total, Percent(0)),
        route("association", total, Percent(0)),
        route("platform", total, params::FEE_PLATFORM_SHARE),
        route("firm", total, params::FEE_FIRM_SHARE),
        route("firm_court", total, court),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_taken_to_the_cent() {
        let rows = compare(Cents(183_726));
        let kept: Vec<(&str, i64, i64)> =
            rows.iter().map(|r| (r.route, r.fee.0, r.kept.0)).collect();
        assert_eq!(
            kept,
            vec![
                ("alone", 0, 183_726),
                ("association", 0, 183_726),
                ("platform", 27_559, 156_167), // 15 % of 1 837.26 € = 275.589 → 275.59 €
                ("firm", 64_304, 119_422),     // 35 % = 643.041 → 643.04 €
                ("firm_court", 91_863, 91_863), // 50 % = 918.63 €
            ]
        );
    }

    #[test]
    fn nothing_to_share_of_nothing() {
        assert!(compare(Cents(-5))
            .iter()
            .all(|r| r.fee.0 == 0 && r.kept.0 == 0));
    }
}
