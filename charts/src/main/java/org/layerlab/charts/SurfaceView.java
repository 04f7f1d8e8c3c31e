package org.layerlab.charts;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A function of two variables drawn as a map (the loss over a plane through parameter space): the
 * colour is the value on a log scale in bands, so the bands read as contour lines; paths drawn on
 * it start at a ring and end at a dot. Cells without a value are left blank. FX thread.
 */
public final class SurfaceView extends CanvasView {
    private static final double LEFT = 52, RIGHT = 74, TOP = 28, BOTTOM = 36;
    private static final int BANDS = 14;

    /** A path on the map: its name for the key, its colour and its (x, y) points in order. */
    public record Path(String name, String colour, double[][] points) {}

    private double[] xs;
    private double[] ys;
    private double[][] z;
    private List<Path> paths = List.of();
    private String xLabel = "";
    private String yLabel = "";
    private String emptyText = "Nothing to draw yet.";

    public SurfaceView(String title) {
        super(title, "surface-view");
    }

    /**
     * @param z {@code z[j][i]} at (xs[i], ys[j]); NaN where unknown
     */
    public void setSurface(double[] xs, double[] ys, double[][] z, List<Path> paths, String xLabel, String yLabel) {
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.z = z;
        this.paths = List.copyOf(paths);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        refresh();
    }

    public void clear(String message) {
        xs = null;
        emptyText = message;
        refresh();
    }

    public List<Path> paths() {
        return paths;
    }

    public boolean hasSurface() {
        return xs != null;
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h, Colours c) {
        if (xs == null) {
            empty(g, w, h, c, emptyText);
            return;
        }
        double pw = w - LEFT - RIGHT, ph = h - TOP - BOTTOM;
        if (pw < 30 || ph < 30) return;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) for (double v : row) if (v > 0 && Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!(hi > lo)) hi = lo * 1.01 + 1e-9;
        double logLo = Math.log(lo), logHi = Math.log(hi);
        int nx = xs.length, ny = ys.length;
        WritableImage img = new WritableImage(nx, ny);
        PixelWriter px = img.getPixelWriter();
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double v = z[j][i];
                Color col = v > 0 && Double.isFinite(v) ? band((Math.log(v) - logLo) / (logHi - logLo)) : c.background();
                px.setColor(i, ny - 1 - j, col); // y grows upwards
            }
        }
        g.setImageSmoothing(false);
        g.drawImage(img, LEFT, TOP, pw, ph);
        double x0 = xs[0], x1 = xs[nx - 1], y0 = ys[0], y1 = ys[ny - 1];
        for (Path p : paths) {
            Color col = Color.web(p.colour());
            double[][] pts = p.points();
            if (pts.length == 0) continue;
            g.setStroke(Color.WHITE);
            g.setLineWidth(4);
            polyline(g, pts, x0, x1, y0, y1, pw, ph);
            g.setStroke(col);
            g.setLineWidth(2);
            polyline(g, pts, x0, x1, y0, y1, pw, ph);
            double sx = LEFT + (pts[0][0] - x0) / (x1 - x0) * pw, sy = TOP + (y1 - pts[0][1]) / (y1 - y0) * ph;
            g.setStroke(Color.WHITE);
            g.setLineWidth(2);
            g.strokeOval(sx - 6, sy - 6, 12, 12);
            double[] e = pts[pts.length - 1];
            double ex = LEFT + (e[0] - x0) / (x1 - x0) * pw, ey = TOP + (y1 - e[1]) / (y1 - y0) * ph;
            g.setFill(col);
            g.fillOval(ex - 5, ey - 5, 10, 10);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1.5);
            g.strokeOval(ex - 5, ey - 5, 10, 10);
        }
        g.setStroke(c.grid());
        g.setLineWidth(1);
        g.strokeRect(LEFT - 0.5, TOP - 0.5, pw + 1, ph + 1);
        axes(g, c, pw, ph, x0, x1, y0, y1);
        scale(g, c, w, ph, lo, hi);
        key(g, c, w);
    }

    private static void polyline(GraphicsContext g, double[][] pts, double x0, double x1, double y0, double y1, double pw, double ph) {
        g.beginPath();
        for (int k = 0; k < pts.length; k++) {
            double sx = LEFT + (pts[k][0] - x0) / (x1 - x0) * pw, sy = TOP + (y1 - pts[k][1]) / (y1 - y0) * ph;
            if (k == 0) g.moveTo(sx, sy);
            else g.lineTo(sx, sy);
        }
        g.stroke();
    }

    /** Viridis in {@link #BANDS} steps: equal colours are equal heights, like contour lines. */
    static Color band(double t) {
        double b = Math.min(BANDS - 1, Math.floor(Ramp.clamp(t, 0, 1) * BANDS));
        return Ramp.viridis(b / (BANDS - 1));
    }

    private void axes(GraphicsContext g, Colours c, double pw, double ph, double x0, double x1, double y0, double y1) {
        g.setFill(c.muted());
        g.setFont(Font.font(10.5));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : YAxis.linear(x0, x1).ticks()) {
            double sx = LEFT + (t - x0) / (x1 - x0) * pw;
            if (sx >= LEFT && sx <= LEFT + pw) g.fillText(YAxis.label(t), sx, TOP + ph + 3);
        }
        g.fillText(xLabel, LEFT + pw / 2, TOP + ph + 18);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : YAxis.linear(y0, y1).ticks()) {
            double sy = TOP + (y1 - t) / (y1 - y0) * ph;
            if (sy >= TOP && sy <= TOP + ph) g.fillText(YAxis.label(t), LEFT - 5, sy);
        }
        g.save();
        g.translate(12, TOP + ph / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(yLabel, 0, 0);
        g.restore();
    }

    /** The colour scale on the right, labelled with loss values (log spaced). */
    private void scale(GraphicsContext g, Colours c, double w, double ph, double lo, double hi) {
        double x = w - RIGHT + 12, bw = 12;
        for (int b = 0; b < BANDS; b++) {
            g.setFill(band((b + 0.5) / BANDS));
            double top = TOP + ph * (1 - (b + 1.0) / BANDS);
            g.fillRect(x, top, bw, ph / BANDS + 0.5);
        }
        g.setFill(c.muted());
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k <= 4; k++) {
            double v = Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * k / 4);
            g.fillText(String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v), x + bw + 3, TOP + ph * (1 - k / 4.0));
        }
    }

    private void key(GraphicsContext g, Colours c, double w) {
        double x = w - RIGHT;
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int k = paths.size() - 1; k >= 0; k--) {
            Path p = paths.get(k);
            g.setFill(c.text());
            g.fillText(p.name(), x, 6);
            double tw = SeriesPainter.textWidth(p.name());
            g.setFill(Color.web(p.colour()));
            g.fillOval(x - tw - 12, 9, 8, 8);
            x -= tw + 30;
        }
    }
}
