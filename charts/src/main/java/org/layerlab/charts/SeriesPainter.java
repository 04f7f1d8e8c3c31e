package org.layerlab.charts;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Strokes one series into a chart's plot area: a line through its points (with dots for point
 * series), or, for a dense series, a pale min–max band and a line through the column means.
 * There is no canvas clip — the software pipeline renders a clipped canvas through a full-size
 * mask on every frame, which cost training speed — so lines are cut at the plot's edges here.
 * FX thread.
 */
final class SeriesPainter {
    private SeriesPainter() {}

    /** Where data lands on the canvas: the plot rectangle, the x range shown and the y axis. */
    record Plot(double left, double top, double width, double height, double x0, double x1, YAxis axis, boolean logY) {
        double right() {
            return left + width;
        }

        double sx(double x) {
            return left + (x - x0) / (x1 - x0) * width;
        }

        /** Screen y, kept inside the plot. */
        double sy(double y) {
            return Math.max(top, Math.min(top + height, top + height * (1 - axis.fraction(y))));
        }
    }

    static void paint(GraphicsContext g, Plot plot, Decimation.Shape shape, Color c, boolean dots) {
        if (shape instanceof Decimation.Envelope e) band(g, plot, e, c);
        else points(g, plot, (Decimation.Points) shape, c, dots);
    }

    private static void points(GraphicsContext g, Plot plot, Decimation.Points p, Color c, boolean dots) {
        g.setStroke(c);
        g.beginPath();
        boolean open = false;
        double prevX = 0, prevY = 0;
        for (int i = 0; i < p.size(); i++) {
            double y = p.y()[i];
            if (plot.logY() && y <= 0) {
                open = false;
                continue;
            }
            double sx = plot.sx(p.x()[i]), sy = plot.sy(y);
            if (open) segment(g, prevX, prevY, sx, sy, plot);
            else if (sx >= plot.left() && sx <= plot.right()) g.moveTo(sx, sy);
            prevX = sx;
            prevY = sy;
            open = true;
        }
        g.stroke();
        if (!dots) return;
        g.setFill(c);
        for (int i = 0; i < p.size(); i++) {
            double sx = plot.sx(p.x()[i]);
            if ((plot.logY() && p.y()[i] <= 0) || sx < plot.left() || sx > plot.right()) continue;
            g.fillOval(sx - 2.5, plot.sy(p.y()[i]) - 2.5, 5, 5);
        }
    }

    /** A dense series: its min–max band (no spike hidden) and its means; empty columns are skipped. */
    private static void band(GraphicsContext g, Plot plot, Decimation.Envelope e, Color c) {
        int[] used = java.util.stream.IntStream.range(0, e.size()).filter(k -> !Double.isNaN(e.mean()[k])).toArray();
        if (used.length == 0) return;
        // along the highs, back along the lows; x kept inside the plot
        g.setFill(Color.color(c.getRed(), c.getGreen(), c.getBlue(), 0.28));
        g.beginPath();
        for (int i = 0; i < used.length; i++) {
            int k = used[i];
            double sx = insideX(plot, e.x()[k]);
            if (i == 0) g.moveTo(sx, plot.sy(e.hi()[k]));
            else g.lineTo(sx, plot.sy(e.hi()[k]));
        }
        for (int i = used.length - 1; i >= 0; i--) g.lineTo(insideX(plot, e.x()[used[i]]), plot.sy(e.lo()[used[i]]));
        g.closePath();
        g.fill();
        g.setStroke(c);
        g.beginPath();
        double px = 0, py = 0;
        for (int i = 0; i < used.length; i++) {
            int k = used[i];
            double sx = plot.sx(e.x()[k]), sy = plot.sy(e.mean()[k]);
            if (i > 0) segment(g, px, py, sx, sy, plot);
            else if (sx >= plot.left() && sx <= plot.right()) g.moveTo(sx, sy);
            px = sx;
            py = sy;
        }
        g.stroke();
    }

    private static double insideX(Plot plot, double x) {
        return Math.max(plot.left(), Math.min(plot.right(), plot.sx(x)));
    }

    /** Adds the part of (x0,y0)→(x1,y1) inside the plot's x range; the pen is at (x0,y0) when that is inside. */
    private static void segment(GraphicsContext g, double x0, double y0, double x1, double y1, Plot plot) {
        double[] c = clip(x0, y0, x1, y1, plot.left(), plot.right());
        if (c == null) return;
        if (c[0] != x0) g.moveTo(c[0], c[1]);
        g.lineTo(c[2], c[3]);
    }

    /** The part of the segment (x0,y0)→(x1,y1) with left ≤ x ≤ right as {ax, ay, bx, by}, or null when none. */
    static double[] clip(double x0, double y0, double x1, double y1, double left, double right) {
        if ((x0 < left && x1 < left) || (x0 > right && x1 > right)) return null;
        double ax = Math.max(left, Math.min(right, x0)), bx = Math.max(left, Math.min(right, x1));
        double slope = x1 == x0 ? 0 : (y1 - y0) / (x1 - x0);
        return new double[] {ax, ax == x0 ? y0 : y0 + slope * (ax - x0), bx, bx == x1 ? y1 : y0 + slope * (bx - x0)};
    }
}
