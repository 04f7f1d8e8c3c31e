package org.layerlab.charts;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A 2-D classifier's decision regions, as TensorFlow Playground draws them: each cell takes the
 * colour of its most likely class, paler where the network is unsure; the data points on top in
 * their true class's colour. FX thread.
 */
public final class DecisionBoundaryView extends CanvasView {
    private static final double LEFT = 44, TOP = 26, BOTTOM = 22, RIGHT = 10;
    public static final String[] CLASS_COLOURS = {"#e0862f", "#2f6fde", "#2a9d55", "#9560d3", "#d0557a", "#3d9fc6", "#c9a227", "#6b7a8f"};

    /** Class probabilities on an n × n grid over [x0, x1] × [y0, y1], row 0 at the top; [row][col][class] flattened. */
    public record Grid(int n, int classes, double x0, double x1, double y0, double y1, float[] probabilities) {
        public Grid {
            probabilities = probabilities.clone();
        }
    }

    /** A data point and its true class. */
    public record Point(double x, double y, int label) {}

    private Grid grid;
    private List<Point> points = List.of();
    private String note = "";

    public DecisionBoundaryView(String title) {
        super(title, "decision-boundary");
    }

    public void setGrid(Grid grid, List<Point> points, String note) {
        this.grid = grid;
        this.points = List.copyOf(points);
        this.note = note == null ? "" : note;
        refresh();
    }

    public Grid grid() {
        return grid;
    }

    @Override
    protected String heading() {
        return note.isEmpty() ? title() : title() + "  ·  " + note;
    }

    /** The colour of a cell: its likeliest class, blended towards white by (1 − confidence margin). */
    public static Color cellColour(float[] p, int offset, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) if (p[offset + k] > p[offset + best]) best = k;
        double confidence = classes == 1 ? 1 : (p[offset + best] - 1.0 / classes) / (1 - 1.0 / classes);
        return Color.WHITE.interpolate(Color.web(CLASS_COLOURS[best % CLASS_COLOURS.length]), 0.12 + 0.6 * Ramp.clamp(confidence, 0, 1));
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h, Colours c) {
        if (grid == null) {
            empty(g, w, h, c, "The decision boundary appears once a 2-D classifier trains.");
            return;
        }
        double side = Math.min(w - LEFT - RIGHT, h - TOP - BOTTOM);
        if (side < 20) return;
        double left = LEFT + (w - LEFT - RIGHT - side) / 2;
        WritableImage img = new WritableImage(grid.n(), grid.n());
        PixelWriter px = img.getPixelWriter();
        for (int r = 0; r < grid.n(); r++) {
            for (int col = 0; col < grid.n(); col++) px.setColor(col, r, cellColour(grid.probabilities(), (r * grid.n() + col) * grid.classes(), grid.classes()));
        }
        g.setImageSmoothing(true);
        g.drawImage(img, left, TOP, side, side);
        for (Point p : points) {
            double sx = left + (p.x() - grid.x0()) / (grid.x1() - grid.x0()) * side;
            double sy = TOP + (grid.y1() - p.y()) / (grid.y1() - grid.y0()) * side;
            if (sx < left || sx > left + side || sy < TOP || sy > TOP + side) continue;
            g.setFill(Color.web(CLASS_COLOURS[p.label() % CLASS_COLOURS.length]));
            g.fillOval(sx - 3, sy - 3, 6, 6);
            g.setStroke(Color.WHITE);
            g.setLineWidth(1);
            g.strokeOval(sx - 3, sy - 3, 6, 6);
        }
        g.setStroke(c.grid());
        g.strokeRect(left - 0.5, TOP - 0.5, side + 1, side + 1);
        g.setFill(c.muted());
        g.setFont(Font.font(10.5));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t : YAxis.linear(grid.x0(), grid.x1()).ticks()) {
            double sx = left + (t - grid.x0()) / (grid.x1() - grid.x0()) * side;
            if (sx >= left && sx <= left + side) g.fillText(YAxis.label(t), sx, TOP + side + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : YAxis.linear(grid.y0(), grid.y1()).ticks()) {
            double sy = TOP + (grid.y1() - t) / (grid.y1() - grid.y0()) * side;
            if (sy >= TOP && sy <= TOP + side) g.fillText(YAxis.label(t), left - 6, sy);
        }
    }
}
