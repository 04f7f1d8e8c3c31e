package org.layerlab.charts;

import java.util.Arrays;

/**
 * One line of a chart at full resolution: x (iteration) and y values in growable primitive arrays
 * (12 bytes a point). Appended on the FX thread; the chart draws a decimated view of it.
 */
public final class Series {
    private final String name;
    private final String colour;
    private double[] xs = new double[256];
    private float[] ys = new float[256];
    private int size;
    private long generation;
    private boolean points;

    /** @param colour a CSS colour ("#4f86e8") so lines can match layer colours on the canvas */
    public Series(String name, String colour) {
        this.name = name;
        this.colour = colour;
    }

    public String name() {
        return name;
    }

    public String colour() {
        return colour;
    }

    /** Drawn as dots joined by a line (sparse series such as per-epoch validation). */
    public Series asPoints() {
        points = true;
        return this;
    }

    public boolean isPoints() {
        return points;
    }

    public void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = (float) y;
        size++;
    }

    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** The backing arrays, valid up to {@link #size()} (drawing without copying). */
    double[] rawX() {
        return xs;
    }

    float[] rawY() {
        return ys;
    }

    public void clear() {
        size = 0;
        generation++;
    }

    /** Changes when the series is cleared, so caches of its values know to start over. */
    long generation() {
        return generation;
    }

    /** Copies of the stored values (CSV export, tests). */
    public double[] xs() {
        return Arrays.copyOf(xs, size);
    }

    public float[] ys() {
        return Arrays.copyOf(ys, size);
    }

    /** Index of the point whose x is nearest to {@code x} (x ascending), or -1 if empty. */
    public int nearestIndex(double x) {
        int n = size();
        if (n == 0) return -1;
        int lo = 0, hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x(mid) < x) lo = mid + 1;
            else hi = mid;
        }
        if (lo > 0 && Math.abs(x(lo - 1) - x) < Math.abs(x(lo) - x)) lo--;
        return lo;
    }

    /** Every stored point of every series as "series,x,y" lines, full resolution. */
    static void writeCsv(java.util.List<Series> all, java.io.Writer w) throws java.io.IOException {
        w.write("series,x,y\n");
        for (Series s : all) {
            String name = s.name().contains(",") || s.name().contains("\"") ? "\"" + s.name().replace("\"", "\"\"") + "\"" : s.name();
            for (int i = 0; i < s.size(); i++) w.write(name + "," + num(s.x(i)) + "," + num(s.y(i)) + "\n");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }
}
