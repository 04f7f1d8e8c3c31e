package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import org.layerlab.graph.Edge;

/**
 * Dragging layers on the canvas: a press selects (shortcut or shift toggles), a drag moves the
 * selected views and re-routes only the wires touching them, and the release commits the whole drag
 * as one undoable move. The document is not touched until the release. FX thread.
 */
final class NodeDrag {
    private final Region host;
    private final Editor editor;
    private final Map<String, NodeView> nodeViews;
    private final Map<Edge, WireView> wireViews;
    private final BiFunction<Double, Double, Point2D> sceneToCanvas;
    private final Consumer<WireView> route;
    private final BooleanSupplier panning;
    private Point2D pressCanvas;
    private boolean moved;
    private List<WireView> movingWires = List.of();

    /** @param panning true while the space bar turns drags into panning */
    NodeDrag(Region host, Editor editor, Map<String, NodeView> nodeViews, Map<Edge, WireView> wireViews,
             BiFunction<Double, Double, Point2D> sceneToCanvas, Consumer<WireView> route, BooleanSupplier panning) {
        this.host = host;
        this.editor = editor;
        this.nodeViews = nodeViews;
        this.wireViews = wireViews;
        this.sceneToCanvas = sceneToCanvas;
        this.route = route;
        this.panning = panning;
    }

    void hook(NodeView v) {
        v.body().setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY || panning.getAsBoolean()) return;
            host.requestFocus();
            String id = v.nodeId();
            if (e.isShortcutDown() || e.isShiftDown()) editor.toggle(id);
            else if (!editor.selection().contains(id)) editor.select(id);
            pressCanvas = sceneToCanvas.apply(e.getSceneX(), e.getSceneY());
            moved = false;
            movingWires = new ArrayList<>();
            for (WireView w : wireViews.values()) {
                if (editor.selection().contains(w.edge().from()) || editor.selection().contains(w.edge().to())) movingWires.add(w);
            }
            e.consume();
        });
        v.body().setOnMouseDragged(e -> {
            if (pressCanvas == null || !e.isPrimaryButtonDown()) return;
            Point2D p = sceneToCanvas.apply(e.getSceneX(), e.getSceneY());
            previewMove(p.getX() - pressCanvas.getX(), p.getY() - pressCanvas.getY());
            e.consume();
        });
        v.body().setOnMouseReleased(e -> {
            if (pressCanvas == null) return;
            Point2D p = sceneToCanvas.apply(e.getSceneX(), e.getSceneY());
            double dx = p.getX() - pressCanvas.getX();
            double dy = p.getY() - pressCanvas.getY();
            pressCanvas = null;
            if (moved) editor.moveSelection(dx, dy); // one command for the whole drag
            e.consume();
        });
    }

    /** Moves the selected views by (dx, dy) canvas units without touching the document. */
    void previewMove(double dx, double dy) {
        moved = moved || dx != 0 || dy != 0;
        for (String id : editor.selection()) {
            NodeView v = nodeViews.get(id);
            if (v != null) v.relocate(v.node().x() + dx, v.node().y() + dy);
        }
        for (WireView w : movingWires) route.accept(w);
    }
}
