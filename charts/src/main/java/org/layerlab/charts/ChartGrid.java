package org.layerlab.charts;

import java.util.List;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** A line chart's frame: the y axis that fits what is drawn, the healthy band, grid lines and tick labels. Pure drawing. */
final class ChartGrid {
    private ChartGrid() {}

    /** The y axis for the shapes over [x0, x1], widened to show the band; a flat line gets a readable range. */
    static YAxis axis(List<Decimation.Shape> shapes, double x0, double x1, boolean logY, double bandLo, double bandHi) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Decimation.Shape shape : shapes) {
            double[] extent = shape.yExtent(x0, x1, logY);
            lo = Math.min(lo, extent[0]);
            hi = Math.max(hi, extent[1]);
        }
        if (!Double.isFinite(lo)) {
            lo = logY ? 1e-3 : 0;
            hi = 1;
        } else if (hi - lo <= 1e-9 * Math.max(1, Math.abs(hi)) && !logY) {
            // a flat line (every unit alive: dead fraction 0) gets a readable axis, not ±1e-6
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            hi = lo + pad;
            if (lo != 0) lo -= pad;
        }
        if (!Double.isNaN(bandLo)) {
            lo = Math.min(lo, bandLo);
            hi = Math.max(hi, bandHi);
        }
        return logY ? YAxis.log(lo, hi) : YAxis.linear(lo, hi);
    }

    /** The band (when set), horizontal and vertical grid lines and their labels; {@code xFormat} null labels iterations. */
    static void paint(GraphicsContext g, SeriesPainter.Plot plot, double bandLo, double bandHi, DoubleFunction<String> xFormat,
                      double w, boolean dark, Color grid, Color muted) {
        double left = plot.left(), top = plot.top(), plotW = plot.width(), plotH = plot.height(), x0 = plot.x0(), x1 = plot.x1();
        YAxis axis = plot.axis();
        if (!Double.isNaN(bandLo)) {
            g.setFill(dark ? Color.rgb(73, 197, 122, 0.12) : Color.rgb(42, 157, 85, 0.10));
            double yTop = top + plotH * (1 - axis.fraction(bandHi));
            double yBot = top + plotH * (1 - axis.fraction(bandLo));
            g.fillRect(left, yTop, plotW, yBot - yTop);
        }
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font(10.5));
        for (double t : axis.ticks()) {
            double y = Math.round(top + plotH * (1 - axis.fraction(t))) + 0.5;
            g.setStroke(grid);
            g.strokeLine(left, y, left + plotW, y);
            g.setFill(muted);
            g.fillText(YAxis.label(t), left - 6, y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : YAxis.linear(x0, x1).ticks()) {
            double x = Math.round(left + (t - x0) / (x1 - x0) * plotW) + 0.5;
            if (x < left - 1 || x > left + plotW + 1) continue;
            g.setStroke(grid);
            g.strokeLine(x, top, x, top + plotH);
            g.setFill(muted);
            String label = xFormat == null ? YAxis.label(t) : xFormat.apply(t);
            // the last label is kept inside the chart rather than cut at its right edge
            g.fillText(label, Math.min(x, w - 3 - SeriesPainter.textWidth(label) * 0.45), top + plotH + 4);
        }
    }
}
