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
 * Small images in a grid, each with a caption: feature maps (grey, each scaled to its own range),
 * filters (blue–white–red around zero), inputs beside their reconstructions. Tiles are as large as
 * the width allows, pixels drawn square and unsmoothed. FX thread.
 */
public final class ImageGrid extends CanvasView {
    private static final double TOP = 26, PAD = 8, CAPTION = 14;

    /** How values map to colour. */
    public enum Style { GREY, SIGNED }

    /** One image of width × height values, row-major. */
    public record Tile(String caption, int width, int height, float[] values, Style style) {
        public Tile {
            if (values.length != width * height) throw new IllegalArgumentException(values.length + " values for " + width + "×" + height);
            values = values.clone();
        }
    }

    private List<Tile> tiles = List.of();
    private String note = "";
    private int columns;
    private String emptyText = "Nothing to show yet.";

    public ImageGrid(String title) {
        super(title, "image-grid");
    }

    /** @param columns tiles per row, or 0 to fit as many as the width allows at a readable size */
    public void setTiles(List<Tile> tiles, int columns, String note) {
        this.tiles = List.copyOf(tiles);
        this.columns = columns;
        this.note = note == null ? "" : note;
        refresh();
    }

    public List<Tile> tiles() {
        return tiles;
    }

    public void setEmptyText(String text) {
        emptyText = text;
        refresh();
    }

    @Override
    protected String heading() {
        return note.isEmpty() ? title() : title() + "  ·  " + note;
    }

    /** Tiles per row and tile side (px) that fit {@code n} tiles in w × h. */
    static double[] layout(int n, int fixedColumns, double w, double h) {
        if (fixedColumns > 0) {
            double side = Math.min((w - PAD) / fixedColumns - PAD, (h - TOP) / Math.ceil(n / (double) fixedColumns) - PAD - CAPTION);
            return new double[] {fixedColumns, Math.max(8, side)};
        }
        double best = 8;
        int bestCols = Math.max(1, n);
        for (int cols = 1; cols <= n; cols++) {
            int rows = (int) Math.ceil(n / (double) cols);
            double side = Math.min((w - PAD) / cols - PAD, (h - TOP) / rows - PAD - CAPTION);
            if (side > best) {
                best = side;
                bestCols = cols;
            }
        }
        return new double[] {bestCols, best};
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h, Colours c) {
        if (tiles.isEmpty()) {
            empty(g, w, h, c, emptyText);
            return;
        }
        double[] lay = layout(tiles.size(), columns, w, h);
        int cols = (int) lay[0];
        double side = lay[1];
        g.setImageSmoothing(false);
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < tiles.size(); i++) {
            Tile t = tiles.get(i);
            double x = PAD + (i % cols) * (side + PAD);
            double y = TOP + (i / cols) * (side + PAD + CAPTION);
            if (y > h) break;
            double scale = side / Math.max(t.width(), t.height());
            double tw = t.width() * scale, th = t.height() * scale;
            g.drawImage(image(t), x + (side - tw) / 2, y + (side - th) / 2, tw, th);
            g.setStroke(c.grid());
            g.strokeRect(x + (side - tw) / 2 - 0.5, y + (side - th) / 2 - 0.5, tw + 1, th + 1);
            g.setFill(c.muted());
            if (!t.caption().isEmpty()) g.fillText(t.caption(), x + side / 2, y + side + 1);
        }
    }

    /** The tile as an image: GREY scaled to its own min..max, SIGNED scaled to its largest magnitude. */
    static WritableImage image(Tile t) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : t.values()) {
            if (!Float.isFinite(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double mag = Math.max(Math.abs(lo), Math.abs(hi));
        WritableImage img = new WritableImage(t.width(), t.height());
        PixelWriter px = img.getPixelWriter();
        float[] v = t.values();
        for (int y = 0; y < t.height(); y++) {
            for (int x = 0; x < t.width(); x++) {
                float a = v[y * t.width() + x];
                Color col = t.style() == Style.SIGNED ? Ramp.diverging(mag == 0 ? 0 : a / mag)
                        : Ramp.grey(hi > lo ? (a - lo) / (hi - lo) : 0);
                px.setColor(x, y, col);
            }
        }
        return img;
    }
}
