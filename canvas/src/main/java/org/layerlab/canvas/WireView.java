package org.layerlab.canvas;

import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import org.layerlab.graph.Edge;

/** One wire: a curve from an output port to an input port, with the tensor shape it carries. */
final class WireView extends Group {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final Edge edge;
    private final CubicCurve curve = new CubicCurve();
    private final CubicCurve hit = new CubicCurve();
    private final Label label = new Label();
    private double midX;
    private double midY;

    WireView(Edge edge) {
        this.edge = edge;
        getStyleClass().add("wire");
        curve.getStyleClass().add("wire-line");
        // a wide transparent twin makes the thin wire easy to click
        hit.getStyleClass().add("wire-hit");
        label.getStyleClass().add("wire-label");
        label.setMouseTransparent(true);
        // the label's width is known only after CSS; keep it centred whenever it changes
        label.widthProperty().addListener((o, a, b) -> placeLabel());
        getChildren().addAll(hit, curve, label);
    }

    Edge edge() {
        return edge;
    }

    CubicCurve hitArea() {
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

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** Routes the wire between two points in canvas units. */
    void route(double x1, double y1, double x2, double y2) {
        for (CubicCurve c : new CubicCurve[] {curve, hit}) bend(c, x1, y1, x2, y2);
        midX = (x1 + x2) / 2;
        midY = (y1 + y2) / 2;
        placeLabel();
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
