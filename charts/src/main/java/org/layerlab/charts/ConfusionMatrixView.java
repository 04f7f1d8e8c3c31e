package org.layerlab.charts;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A confusion matrix: rows are the true class, columns the predicted one; each cell shows its count
 * and is shaded by its share of the row (so a rare class's mistakes are as visible as a common
 * one's); the diagonal in green, mistakes in red; per-class recall at the row's end. FX thread.
 */
public final class ConfusionMatrixView extends CanvasView {
    private static final double TOP = 60, BOTTOM = 10;

    private int[][] counts;
    private List<String> names = List.of();
    private String note = "";

    public ConfusionMatrixView(String title) {
        super(title, "confusion-matrix");
    }

    /** @param counts [true][predicted]; names may be shorter than the classes (numbers are used) */
    public void setMatrix(int[][] counts, List<String> names, String note) {
        this.counts = counts == null ? null : deepCopy(counts);
        this.names = List.copyOf(names);
        this.note = note == null ? "" : note;
        refresh();
    }

    /** The caption under the title (which epoch, the accuracy). */
    public String note() {
        return note;
    }

    public int[][] matrix() {
        return counts == null ? null : deepCopy(counts);
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) out[i] = m[i].clone();
        return out;
    }

    @Override
    protected String heading() {
        return note.isEmpty() ? title() : title() + "  ·  " + note;
    }

    /** Recall of class {@code r}: correct / all of that class; NaN if it has no examples. */
    public static double recall(int[][] m, int r) {
        long all = 0;
        for (int v : m[r]) all += v;
        return all == 0 ? Double.NaN : m[r][r] / (double) all;
    }

    private String name(int i) {
        return i < names.size() ? names.get(i) : Integer.toString(i);
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h, Colours c) {
        if (counts == null || counts.length == 0) {
            empty(g, w, h, c, "The confusion matrix appears after the first epoch of a classifier.");
            return;
        }
        int n = counts.length;
        double labelW = 16 + 6.5 * names.stream().limit(n).mapToInt(String::length).max().orElse(2);
        labelW = Math.min(labelW, w * 0.25);
        double recallW = 46;
        double cell = Math.min((w - labelW - recallW - 10) / n, (h - TOP - BOTTOM) / n);
        if (cell < 6) return;
        double x0 = labelW, y0 = TOP;
        g.setFont(Font.font(Math.max(8, Math.min(12, cell * 0.36))));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < n; r++) {
            long rowTotal = 0;
            for (int v : counts[r]) rowTotal += v;
            for (int k = 0; k < n; k++) {
                double share = rowTotal == 0 ? 0 : counts[r][k] / (double) rowTotal;
                Color base = r == k ? Color.web("#2a9d55") : Color.web("#d0453a");
                g.setFill(share == 0 ? c.background() : c.background().interpolate(base, 0.15 + 0.85 * share));
                g.fillRect(x0 + k * cell, y0 + r * cell, cell, cell);
                g.setStroke(c.grid());
                g.strokeRect(x0 + k * cell + 0.5, y0 + r * cell + 0.5, cell, cell);
                if (counts[r][k] > 0 && cell >= 16) {
                    g.setFill(share > 0.55 ? Color.WHITE : c.text());
                    g.fillText(String.format(Locale.ROOT, "%,d", counts[r][k]), x0 + (k + 0.5) * cell, y0 + (r + 0.5) * cell);
                }
            }
            g.setFill(c.muted());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(name(r), x0 - 6, y0 + (r + 0.5) * cell);
            double rec = recall(counts, r);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(Double.isNaN(rec) ? "–" : String.format(Locale.ROOT, "%.0f %%", rec * 100), x0 + n * cell + 6, y0 + (r + 0.5) * cell);
            g.setTextAlign(TextAlignment.CENTER);
        }
        g.setFill(c.muted());
        g.setTextBaseline(VPos.BOTTOM);
        for (int k = 0; k < n; k++) {
            String s = name(k);
            if (s.length() * 6 > cell + 4) s = Integer.toString(k);
            g.fillText(s, x0 + (k + 0.5) * cell, y0 - 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(10.5));
        g.fillText("columns: predicted class · rows: true class · right: recall", x0, 40);
    }
}
