package org.layerlab.charts;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A region that draws itself on one canvas: resized with the region, redrawn by {@link #refresh()},
 * with the theme's colours (dark when an ancestor has the "dark" style class). FX thread.
 */
public abstract class CanvasView extends Region {
    protected final Canvas canvas = new Canvas();
    private String title;

    protected CanvasView(String title, String styleClass) {
        this.title = title;
        getStyleClass().addAll("chart-view", styleClass);
        getChildren().add(canvas);
        setMinSize(160, 120);
        setPrefSize(420, 260);
        ThemeWatch.install(this, this::refresh);
    }

    public String title() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
        refresh();
    }

    @Override
    protected void layoutChildren() {
        if (canvas.getWidth() != getWidth() || canvas.getHeight() != getHeight()) {
            canvas.setWidth(getWidth());
            canvas.setHeight(getHeight());
            refresh();
        }
    }

    /** Background, text and grid colours of the current theme. */
    protected record Colours(Color background, Color text, Color grid, Color muted) {}

    protected Colours colours() {
        boolean dark = false;
        for (javafx.scene.Parent p = getParent(); p != null && !dark; p = p.getParent()) dark = p.getStyleClass().contains("dark");
        return dark ? new Colours(Color.web("#1c2026"), Color.web("#d8dee6"), Color.web("#323944"), Color.web("#9aa5b4"))
                : new Colours(Color.WHITE, Color.web("#1d2530"), Color.web("#e6e9ee"), Color.web("#5d6877"));
    }

    /** Redraws everything. */
    public final void refresh() {
        double w = canvas.getWidth(), h = canvas.getHeight();
        if (w <= 0 || h <= 0) return;
        Colours c = colours();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(c.background());
        g.fillRect(0, 0, w, h);
        g.setFont(Font.font(12));
        g.setFill(c.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(heading(), 8, 5);
        draw(g, w, h, c);
    }

    /** The title line; subclasses may add state (e.g. the time shown). */
    protected String heading() {
        return title;
    }

    /** Draws below the title line (which takes about 24 px). */
    protected abstract void draw(GraphicsContext g, double w, double h, Colours c);

    /** Centred message for an empty view. */
    protected void empty(GraphicsContext g, double w, double h, Colours c, String message) {
        g.setFill(c.muted());
        g.setFont(Font.font(12));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(message, w / 2, h / 2);
    }
}
