package org.layerlab.charts;

import java.util.Arrays;

/**
 * Reduces a series to at most two points per pixel column (the first minimum and maximum, in x
 * order), so a million-point line draws as fast as a thousand-point one and no spike disappears.
 * Pure; any thread.
 */
public final class Decimation {
    private Decimation() {}

    /** Points kept, as parallel arrays. */
    public record Points(double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    /**
     * The points of (xs, ys)[0, n) with x in [x0, x1], decimated to {@code columns} columns. Non-finite
     * y values (NaN, ±Inf) are dropped. Points just outside the range are kept so lines reach the edges.
     */
    public static Points minMax(double[] xs, float[] ys, int n, double x0, double x1, int columns) {
        if (n == 0 || columns <= 0 || !(x1 > x0)) return new Points(new double[0], new double[0]);
        int from = lowerBound(xs, n, x0);
        int to = upperBound(xs, n, x1);
        from = Math.max(0, from - 1);
        to = Math.min(n, to + 1);
        double[] ox = new double[Math.min(to - from, 2 * columns + 4)];
        double[] oy = new double[ox.length];
        int k = 0;
        if (to - from <= 2 * columns) {
            for (int i = from; i < to; i++) {
                if (!Double.isFinite(ys[i])) continue;
                if (k == ox.length) break;
                ox[k] = xs[i];
                oy[k++] = ys[i];
            }
            return new Points(Arrays.copyOf(ox, k), Arrays.copyOf(oy, k));
        }
        double width = (x1 - x0) / columns;
        int i = from;
        while (i < to) {
            long col = (long) Math.floor((xs[i] - x0) / width);
            int min = -1;
            int max = -1;
            int j = i;
            while (j < to && (long) Math.floor((xs[j] - x0) / width) == col) {
                if (Double.isFinite(ys[j])) {
                    if (min < 0 || ys[j] < ys[min]) min = j;
                    if (max < 0 || ys[j] > ys[max]) max = j;
                }
                j++;
            }
            if (min >= 0) {
                if (k + 2 > ox.length) {
                    ox = Arrays.copyOf(ox, ox.length * 2);
                    oy = Arrays.copyOf(oy, oy.length * 2);
                }
                int a = Math.min(min, max);
                int b = Math.max(min, max);
                ox[k] = xs[a];
                oy[k++] = ys[a];
                if (b != a) {
                    ox[k] = xs[b];
                    oy[k++] = ys[b];
                }
            }
            i = j;
        }
        return new Points(Arrays.copyOf(ox, k), Arrays.copyOf(oy, k));
    }

    private static int lowerBound(double[] xs, int n, double v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] xs, int n, double v) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
