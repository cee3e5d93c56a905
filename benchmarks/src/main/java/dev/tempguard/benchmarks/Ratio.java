package dev.tempguard.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * A ratio measured side by side: the median of the ratios of paired samples (taken in the
 * same round, so on the same state of a loaded machine) with their lowest and highest,
 * and the medians of each side.
 *
 * @param median the median of the paired ratios
 * @param low the lowest paired ratio
 * @param high the highest paired ratio
 * @param measured the median of the measured samples
 * @param baseline the median of the baseline samples
 * @param samples the number of pairs
 */
record Ratio(double median, double low, double high, double measured, double baseline, int samples) {

	static Ratio paired(double[] measured, double[] baseline) {
		if (measured.length != baseline.length || measured.length == 0) {
			throw new IllegalArgumentException(measured.length + " measured samples for " + baseline.length);
		}
		double[] ratios = new double[measured.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = measured[i] / baseline[i];
		}
		double[] sorted = ratios.clone();
		Arrays.sort(sorted);
		return new Ratio(median(ratios), sorted[0], sorted[sorted.length - 1], median(measured), median(baseline),
				ratios.length);
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** {@code 1.023 [0.991-1.061, 7 pairs]}. */
	String describe() {
		return String.format(Locale.ROOT, "%.3f [%.3f-%.3f, %d pairs]", this.median, this.low, this.high, this.samples);
	}

}
