package org.layerlab.canvas;

import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import org.layerlab.graph.Edge;
import org.layerlab.graph.spec.LayerCatalog;

/**
 * A palette layer dragged over the canvas: a preview box where it would land, the wire it would go
 * into lit up, and on release the layer added there — into that wire if there is one. FX thread.
 */
final class PaletteDrops {
    private final GraphCanvas canvas;
    private final Editor editor;
    private final Map<Edge, WireView> wires;
    private final Rectangle preview;

    PaletteDrops(GraphCanvas canvas, Editor editor, Map<Edge, WireView> wires, Rectangle preview) {
        this.canvas = canvas;
        this.editor = editor;
        this.wires = wires;
        this.preview = preview;
    }

    /** Shows where a drop at the scene point would land; true if it is over the canvas. */
    boolean preview(double sceneX, double sceneY) {
        boolean inside = inside(sceneX, sceneY);
        if (inside) {
            Point2D p = canvas.toCanvas(sceneX, sceneY);
            preview.setX(p.getX() - NodeGeometry.WIDTH / 2);
            preview.setY(p.getY() - NodeGeometry.HEIGHT / 2);
        }
        preview.setVisible(inside);
        Edge target = inside ? wireAt(sceneX, sceneY) : null;
        wires.forEach((e, w) -> w.setDropTarget(e.equals(target)));
        return inside;
    }

    /** Adds the layer at the scene point (into the wire there, if any); false if the point is off the canvas. */
    boolean drop(LayerCatalog.Entry entry, double sceneX, double sceneY) {
        cancel();
        if (!inside(sceneX, sceneY)) return false;
        Point2D p = canvas.toCanvas(sceneX, sceneY);
        double x = p.getX() - NodeGeometry.WIDTH / 2, y = p.getY() - NodeGeometry.HEIGHT / 2;
        Edge wire = wireAt(sceneX, sceneY);
        if (wire != null) editor.insertIntoWire(entry.defaults(), wire, x, y);
        else editor.addLayer(entry.defaults(), x, y);
        return true;
    }

    /** The drag ended elsewhere: no preview, no lit wire. */
    void cancel() {
        preview.setVisible(false);
        wires.values().forEach(w -> w.setDropTarget(false));
    }

    /** The wire whose (wide) hit area is under the scene point, or null: a palette layer dropped there goes into it. */
    Edge wireAt(double sceneX, double sceneY) {
        for (Map.Entry<Edge, WireView> e : wires.entrySet()) {
            Path hit = e.getValue().hitArea();
            Point2D local = hit.sceneToLocal(sceneX, sceneY);
            if (local != null && hit.contains(local)) return e.getKey();
        }
        return null;
    }

    private boolean inside(double sceneX, double sceneY) {
        Point2D local = canvas.sceneToLocal(sceneX, sceneY);
        return local != null && canvas.contains(local);
    }
}
