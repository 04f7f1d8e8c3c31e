package org.layerlab.canvas;

import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.QuadCurveTo;
import org.layerlab.graph.Edge;

/** One wire: a curve from an output port to an input port, with the tensor shape it carries. */
final class WireView extends Group {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final Edge edge;
    private final Path curve = new Path();
    private final Path hit = new Path();
    private final Label label = new Label();
    private double midX;
    private double midY;

    WireView(Edge edge) {
        this.edge = edge;
        getStyleClass().add("wire");
        curve.getStyleClass().add("wire-line");
        // a wide transparent twin makes the thin wire easy to click
        hit.getStyleClass().add("wire-hit");
        // strokes only: a filled open path would catch clicks over the area it encloses
        curve.setFill(null);
        hit.setFill(null);
        label.getStyleClass().add("wire-label");
        label.setMouseTransparent(true);
        // the label's width is known only after CSS; keep it centred whenever it changes
        label.widthProperty().addListener((o, a, b) -> placeLabel());
        getChildren().addAll(hit, curve, label);
    }

    Edge edge() {
        return edge;
    }

    Path hitArea() {
        return hit;
    }

    void setShape(String text) {
        label.setText(text);
        label.setVisible(detailed && text != null && !text.isEmpty());
    }

    private boolean detailed = true;

    void setDetailed(boolean d) {
        detailed = d;
        label.setVisible(d && !label.getText().isEmpty());
    }

    /** A palette layer dropped now would go into this wire. */
    void setDropTarget(boolean on) {
        pseudoClassStateChanged(DROP_TARGET, on);
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /**
     * Routes the wire between two ports in canvas units. A forward wire is one S-curve. A wire
     * running back (to a layer on a band below, after auto-layout wraps a deep chain) leaves its
     * output port to the right, runs along the gap between the bands and enters the input port from
     * the left, so it is seen from port to port rather than emerging from under the boxes.
     */
    void route(double x1, double y1, double x2, double y2) {
        PathElement[] shape = x2 >= x1 - 1 ? forward(x1, y1, x2, y2) : around(x1, y1, x2, y2);
        curve.getElements().setAll(shape);
        hit.getElements().setAll(x2 >= x1 - 1 ? forward(x1, y1, x2, y2) : around(x1, y1, x2, y2));
        if (x2 >= x1 - 1) {
            midX = (x1 + x2) / 2;
            midY = (y1 + y2) / 2;
        } else {
            midX = (x1 + x2) / 2;
            midY = gapY(y1, y2);
        }
        placeLabel();
    }

    private static PathElement[] forward(double x1, double y1, double x2, double y2) {
        double dx = Math.max(40, (x2 - x1) * 0.5);
        return new PathElement[] {new MoveTo(x1, y1), new CubicCurveTo(x1 + dx, y1, x2 - dx, y2, x2, y2)};
    }

    /** The y of the channel between the source's band and the target's: just above the target's box. */
    private static double gapY(double y1, double y2) {
        double targetTop = y2 - NodeGeometry.HEIGHT / 2;
        return y2 > y1 ? targetTop - 23 : y1 + NodeGeometry.HEIGHT / 2 + 23;
    }

    private static PathElement[] around(double x1, double y1, double x2, double y2) {
        double r = 12, out = 28;
        double gy = gapY(y1, y2);
        double right = x1 + out, left = x2 - out;
        double down = Math.signum(gy - y1), back = Math.signum(y2 - gy);
        return new PathElement[] {
                new MoveTo(x1, y1),
                new LineTo(right - r, y1), new QuadCurveTo(right, y1, right, y1 + down * r),
                new LineTo(right, gy - down * r), new QuadCurveTo(right, gy, right - r, gy),
                new LineTo(left + r, gy), new QuadCurveTo(left, gy, left, gy + back * r),
                new LineTo(left, y2 - back * r), new QuadCurveTo(left, y2, left + r, y2),
                new LineTo(x2, y2)};
    }

    private void placeLabel() {
        label.relocate(midX - label.getWidth() / 2, midY - 20);
    }

    static void bend(CubicCurve c, double x1, double y1, double x2, double y2) {
        // forward wires bend gently; a wire running back (a wrapped band) keeps tight ends
        double dx = x2 >= x1 ? Math.max(40, (x2 - x1) * 0.5) : 50;
        c.setStartX(x1);
        c.setStartY(y1);
        c.setControlX1(x1 + dx);
        c.setControlY1(y1);
        c.setControlX2(x2 - dx);
        c.setControlY2(y2);
        c.setEndX(x2);
        c.setEndY(y2);
    }
}
