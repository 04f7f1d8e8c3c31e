package org.layerlab.charts;

import java.util.Arrays;

/**
 * TensorBoard's smoothing: an exponential moving average debiased for its zero start, so the
 * first points are not dragged towards zero. weight 0 = raw values, 0.99 = very smooth. Pure.
 */
public final class Smoothing {
    private Smoothing() {}

    public static float[] debiasedEma(float[] ys, double weight) {
        Running r = new Running();
        float[] out = r.update(ys, ys.length, weight, 0);
        return Arrays.copyOf(out, ys.length);
    }

    /**
     * The smoothed values of a growing series, extended by the points added since the last call
     * rather than recomputed: a live chart redraws ten times a second, and recomputing a long history
     * each time grew the FX thread's work with the length of the run. Starts over when the weight
     * changes or the series was cleared (its generation changed) or shrank.
     */
    static final class Running {
        private float[] out = new float[0];
        private int size;
        private double weight = Double.NaN;
        private long generation = Long.MIN_VALUE;
        private double last;
        private double decay = 1; // weight^n, for the debiasing
        private int n;

        /** Smoothed ys[0, count), valid up to {@code count} (the array may be longer). */
        float[] update(float[] ys, int count, double weight, long generation) {
            if (weight != this.weight || generation != this.generation || count < size) {
                this.weight = weight;
                this.generation = generation;
                size = 0;
                last = 0;
                decay = 1;
                n = 0;
            }
            if (out.length < count) out = Arrays.copyOf(out, Math.max(count, out.length * 2));
            for (int i = size; i < count; i++) {
                double y = ys[i];
                if (weight <= 0 || !Double.isFinite(y)) {
                    out[i] = (float) y;
                    continue;
                }
                last = last * weight + (1 - weight) * y;
                decay *= weight;
                n++;
                out[i] = (float) (last / (1 - decay));
            }
            size = count;
            return out;
        }
    }
}
