package org.layerlab.charts;

import java.util.List;

/**
 * Which x range a chart shows: the data's own (from 0, growing in round steps so the grid holds
 * still), a range the user zoomed or panned to, or a preset while there is no data. FX thread.
 */
final class XRange {
    private double[] empty = {0, 1};
    private Double view0;
    private Double view1;
    private double dragStartX;
    private double drag0;
    private double drag1;

    /** [from, to] for these series. */
    double[] of(List<Series> series) {
        if (view0 != null) return new double[] {view0, view1};
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            if (s.size() == 0) continue;
            lo = Math.min(lo, s.x(0));
            hi = Math.max(hi, s.x(s.size() - 1));
        }
        if (!Double.isFinite(lo)) return empty.clone();
        if (hi <= lo) hi = lo + 1;
        double start = Math.min(0, lo);
        // an axis from 0 (iterations) grows in steps, not with every point: between steps the grid holds
        // still and the picture changes only where new points land
        return new double[] {start, start == 0 && hi > 0 ? YAxis.niceCeil(hi) : hi};
    }

    /** Zooms about x = {@code at} from the shown [x0, x1]: in by 0.8, out by 1.25. */
    void zoom(double at, double x0, double x1, boolean in) {
        double f = in ? 0.8 : 1.25;
        view0 = at - (at - x0) * f;
        view1 = at + (x1 - at) * f;
    }

    /** A drag starts at screen x {@code screenX} over the shown [x0, x1]. */
    void startPan(double screenX, double x0, double x1) {
        dragStartX = screenX;
        drag0 = x0;
        drag1 = x1;
    }

    /** The drag is at screen x {@code screenX} over a plot {@code plotWidth} pixels wide. */
    void panTo(double screenX, double plotWidth) {
        double dx = (screenX - dragStartX) / plotWidth * (drag1 - drag0);
        view0 = drag0 - dx;
        view1 = drag1 - dx;
    }

    void set(double x0, double x1) {
        view0 = x0;
        view1 = x1;
    }

    void reset() {
        view0 = null;
        view1 = null;
    }

    void setEmpty(double x0, double x1) {
        empty = new double[] {x0, x1};
    }
}
