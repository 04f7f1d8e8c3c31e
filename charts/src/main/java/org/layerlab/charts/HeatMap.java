package org.layerlab.charts;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Histograms over time as a heat map: x is the iteration, y the value, brightness how many of the
 * layer's numbers fall there (each column scaled to its own peak, square-root so tails show). Each
 * histogram has its own range, so columns are re-binned onto the common y range. A cursor (moved by
 * the owner's time slider) picks one histogram, drawn as bars on the right against the same y axis.
 * Wider histories than the plot are thinned to one column per pixel. FX thread.
 */
public final class HeatMap extends CanvasView {
    private static final double LEFT = 58, TOP = 26, BOTTOM = 24, GAP = 14;
    private static final int ROWS = 64;

    /** One histogram: equal bins over [min, max], taken at iteration x. */
    public record Column(double x, double min, double max, int[] counts) {
        public Column {
            counts = counts.clone();
        }
    }

    private List<Column> columns = List.of();
    private int cursor = -1;
    private String emptyText = "No histograms yet: they appear once training runs.";

    public HeatMap(String title) {
        super(title, "heat-map");
    }

    /** Replaces the histories; the cursor follows the newest column unless it was moved back. */
    public void setColumns(List<Column> columns) {
        boolean followNewest = cursor < 0 || cursor >= this.columns.size() - 1;
        this.columns = List.copyOf(columns);
        if (followNewest || cursor >= this.columns.size()) cursor = this.columns.size() - 1;
        refresh();
    }

    public List<Column> columns() {
        return columns;
    }

    /** Selects the histogram shown as bars (index into the columns). */
    public void setCursor(int index) {
        cursor = columns.isEmpty() ? -1 : Math.max(0, Math.min(columns.size() - 1, index));
        refresh();
    }

    public int cursor() {
        return cursor;
    }

    public void setEmptyText(String text) {
        emptyText = text;
        refresh();
    }

    @Override
    protected String heading() {
        if (cursor < 0) return title();
        return title() + String.format(Locale.ROOT, "  ·  iteration %,d", Math.round(columns.get(cursor).x()));
    }

    /**
     * Spreads a histogram over [min, max] onto {@code rows} equal rows over [lo, hi], each bin's count
     * shared by overlap (a bin of zero width goes to the row that holds it). Mass inside [lo, hi] is kept.
     */
    public static double[] rebin(double min, double max, int[] counts, double lo, double hi, int rows) {
        double[] out = new double[rows];
        double rowH = (hi - lo) / rows;
        double binW = (max - min) / counts.length;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) continue;
            double a = min + k * binW, b = a + binW;
            if (binW <= 0 || rowH <= 0) {
                int r = rowH <= 0 ? 0 : (int) Math.floor((a - lo) / rowH);
                out[Math.max(0, Math.min(rows - 1, r))] += counts[k];
                continue;
            }
            int r0 = Math.max(0, (int) Math.floor((a - lo) / rowH));
            int r1 = Math.min(rows - 1, (int) Math.floor((b - lo) / rowH));
            for (int r = r0; r <= r1; r++) {
                double overlap = Math.min(b, lo + (r + 1) * rowH) - Math.max(a, lo + r * rowH);
                if (overlap > 0) out[r] += counts[k] * overlap / binW;
            }
        }
        return out;
    }

    /** For {@code n} columns drawn in {@code width} pixels: which column each pixel shows (all when they fit). */
    public static int[] thin(int n, int width) {
        if (n <= width) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] out = new int[width];
        for (int p = 0; p < width; p++) out[p] = (int) Math.min(n - 1, Math.round((p + 0.5) * n / width - 0.5));
        return out;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h, Colours c) {
        if (columns.isEmpty()) {
            empty(g, w, h, c, emptyText);
            return;
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Column col : columns) {
            lo = Math.min(lo, col.min());
            hi = Math.max(hi, col.max());
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double plotH = h - TOP - BOTTOM;
        double profileW = Math.max(60, (w - LEFT) * 0.24);
        double plotW = w - LEFT - GAP - profileW - 8;
        if (plotW < 20 || plotH < 20) return;

        int[] shown = thin(columns.size(), (int) plotW);
        double colW = plotW / shown.length;
        double rowH = plotH / ROWS;
        for (int p = 0; p < shown.length; p++) {
            Column col = columns.get(shown[p]);
            double[] rows = rebin(col.min(), col.max(), col.counts(), lo, hi, ROWS);
            double peak = 0;
            for (double v : rows) peak = Math.max(peak, v);
            for (int r = 0; r < ROWS; r++) {
                g.setFill(Ramp.viridis(peak == 0 ? 0 : Math.sqrt(rows[r] / peak)));
                g.fillRect(LEFT + p * colW, TOP + plotH - (r + 1) * rowH, Math.ceil(colW), Math.ceil(rowH));
            }
        }
        // axes: values on the left, iterations below
        YAxis axis = YAxis.linear(lo, hi);
        g.setFont(Font.font(10.5));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(c.muted());
        for (double t : axis.ticks()) {
            double f = (t - lo) / (hi - lo);
            if (f < 0 || f > 1) continue;
            g.fillText(YAxis.label(t), LEFT - 6, TOP + plotH * (1 - f));
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double x0 = columns.get(0).x(), x1 = columns.get(columns.size() - 1).x();
        for (double t : YAxis.linear(x0, Math.max(x1, x0 + 1)).ticks()) {
            int i = nearestColumn(t);
            double px = LEFT + (position(shown, i) + 0.5) * colW;
            if (px < LEFT || px > LEFT + plotW) continue;
            g.fillText(YAxis.label(t), px, TOP + plotH + 4);
        }
        if (cursor >= 0) {
            double px = LEFT + (position(shown, cursor) + 0.5) * colW;
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5);
            g.strokeLine(px, TOP, px, TOP + plotH);
            drawProfile(g, columns.get(cursor), lo, hi, LEFT + plotW + GAP, profileW, plotH, c);
        }
    }

    private void drawProfile(GraphicsContext g, Column col, double lo, double hi, double x, double width, double plotH, Colours c) {
        double[] rows = rebin(col.min(), col.max(), col.counts(), lo, hi, ROWS);
        double peak = 0, total = 0;
        for (double v : rows) {
            peak = Math.max(peak, v);
            total += v;
        }
        double rowH = plotH / ROWS;
        g.setStroke(c.grid());
        g.strokeLine(x + 0.5, TOP, x + 0.5, TOP + plotH);
        g.setFill(Ramp.viridis(0.55));
        for (int r = 0; r < ROWS; r++) {
            double len = peak == 0 ? 0 : rows[r] / peak * (width - 4);
            g.fillRect(x + 1, TOP + plotH - (r + 1) * rowH, len, Math.max(1, rowH - 0.5));
        }
        g.setFill(c.muted());
        g.setFont(Font.font(10.5));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(String.format(Locale.ROOT, "%,d values", Math.round(total)), x + 4, TOP + plotH + 4);
    }

    private int nearestColumn(double x) {
        int best = 0;
        for (int i = 1; i < columns.size(); i++) if (Math.abs(columns.get(i).x() - x) < Math.abs(columns.get(best).x() - x)) best = i;
        return best;
    }

    /** The pixel column that shows column {@code i} (the nearest thinned one). */
    private static int position(int[] shown, int i) {
        int lo = 0, hi = shown.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (shown[mid] < i) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
