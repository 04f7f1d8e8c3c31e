package org.layerlab.charts;

/**
 * TensorBoard's smoothing: an exponential moving average debiased for its zero start, so the
 * first points are not dragged towards zero. weight 0 = raw values, 0.99 = very smooth. Pure.
 */
public final class Smoothing {
    private Smoothing() {}

    public static float[] debiasedEma(float[] ys, double weight) {
        float[] out = new float[ys.length];
        if (weight <= 0) {
            System.arraycopy(ys, 0, out, 0, ys.length);
            return out;
        }
        double last = 0;
        int n = 0;
        for (int i = 0; i < ys.length; i++) {
            double y = ys[i];
            if (!Double.isFinite(y)) {
                out[i] = (float) y;
                continue;
            }
            last = last * weight + (1 - weight) * y;
            n++;
            out[i] = (float) (last / (1 - Math.pow(weight, n)));
        }
        return out;
    }
}
