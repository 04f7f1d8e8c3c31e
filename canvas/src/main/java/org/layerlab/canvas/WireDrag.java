package org.layerlab.canvas;

import java.util.Map;
import java.util.function.BiFunction;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.shape.CubicCurve;
import org.layerlab.graph.shape.Compatibility;

/**
 * Drawing a new wire from a layer's output port: while dragging, every other layer's input ports
 * show whether they accept it; on release over a layer the {@link Editor} connects or refuses
 * with the reason. FX thread only.
 */
final class WireDrag {
    private final Region host;
    private final Editor editor;
    private final Map<String, NodeView> nodeViews;
    private final BiFunction<Double, Double, Point2D> sceneToCanvas;
    private final CubicCurve pending = new CubicCurve();
    private String source;

    /** @param nodeViews the canvas's live map of layer views */
    WireDrag(Region host, Editor editor, Map<String, NodeView> nodeViews, BiFunction<Double, Double, Point2D> sceneToCanvas) {
        this.host = host;
        this.editor = editor;
        this.nodeViews = nodeViews;
        this.sceneToCanvas = sceneToCanvas;
        pending.getStyleClass().add("pending-wire");
        pending.setVisible(false);
        pending.setMouseTransparent(true);
    }

    /** The dashed wire that follows the mouse, in canvas units. */
    CubicCurve pendingWire() {
        return pending;
    }

    /** Makes {@code v}'s output port start wires. */
    void hook(NodeView v) {
        v.outputPort().setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            host.requestFocus();
            begin(v.nodeId());
            e.consume();
        });
        v.outputPort().setOnMouseDragged(e -> {
            if (source == null) return;
            drag(sceneToCanvas.apply(e.getSceneX(), e.getSceneY()));
            e.consume();
        });
        v.outputPort().setOnMouseReleased(e -> {
            if (source == null) return;
            end(sceneToCanvas.apply(e.getSceneX(), e.getSceneY()));
            e.consume();
        });
    }

    /** Starts a wire from {@code from}'s output: every other layer's ports show whether they accept it. */
    void begin(String from) {
        source = from;
        for (NodeView v : nodeViews.values()) {
            if (v.nodeId().equals(from) || v.inputPorts().isEmpty()) continue;
            v.markTarget(editor.canConnect(from, v.nodeId()).ok());
        }
        NodeView src = nodeViews.get(from);
        double x = src.getLayoutX() + NodeGeometry.WIDTH;
        double y = src.getLayoutY() + NodeGeometry.outputY();
        WireView.bend(pending, x, y, x, y);
        pending.setVisible(true);
    }

    void drag(Point2D p) {
        WireView.bend(pending, pending.getStartX(), pending.getStartY(), p.getX(), p.getY());
    }

    /** Ends the drag at {@code p} (canvas units): wires it if it ends on a layer; null if it ended on none. */
    Compatibility.Result end(Point2D p) {
        String from = source;
        source = null;
        pending.setVisible(false);
        for (NodeView v : nodeViews.values()) v.markTarget(null);
        String target = layerAt(p, from);
        return target == null ? null : editor.connect(from, target);
    }

    /** The layer whose body or input ports contain {@code p}, other than {@code except}. */
    private String layerAt(Point2D p, String except) {
        double slack = NodeGeometry.PORT_RADIUS * 2;
        for (NodeView v : nodeViews.values()) {
            if (v.nodeId().equals(except)) continue;
            double x = v.getLayoutX();
            double y = v.getLayoutY();
            if (p.getX() >= x - slack && p.getX() <= x + NodeGeometry.WIDTH && p.getY() >= y && p.getY() <= y + NodeGeometry.HEIGHT) {
                return v.nodeId();
            }
        }
        return null;
    }
}
