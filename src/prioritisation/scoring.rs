//! The members' scores of one initiative on one criterion, summarised: aggregate (mean or median), spread, and
//! consensus.
//!
//! Consensus is Tastle and Wierman's measure for ordinal scales (W. J. Tastle, M. J. Wierman, "Consensus and
//! dissention: A measure of ordinal dispersion", International Journal of Approximate Reasoning 45, 2007,
//! pp. 531–545): Cns(X) = 1 + Σᵢ pᵢ · log₂(1 − |Xᵢ − μ| / d), where pᵢ is the share of answers at level Xᵢ,
//! μ the mean and d = max − min the width of the scale. It is 1 when everyone agrees and 0 when the answers are
//! split evenly between the two ends of the scale.

use serde::Serialize;

pub use crate::domain::Aggregation;

/// The summary of the known scores of one cell. "Don't know" answers are counted but not used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellSummary {
    /// Mean or median of the known scores; `None` when nobody gave one.
    pub aggregate: Option<f64>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Population standard deviation of the known scores.
    pub std_dev: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    /// Tastle–Wierman consensus, 0 (split between the extremes) to 1 (all agree).
    pub consensus: Option<f64>,
    /// Number of known scores.
    pub scored: usize,
    /// Number of "don't know" answers.
    pub dont_know: usize,
}

/// Highest level a scale may have (scales are small ordinal ranges such as 0–4 or 1–5).
pub use crate::domain::MAX_SCORE_LEVEL;

/// Summarises the scores of one cell on a scale `scale_min..=scale_max`. `None` entries are "don't know".
/// Works on counts per level, so it allocates nothing (it runs for every initiative × criterion).
pub fn summarise(scores: &[Option<u8>], scale_min: u8, scale_max: u8, aggregation: Aggregation) -> CellSummary {
    let mut counts = [0u32; MAX_SCORE_LEVEL as usize + 1];
    let mut dont_know = 0;
    for score in scores {
        match score {
            Some(level) => counts[usize::from((*level).min(MAX_SCORE_LEVEL))] += 1,
            None => dont_know += 1,
        }
    }
    summarise_counts(&counts, dont_know, scale_min, scale_max, aggregation)
}

/// As [`summarise`], from the number of scores at each level.
pub fn summarise_counts(
    counts: &[u32; MAX_SCORE_LEVEL as usize + 1],
    dont_know: usize,
    scale_min: u8,
    scale_max: u8,
    aggregation: Aggregation,
) -> CellSummary {
    let scored: u32 = counts.iter().sum();
    if scored == 0 {
        return CellSummary {
            aggregate: None,
            mean: None,
            median: None,
            std_dev: None,
            min: None,
            max: None,
            consensus: None,
            scored: 0,
            dont_know,
        };
    }
    let n = f64::from(scored);
    let levels = || counts.iter().enumerate().filter(|(_, c)| **c > 0).map(|(l, c)| (l as f64, f64::from(*c)));
    let mean = levels().map(|(l, c)| l * c).sum::<f64>() / n;
    let variance = levels().map(|(l, c)| c * (l - mean).powi(2)).sum::<f64>() / n;
    let median = {
        // The scores at positions ⌊(n−1)/2⌋ and ⌊n/2⌋ of the sorted list.
        let at = |position: u32| {
            let mut seen = 0;
            for (level, count) in counts.iter().enumerate() {
                seen += count;
                if seen > position {
                    return level as f64;
                }
            }
            f64::from(MAX_SCORE_LEVEL)
        };
        (at((scored - 1) / 2) + at(scored / 2)) / 2.0
    };
    let min = counts.iter().position(|c| *c > 0).map(|l| l as u8);
    let max = counts.iter().rposition(|c| *c > 0).map(|l| l as u8);
    let width = f64::from(scale_max.saturating_sub(scale_min));
    let consensus = if width == 0.0 {
        1.0
    } else {
        let sum: f64 = levels().map(|(l, c)| c / n * (1.0 - (l - mean).abs() / width).log2()).sum();
        (1.0 + sum).clamp(0.0, 1.0)
    };
    CellSummary {
        aggregate: Some(match aggregation {
            Aggregation::Mean => mean,
            Aggregation::Median => median,
        }),
        mean: Some(mean),
        median: Some(median),
        std_dev: Some(variance.sqrt()),
        min,
        max,
        consensus: Some(consensus),
        scored: scored as usize,
        dont_know,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn consensus_is_one_when_all_agree_and_zero_when_split_between_the_ends() {
        let agree = summarise(&[Some(3), Some(3), Some(3)], 0, 4, Aggregation::Mean);
        assert!(close(agree.consensus.unwrap(), 1.0));
        let split = summarise(&[Some(0), Some(4), Some(0), Some(4)], 0, 4, Aggregation::Mean);
        assert!(close(split.consensus.unwrap(), 0.0));
        assert!(close(split.std_dev.unwrap(), 2.0));
    }

    /// From the definition on a five-point Likert scale (1–5): half the answers at 4 and half at 5 give the mean
    /// 4.5 and Cns = 1 + ½·log₂(1 − 0.5/4) + ½·log₂(1 − 0.5/4) = 0.8074.
    #[test]
    fn consensus_matches_a_worked_example() {
        let summary = summarise(&[Some(4), Some(5)], 1, 5, Aggregation::Mean);
        assert!((summary.consensus.unwrap() - (1.0 + (1.0f64 - 0.125).log2())).abs() < 1e-12);
        assert!((summary.consensus.unwrap() - 0.8074).abs() < 1e-4);
        // One step apart agrees more than the extremes; more spread, less consensus.
        let near = summarise(&[Some(2), Some(3)], 0, 4, Aggregation::Mean).consensus.unwrap();
        let far = summarise(&[Some(0), Some(3)], 0, 4, Aggregation::Mean).consensus.unwrap();
        assert!(near > far);
    }

    #[test]
    fn dont_know_is_counted_but_not_used_and_median_is_available() {
        let summary = summarise(&[Some(1), None, Some(4), Some(2), None], 0, 4, Aggregation::Median);
        assert_eq!((summary.scored, summary.dont_know), (3, 2));
        assert_eq!(summary.aggregate, Some(2.0));
        assert!(close(summary.mean.unwrap(), 7.0 / 3.0));
        assert_eq!((summary.min, summary.max), (Some(1), Some(4)));
        let even = summarise(&[Some(1), Some(2), Some(3), Some(4)], 0, 4, Aggregation::Median);
        assert_eq!(even.aggregate, Some(2.5));
        let nobody = summarise(&[None, None], 0, 4, Aggregation::Mean);
        assert_eq!((nobody.aggregate, nobody.consensus, nobody.dont_know), (None, None, 2));
    }

    proptest::proptest! {
        #[test]
        fn consensus_stays_between_zero_and_one(scores in proptest::collection::vec(0u8..=4, 1..20)) {
            let known: Vec<Option<u8>> = scores.iter().map(|&s| Some(s)).collect();
            let summary = summarise(&known, 0, 4, Aggregation::Mean);
            let c = summary.consensus.unwrap();
            proptest::prop_assert!((0.0..=1.0).contains(&c));
            let agg = summary.aggregate.unwrap();
            proptest::prop_assert!((0.0..=4.0).contains(&agg));
        }
    }
}
