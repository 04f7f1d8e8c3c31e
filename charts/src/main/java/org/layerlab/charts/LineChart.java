package org.layerlab.charts;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A line chart drawn on a canvas: many series at full resolution, reduced to the pixel width when
 * drawn (dense ones as a min–max band with their means, see {@link SeriesPainter}); log or linear y;
 * TensorBoard smoothing; vertical markers (e.g. "LR → 0.01"); an optional shaded guide band; a hover
 * read-out; wheel to zoom x, drag to pan, double-click to reset. The owner calls
 * {@link #refreshIfChanged()} after appending. FX thread.
 */
public final class LineChart extends Region {
    private static final double LEFT = 58, RIGHT = 12, TOP = 26, BOTTOM = 24;

    /** A labelled vertical line at x. */
    public record Marker(double x, String label) {}

    private final Canvas canvas = new Canvas();
    private String title;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final java.util.Map<Series, Smoothing.Running> smoothed = new java.util.IdentityHashMap<>();
    private long drawnStamp = Long.MIN_VALUE;
    private long drawnPicture;
    private boolean logY;
    private boolean legend = true;
    private double smoothing;
    private DoubleFunction<String> xFormat; // null: iterations
    private double bandLo = Double.NaN;
    private double bandHi = Double.NaN;
    private final XRange shownX = new XRange();
    private double hoverX = Double.NaN;
    // last drawn mapping, for the mouse
    private double px0, px1, plotW;

    public LineChart(String title) {
        this.title = title;
        getStyleClass().add("line-chart");
        getChildren().add(canvas);
        ThemeWatch.install(this, this::refresh);
        setMinSize(160, 120);
        setPrefSize(420, 240);
        canvas.setOnMouseMoved(e -> {
            hoverX = e.getX();
            refresh();
        });
        canvas.setOnMouseExited(e -> {
            hoverX = Double.NaN;
            refresh();
        });
        canvas.setOnScroll(e -> {
            if (plotW <= 0) return;
            shownX.zoom(toX(e.getX()), px0, px1, e.getDeltaY() > 0);
            refresh();
            e.consume();
        });
        canvas.setOnMousePressed(e -> shownX.startPan(e.getX(), px0, px1));
        canvas.setOnMouseDragged(e -> {
            if (plotW <= 0) return;
            shownX.panTo(e.getX(), plotW);
            hoverX = e.getX();
            refresh();
        });
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) resetView();
        });
    }

    /** A new title (a view that shows another statistic); redrawn at the next refresh. */
    public void setTitle(String title) {
        this.title = title;
        drawnPicture = 0;
    }

    public String title() {
        return title;
    }

    public Series add(Series s) {
        series.add(s);
        return s;
    }

    public void remove(Series s) {
        series.remove(s);
        smoothed.remove(s);
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    public void clear() {
        series.clear();
        smoothed.clear();
        markers.clear();
        resetView();
    }

    public void addMarker(double x, String label) {
        markers.add(new Marker(x, label));
    }

    public List<Marker> markers() {
        return List.copyOf(markers);
    }

    public void setLogY(boolean log) {
        logY = log;
        refresh();
    }

    /** Hide the legend where something else names the lines (toggle buttons in their colours). */
    public void setLegendVisible(boolean visible) {
        legend = visible;
        requestLayout();
    }

    public boolean isLogY() {
        return logY;
    }

    /** 0 … 0.99, as TensorBoard's slider. */
    public void setSmoothing(double weight) {
        smoothing = Math.max(0, Math.min(0.999, weight));
        refresh();
    }

    /** How x values are written on the axis and in the read-out (e.g. 10^x when x holds a log10). */
    public void setXFormat(DoubleFunction<String> format) {
        xFormat = format;
        refresh();
    }

    public double smoothing() {
        return smoothing;
    }

    /** Shades y in [lo, hi] (e.g. the healthy update:parameter ratios). */
    public void setBand(double lo, double hi) {
        bandLo = lo;
        bandHi = hi;
    }

    public void resetView() {
        shownX.reset();
        refresh();
    }

    /** The x axis shown while the chart has no points (a rate sweep's range, not 0…1). */
    public void setEmptyXRange(double x0, double x1) {
        shownX.setEmpty(x0, x1);
    }

    /** Zooms x to [x0, x1] (tests, linked charts). */
    public void setViewX(double x0, double x1) {
        shownX.set(x0, x1);
        refresh();
    }

    /** Every stored point of every series as "series,x,y" lines, full resolution. */
    public void writeCsv(Writer w) throws IOException {
        Series.writeCsv(series, w);
    }

    /**
     * What the chart draws for {@code s}: its points while there is at most one per two pixels,
     * else its {@link Decimation.Envelope} over two-pixel columns. Stroking a dense, noisy line
     * (a zig-zag from min to max) is what cost the renderer most; a band and a mean line cost far less.
     */
    Decimation.Shape shapeOf(Series s) {
        double[] range = xRange();
        int columns = (int) Math.max(1, plotWidth() / 2);
        if (Decimation.count(s.rawX(), s.size(), range[0], range[1]) <= columns) return visiblePoints(s);
        return Decimation.envelope(s.rawX(), ys(s), s.size(), range[0], range[1], columns, logY);
    }

    /** The values drawn for {@code s}: its own, or their smoothing (kept and extended as the series grows). */
    private float[] ys(Series s) {
        if (smoothing <= 0) return s.rawY();
        return smoothed.computeIfAbsent(s, k -> new Smoothing.Running()).update(s.rawY(), s.size(), smoothing, s.generation());
    }

    /** The points the chart would draw for {@code s} at the current width (tests). */
    public Decimation.Points visiblePoints(Series s) {
        double[] range = xRange();
        return Decimation.minMax(s.rawX(), ys(s), s.size(), range[0], range[1], (int) Math.max(1, plotWidth()));
    }

    private double plotWidth() {
        return Math.max(1, getWidth() - LEFT - RIGHT);
    }

    private double[] xRange() {
        return shownX.of(series);
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            refresh();
        }
    }

    private boolean dark() {
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            if (p.getStyleClass().contains("dark")) return true;
        }
        return false;
    }

    private double toX(double pixel) {
        return px0 + (pixel - LEFT) / plotW * (px1 - px0);
    }

    /**
     * The live-training path: redraws only when a series grew or the series or markers changed since
     * the last drawing, and even then only when the picture would differ (to a quarter pixel) from the
     * one on the canvas — late in a run most new points move no pixel, and every canvas drawn costs
     * the renderer. True when it drew.
     */
    public boolean refreshIfChanged() {
        if (contentStamp() == drawnStamp) return false;
        return draw(true);
    }

    private long contentStamp() {
        long stamp = 31L * series.size() + markers.size();
        for (Series s : series) stamp = stamp * 1_000_003L + s.size() + System.identityHashCode(s);
        return stamp;
    }

    /** Redraws from the series as they are now. */
    public void refresh() {
        draw(false);
    }

    private boolean draw(boolean unlessSamePicture) {
        double w = canvas.getWidth(), h = canvas.getHeight();
        if (w <= 0 || h <= 0) return false;
        drawnStamp = contentStamp();
        boolean dark = dark();
        Color bg = dark ? Color.web("#1c2026") : Color.WHITE;
        Color fg = dark ? Color.web("#d8dee6") : Color.web("#1d2530");
        Color grid = dark ? Color.web("#323944") : Color.web("#e6e9ee");
        Color muted = dark ? Color.web("#9aa5b4") : Color.web("#5d6877");
        double[] xr = xRange();
        px0 = xr[0];
        px1 = xr[1];
        plotW = w - LEFT - RIGHT;
        double plotH = h - TOP - BOTTOM;
        List<Decimation.Shape> drawn = new ArrayList<>();
        YAxis axis = null;
        if (plotW >= 10 && plotH >= 10) {
            for (Series s : series) drawn.add(shapeOf(s));
            axis = ChartGrid.axis(drawn, px0, px1, logY, bandLo, bandHi);
        }
        SeriesPainter.Plot plot = axis == null ? null : new SeriesPainter.Plot(LEFT, TOP, plotW, plotH, px0, px1, axis, logY);
        long picture = picture(plot, drawn, w, h, dark);
        if (unlessSamePicture && picture == drawnPicture) return false;
        drawnPicture = picture;

        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(bg);
        g.fillRect(0, 0, w, h);
        g.setFont(Font.font(12));
        g.setFill(fg);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title + (logY ? "  (log)" : ""), 8, 5);
        if (plot == null) return true;

        ChartGrid.paint(g, plot, bandLo, bandHi, xFormat, w, dark, grid, muted);

        SeriesPainter.markers(g, markers, px0, px1, LEFT, TOP, plotW, plotH, muted, bg);
        // lines
        g.setLineWidth(1.6);
        for (int k = 0; k < series.size(); k++) {
            SeriesPainter.paint(g, plot, drawn.get(k), Color.web(series.get(k).colour()), series.get(k).isPoints());
        }

        if (legend) SeriesPainter.legend(g, series, w - RIGHT, LEFT + SeriesPainter.textWidth(title) + 30, muted);

        // hover read-out
        if (!Double.isNaN(hoverX) && hoverX >= LEFT && hoverX <= LEFT + plotW) {
            double x = toX(hoverX);
            List<String> lines = new ArrayList<>();
            lines.add("x = " + (xFormat == null ? YAxis.label(Math.round(x)) : xFormat.apply(x)));
            for (Series s : series) {
                int i = s.nearestIndex(x);
                if (i >= 0) lines.add(s.name() + ": " + String.format(Locale.ROOT, "%.4g", s.y(i)));
            }
            g.setStroke(muted);
            SeriesPainter.readOut(g, plot, hoverX, lines, w, dark ? Color.rgb(40, 45, 54, 0.92) : Color.rgb(255, 255, 255, 0.92), grid, fg);
        }
        return true;
    }

    /** A hash of everything the drawing shows; equal hashes put the same pixels on the canvas. */
    private long picture(SeriesPainter.Plot plot, List<Decimation.Shape> shapes, double w, double h, boolean dark) {
        if (!Double.isNaN(hoverX)) return System.nanoTime(); // the read-out follows the data: always redraw
        double[] settings = {w, h, dark ? 1 : 0, px0, px1, logY ? 1 : 0, title.hashCode(), bandLo, bandHi,
                plot == null ? 0 : plot.axis().fraction(0), plot == null ? 0 : plot.axis().fraction(1)};
        long p = 0;
        for (double v : settings) p = SeriesPainter.mix(p, Double.doubleToLongBits(v));
        for (Marker m : markers) p = SeriesPainter.mix(SeriesPainter.mix(p, Double.doubleToLongBits(m.x())), m.label().hashCode());
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            p = SeriesPainter.mix(p, 31L * s.name().hashCode() + s.colour().hashCode() + (s.isPoints() ? 7 : 0));
            if (plot != null) p = SeriesPainter.fingerprint(p, plot, shapes.get(k));
        }
        return p;
    }
}
