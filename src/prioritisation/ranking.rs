//! Ranking by the weighted sum of normalised aggregate scores, with ties shown as ties, value per krona, and
//! the sensitivity of each adjacent pair to a single weight.
//!
//! Normalisation maps a criterion's scale onto 0–1: (x − min) / (max − min) when higher is better, and
//! (max − x) / (max − min) when lower is better. The value of an initiative is Σ wₖ · normₖ with the weights
//! normalised to sum to 1. A criterion nobody has scored contributes 0 and marks the row incomplete.
//!
//! Sensitivity (for each pair of initiatives next to each other in the ranking): change one weight wₖ to t and
//! scale the others by (1 − t)/(1 − wₖ) so the weights still sum to 1. The difference in value between the two is
//! linear in t, so the weight at which they tie is found exactly; the smallest such change over all criteria is
//! reported (Triantaphyllou and Sánchez, "A sensitivity analysis approach for some deterministic multi-criteria
//! decision-making methods", Decision Sciences 28(1), 1997).

use serde::Serialize;

pub use crate::domain::Direction;

/// A criterion as the ranking needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    pub direction: Direction,
}

impl Scale {
    /// The aggregate on 0–1, better is higher.
    pub fn normalise(&self, aggregate: f64) -> f64 {
        let width = f64::from(self.max.saturating_sub(self.min));
        if width == 0.0 {
            return 0.0;
        }
        let share = ((aggregate - f64::from(self.min)) / width).clamp(0.0, 1.0);
        match self.direction {
            Direction::HigherIsBetter => share,
            Direction::LowerIsBetter => 1.0 - share,
        }
    }
}

/// Weights scaled to sum to 1 (all equal when they sum to 0).
pub fn normalise_weights(weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if sum <= 0.0 {
        let n = weights.len().max(1) as f64;
        return weights.iter().map(|_| 1.0 / n).collect();
    }
    weights.iter().map(|w| if w.is_finite() && *w > 0.0 { w / sum } else { 0.0 }).collect()
}

/// Two values closer than this are a tie.
pub const TIE: f64 = 1e-9;

/// One initiative's place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// Index into the alternatives given to [`rank`].
    pub index: usize,
    /// 1 for the best; tied initiatives share a rank and the next rank is skipped (1, 2, 2, 4).
    pub rank: usize,
    pub tied: bool,
    pub value: f64,
}

/// The weighted value of one alternative: `normalised[k]` is criterion k's normalised aggregate, `None` if unscored.
pub fn value(weights: &[f64], normalised: &[Option<f64>]) -> f64 {
    weights.iter().zip(normalised).map(|(w, n)| w * n.unwrap_or(0.0)).sum()
}

/// Ranks values, best first, ties sharing a rank. `values[i]` belongs to alternative i.
pub fn rank(values: &[f64]) -> Vec<Place> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    let mut places: Vec<Place> = Vec::with_capacity(order.len());
    for (position, &index) in order.iter().enumerate() {
        let rank = match places.last() {
            Some(previous) if (previous.value - values[index]).abs() <= TIE => previous.rank,
            _ => position + 1,
        };
        places.push(Place { index, rank, tied: false, value: values[index] });
    }
    // Within a tie, keep the given order (for stable, predictable lists).
    let mut start = 0;
    while start < places.len() {
        let end = start + places[start..].iter().take_while(|p| p.rank == places[start].rank).count();
        places[start..end].sort_by_key(|p| p.index);
        start = end;
    }
    for i in 0..places.len() {
        let tied = (i > 0 && places[i - 1].rank == places[i].rank)
            || (i + 1 < places.len() && places[i + 1].rank == places[i].rank);
        places[i].tied = tied;
    }
    places
}

/// What it takes to swap two initiatives that stand next to each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swap {
    /// Indexes of the upper and the lower alternative.
    pub upper: usize,
    pub lower: usize,
    /// The criterion whose weight changes least to make them tie.
    pub criterion: usize,
    pub weight: f64,
    /// The weight of `criterion` at which they tie (beyond it they swap).
    pub weight_at_swap: f64,
    /// `weight_at_swap − weight`.
    pub change: f64,
}

/// For each adjacent pair in `places`, the smallest change of a single weight that makes them tie, or `None`
/// when no single weight can. `normalised[i][k]` is alternative i's normalised score on criterion k.
pub fn sensitivity(weights: &[f64], normalised: &[Vec<Option<f64>>], places: &[Place]) -> Vec<Option<Swap>> {
    places.windows(2).map(|pair| smallest_swap(weights, normalised, pair[0].index, pair[1].index)).collect()
}

fn smallest_swap(weights: &[f64], normalised: &[Vec<Option<f64>>], upper: usize, lower: usize) -> Option<Swap> {
    let a: Vec<f64> = normalised[upper].iter().map(|x| x.unwrap_or(0.0)).collect();
    let b: Vec<f64> = normalised[lower].iter().map(|x| x.unwrap_or(0.0)).collect();
    let value_a = value(weights, &normalised[upper]);
    let value_b = value(weights, &normalised[lower]);
    let mut best: Option<Swap> = None;
    for (k, &w) in weights.iter().enumerate() {
        if w >= 1.0 - 1e-12 {
            continue;
        }
        // D(t) = t·(aₖ − bₖ) + (1 − t)·r, with r = (rest of A − rest of B)/(1 − wₖ).
        let r = ((value_a - w * a[k]) - (value_b - w * b[k])) / (1.0 - w);
        let slope = (a[k] - b[k]) - r;
        if slope.abs() < 1e-15 {
            continue;
        }
        let t = -r / slope;
        if !(0.0..=1.0).contains(&t) {
            continue;
        }
        let change = t - w;
        if best.as_ref().is_none_or(|s| change.abs() < s.change.abs()) {
            best = Some(Swap { upper, lower, criterion: k, weight: w, weight_at_swap: t, change });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_the_next_is_skipped() {
        let places = rank(&[0.5, 0.8, 0.5, 0.9, 0.5 + 1e-12]);
        let ranks: Vec<(usize, usize, bool)> = places.iter().map(|p| (p.index, p.rank, p.tied)).collect();
        assert_eq!(ranks, [(3, 1, false), (1, 2, false), (0, 3, true), (2, 3, true), (4, 3, true)]);
    }

    #[test]
    fn normalisation_respects_direction() {
        let up = Scale { min: 0, max: 4, direction: Direction::HigherIsBetter };
        let down = Scale { min: 1, max: 5, direction: Direction::LowerIsBetter };
        assert_eq!(up.normalise(3.0), 0.75);
        assert_eq!(down.normalise(2.0), 0.75);
        assert_eq!(up.normalise(9.0), 1.0, "clamped");
        assert_eq!(normalise_weights(&[2.0, 1.0, 1.0]), [0.5, 0.25, 0.25]);
        assert_eq!(normalise_weights(&[0.0, 0.0]), [0.5, 0.5]);
    }

    #[test]
    fn the_reported_weight_makes_the_pair_tie() {
        let weights = [0.5, 0.3, 0.2];
        let normalised = vec![vec![Some(1.0), Some(0.2), Some(0.5)], vec![Some(0.4), Some(0.9), Some(0.6)]];
        let values: Vec<f64> = normalised.iter().map(|n| value(&weights, n)).collect();
        let places = rank(&values);
        let swap = sensitivity(&weights, &normalised, &places)[0].clone().expect("a swap exists");
        let mut moved = weights.to_vec();
        let scale = (1.0 - swap.weight_at_swap) / (1.0 - swap.weight);
        for (k, w) in moved.iter_mut().enumerate() {
            *w = if k == swap.criterion { swap.weight_at_swap } else { *w * scale };
        }
        let a = value(&moved, &normalised[swap.upper]);
        let b = value(&moved, &normalised[swap.lower]);
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        assert!((moved.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // No single criterion needs a smaller change.
        assert!(swap.change.abs() <= 0.5);
    }

    #[test]
    fn a_pair_that_no_weight_can_swap_says_so() {
        // A dominates B on every criterion.
        let normalised = vec![vec![Some(1.0), Some(1.0)], vec![Some(0.0), Some(0.5)]];
        let weights = [0.5, 0.5];
        let values: Vec<f64> = normalised.iter().map(|n| value(&weights, n)).collect();
        let swaps = sensitivity(&weights, &normalised, &rank(&values));
        assert_eq!(swaps, [None]);
    }

    proptest::proptest! {
        /// Stretching every criterion's scale (scores and bounds multiplied by the same whole number), scaling
        /// every value by a positive factor, or scaling all weights, never changes the ranking.
        #[test]
        fn ranking_is_unchanged_when_all_scores_are_scaled(
            scores in proptest::collection::vec(proptest::collection::vec(0u8..=4, 4), 2..12),
            weights in proptest::collection::vec(0.01f64..1.0, 4),
            stretch in 1u8..=2,
            factor in 0.1f64..10.0,
        ) {
            let order = |values: &[f64]| -> Vec<usize> { rank(values).iter().map(|p| p.index).collect() };
            let values_on = |scale: Scale, multiplier: u8, w: &[f64]| -> Vec<f64> {
                scores.iter().map(|row| {
                    let n: Vec<Option<f64>> = row.iter().map(|&s| Some(scale.normalise(f64::from(s * multiplier)))).collect();
                    value(w, &n)
                }).collect()
            };
            let w = normalise_weights(&weights);
            let plain = values_on(Scale { min: 0, max: 4, direction: Direction::HigherIsBetter }, 1, &w);
            let stretched = values_on(Scale { min: 0, max: 4 * stretch, direction: Direction::HigherIsBetter }, stretch, &w);
            proptest::prop_assert_eq!(order(&plain), order(&stretched));
            let multiplied: Vec<f64> = plain.iter().map(|v| v * factor).collect();
            proptest::prop_assert_eq!(order(&plain), order(&multiplied));
            let heavier: Vec<f64> = weights.iter().map(|x| x * factor).collect();
            let reweighted = values_on(Scale { min: 0, max: 4, direction: Direction::HigherIsBetter }, 1, &normalise_weights(&heavier));
            proptest::prop_assert_eq!(order(&plain), order(&reweighted));
        }
    }
}
