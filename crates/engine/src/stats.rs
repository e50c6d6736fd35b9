//! Summaries of Monte Carlo outputs: mean, standard deviation, quantiles, histograms.

/// Quantile levels reported for every output.
pub const QUANTILES: [f64; 7] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub mean: f64,
    /// Sample standard deviation (0 for one sample).
    pub sd: f64,
    /// Standard error of the mean.
    pub standard_error: f64,
    pub min: f64,
    pub max: f64,
    /// (level, value) for each of [`QUANTILES`]; the lower empirical quantile (type 1).
    pub quantiles: Vec<(f64, f64)>,
}

/// Summarises `values` (sorted in place). `None` for no values.
pub fn summarize(values: &mut [f64]) -> Option<Summary> {
    if values.is_empty() {
        return None;
    }
    // Sum in index order before sorting, so the mean does not depend on anything but the data.
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = if values.len() > 1 {
        values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    values.sort_by(f64::total_cmp);
    let quantile = |q: f64| values[((q * n).ceil() as usize).clamp(1, values.len()) - 1];
    Some(Summary {
        mean,
        sd: variance.sqrt(),
        standard_error: (variance / n).sqrt(),
        min: values[0],
        max: values[values.len() - 1],
        quantiles: QUANTILES.iter().map(|&q| (q, quantile(q))).collect(),
    })
}

/// Counts of `values` in `bins` equal bins over [low, high]; values outside go to the end bins.
pub fn histogram(values: &[f64], low: f64, high: f64, bins: usize) -> Vec<u64> {
    let bins = bins.max(1);
    let mut counts = vec![0; bins];
    let width = (high - low) / bins as f64;
    for &v in values {
        let bin = if width > 0.0 {
            ((v - low) / width).floor()
        } else {
            0.0
        };
        counts[(bin.max(0.0) as usize).min(bins - 1)] += 1;
    }
    counts
}

/// Share of `counts` at or above each threshold.
pub fn share_at_least(counts: &[u32], thresholds: &[u32]) -> Vec<(u32, f64)> {
    thresholds
        .iter()
        .map(|&k| {
            (
                k,
                counts.iter().filter(|&&c| c >= k).count() as f64 / counts.len().max(1) as f64,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_of_known_data() {
        let mut v: Vec<f64> = (1..=100).map(f64::from).collect();
        let s = summarize(&mut v).unwrap();
        assert_eq!(s.mean, 50.5);
        assert_eq!((s.min, s.max), (1.0, 100.0));
        assert_eq!(s.quantiles[3], (0.5, 50.0));
        assert_eq!(s.quantiles[0], (0.05, 5.0));
        assert!((s.sd - 29.011_491_975_882_016).abs() < 1e-12);
        assert!(summarize(&mut []).is_none());
    }

    #[test]
    fn histogram_and_shares() {
        assert_eq!(
            histogram(&[0.0, 0.1, 0.5, 0.99, 1.0, 2.0], 0.0, 1.0, 2),
            vec![2, 4]
        );
        assert_eq!(
            share_at_least(&[0, 1, 5, 10], &[1, 5, 11]),
            vec![(1, 0.75), (5, 0.5), (11, 0.0)]
        );
    }
}
