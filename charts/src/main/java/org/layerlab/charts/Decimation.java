package org.layerlab.charts;

import java.util.Arrays;

/**
 * Reduces a series to at most two points per pixel column (the first minimum and maximum, in x
 * order), so a million-point line draws as fast as a thousand-point one and no spike disappears.
 * Pure; any thread.
 */
public final class Decimation {
    private Decimation() {}

    /** What a series is drawn from: its points, or the envelope of a dense series. */
    public sealed interface Shape permits Points, Envelope {
        /** {lowest, highest} y with x in [x0, x1] (only y > 0 when {@code positiveOnly}); ±∞ when none. */
        double[] yExtent(double x0, double x1, boolean positiveOnly);
    }

    /** Points kept, as parallel arrays. */
    public record Points(double[] x, double[] y) implements Shape {
        public int size() {
            return x.length;
        }

        @Override
        public double[] yExtent(double x0, double x1, boolean positiveOnly) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                if (x[i] < x0 || x[i] > x1 || (positiveOnly && y[i] <= 0)) continue;
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            return new double[] {lo, hi};
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

    /**
     * Per column: its centre x, the lowest, highest and mean y of the points falling in it; NaN
     * where a column holds none. Slot 0 and the last slot hold the nearest point just outside the
     * range, so lines reach the edges.
     */
    public record Envelope(double[] x, double[] lo, double[] hi, double[] mean) implements Shape {
        public int size() {
            return x.length;
        }

        /** The extent of the slots inside the range (the envelope was made for it; values ≤ 0 are already out on log axes). */
        @Override
        public double[] yExtent(double x0, double x1, boolean positiveOnly) {
            double l = Double.POSITIVE_INFINITY, h = Double.NEGATIVE_INFINITY;
            for (int i = 1; i < x.length - 1; i++) {
                if (Double.isNaN(lo[i])) continue;
                l = Math.min(l, lo[i]);
                h = Math.max(h, hi[i]);
            }
            return new double[] {l, h};
        }
    }

    /**
     * The points of (xs, ys)[0, n) around [x0, x1] as an envelope of {@code columns} columns: how a
     * dense, noisy series is drawn (a band from min to max and a line through the means), because
     * stroking a min/max zig-zag costs the renderer far more. Non-finite y values, and y ≤ 0 when
     * {@code positiveOnly} (log axes), are left out.
     */
    public static Envelope envelope(double[] xs, float[] ys, int n, double x0, double x1, int columns, boolean positiveOnly) {
        int slots = Math.max(0, columns) + 2;
        double[] sx = new double[slots], lo = new double[slots], hi = new double[slots], mean = new double[slots];
        int[] count = new int[slots];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        double width = columns > 0 ? (x1 - x0) / columns : 0;
        if (n > 0 && columns > 0 && x1 > x0) {
            int from = Math.max(0, lowerBound(xs, n, x0) - 1);
            int to = Math.min(n, upperBound(xs, n, x1) + 1);
            for (int i = from; i < to; i++) {
                double y = ys[i];
                if (!Double.isFinite(y) || (positiveOnly && y <= 0)) continue;
                int slot = xs[i] < x0 ? 0 : xs[i] > x1 ? slots - 1 : 1 + Math.min(columns - 1, (int) ((xs[i] - x0) / width));
                count[slot]++;
                if (slot == 0 || slot == slots - 1) sx[slot] += xs[i]; // columns sit at their centres
                mean[slot] += y;
                lo[slot] = Math.min(lo[slot], y);
                hi[slot] = Math.max(hi[slot], y);
            }
        }
        for (int k = 0; k < slots; k++) {
            if (count[k] == 0) {
                sx[k] = lo[k] = hi[k] = mean[k] = Double.NaN;
            } else {
                // a column's point sits at its centre, so it stays put while the column fills up
                sx[k] = k == 0 || k == slots - 1 ? sx[k] / count[k] : x0 + (k - 0.5) * width;
                mean[k] /= count[k];
            }
        }
        return new Envelope(sx, lo, hi, mean);
    }

    /** How many of xs[0, n) lie in [x0, x1] (xs ascending). */
    public static int count(double[] xs, int n, double x0, double x1) {
        return Math.max(0, upperBound(xs, n, x1) - lowerBound(xs, n, x0));
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
