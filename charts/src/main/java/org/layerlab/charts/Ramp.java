package org.layerlab.charts;

import javafx.scene.paint.Color;

/** Colour ramps: perceptually even "viridis" for densities, grey for images, blue–white–red for signed values. */
public final class Ramp {
    private Ramp() {}

    private static final double[][] VIRIDIS = {
        {0.267, 0.005, 0.329}, {0.283, 0.141, 0.458}, {0.254, 0.265, 0.530}, {0.207, 0.372, 0.553},
        {0.164, 0.471, 0.558}, {0.128, 0.567, 0.551}, {0.135, 0.659, 0.518}, {0.267, 0.749, 0.441},
        {0.478, 0.821, 0.318}, {0.741, 0.873, 0.150}, {0.993, 0.906, 0.144}};

    /** t in [0, 1]. */
    public static Color viridis(double t) {
        t = clamp(t, 0, 1) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) t);
        double f = t - i;
        double[] a = VIRIDIS[i], b = VIRIDIS[i + 1];
        return Color.color(a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2]));
    }

    /** t in [0, 1]: black to white. */
    public static Color grey(double t) {
        return Color.gray(clamp(t, 0, 1));
    }

    /** t in [-1, 1]: blue for negative, white at zero, red for positive. */
    public static Color diverging(double t) {
        t = clamp(t, -1, 1);
        return t < 0 ? Color.color(1 + 0.83 * t, 1 + 0.6 * t, 1 + 0.2 * t) : Color.color(1 - 0.2 * t, 1 - 0.8 * t, 1 - 0.85 * t);
    }

    static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
