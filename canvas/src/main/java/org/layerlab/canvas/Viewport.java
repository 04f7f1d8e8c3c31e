package org.layerlab.canvas;

import java.util.Collection;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.ViewState;

/**
 * Zoom and pan of the canvas: the content group's transforms, conversions between the host's
 * coordinates and canvas units, fit and centre. Tells its owner when zoom crosses the level below
 * which small texts are hidden. FX thread only.
 */
final class Viewport {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 4;
    /** Fit never enlarges past this. */
    static final double MAX_FIT_ZOOM = 1.5;
    /** Below this zoom the small texts are unreadable; hiding them keeps big graphs fluid. */
    static final double DETAIL_ZOOM = 0.45;

    private final Region host;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate pan = new Translate();
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final Consumer<Boolean> detailChanged;
    private boolean detailed = true;

    Viewport(Region host, Group content, Consumer<Boolean> detailChanged) {
        this.host = host;
        this.detailChanged = detailChanged;
        content.getTransforms().addAll(pan, scale);
    }

    ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    double zoom() {
        return zoom.get();
    }

    boolean isDetailed() {
        return detailed;
    }

    double panX() {
        return pan.getX();
    }

    double panY() {
        return pan.getY();
    }

    Point2D localToCanvas(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.get(), (y - pan.getY()) / zoom.get());
    }

    Point2D canvasToLocal(double x, double y) {
        return new Point2D(pan.getX() + x * zoom.get(), pan.getY() + y * zoom.get());
    }

    void setPan(double x, double y) {
        pan.setX(x);
        pan.setY(y);
    }

    private void setZoom(double z) {
        double nz = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
        scale.setX(nz);
        scale.setY(nz);
        zoom.set(nz);
        boolean d = nz >= DETAIL_ZOOM;
        if (d != detailed) {
            detailed = d;
            detailChanged.accept(d);
        }
    }

    /** Zooms to {@code z}, keeping the canvas point under (localX, localY) where it is. */
    void zoomAt(double z, double localX, double localY) {
        Point2D anchor = localToCanvas(localX, localY);
        setZoom(z);
        setPan(localX - anchor.getX() * zoom.get(), localY - anchor.getY() * zoom.get());
    }

    /** Zooms by {@code factor} about the middle of the host. */
    void zoomBy(double factor) {
        zoomAt(zoom.get() * factor, host.getWidth() / 2, host.getHeight() / 2);
    }

    /** Zooms and pans so every node is visible. */
    void fit(Collection<Node> nodes) {
        if (nodes.isEmpty() || host.getWidth() <= 0) {
            setZoom(1);
            setPan(0, 0);
            return;
        }
        double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
        for (Node n : nodes) {
            x1 = Math.min(x1, n.x());
            y1 = Math.min(y1, n.y() - 24); // room for wire labels above
            x2 = Math.max(x2, n.x() + NodeGeometry.WIDTH);
            y2 = Math.max(y2, n.y() + NodeGeometry.HEIGHT);
        }
        double margin = 32;
        double z = Math.min((host.getWidth() - 2 * margin) / (x2 - x1), (host.getHeight() - 2 * margin) / (y2 - y1));
        setZoom(Math.min(MAX_FIT_ZOOM, z));
        centreOn((x1 + x2) / 2, (y1 + y2) / 2);
    }

    /** Pans so canvas point (x, y) is in the middle of the host. */
    void centreOn(double x, double y) {
        setPan(host.getWidth() / 2 - x * zoom.get(), host.getHeight() / 2 - y * zoom.get());
    }

    ViewState state() {
        return new ViewState(zoom.get(), pan.getX(), pan.getY());
    }

    void setState(ViewState v) {
        setZoom(v.zoom());
        setPan(v.panX(), v.panY());
    }
}
