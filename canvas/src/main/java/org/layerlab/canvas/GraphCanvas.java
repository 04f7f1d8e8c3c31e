package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.ViewState;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.Compatibility;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.LayerCatalog;

/**
 * The editing surface: draws the document's layers and wires and turns gestures into
 * {@link Editor} calls. A drag previews by moving views only and pushes one command on release.
 * Zoom with ctrl/cmd + wheel, pan with the wheel, middle drag or space + drag. FX thread only.
 */
public final class GraphCanvas extends Region implements Palette.DropTarget {
    public static final double MIN_ZOOM = 0.1;
    public static final double MAX_ZOOM = 4;

    private final Editor editor;
    private final Group content = new Group();
    private final Group wireLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Translate pan = new Translate();
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final Rectangle band = new Rectangle();
    private final Rectangle dropPreview = new Rectangle(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
    private final CubicCurve pendingWire = new CubicCurve();
    private final Label emptyHint = new Label("Drag a layer here from the palette, or open a sample from the File menu");
    private final Map<String, NodeView> nodeViews = new HashMap<>();
    private final Map<Edge, WireView> wireViews = new HashMap<>();

    private boolean spaceDown;
    // gesture state
    private Point2D pressCanvas;
    private Point2D pressLocal;
    private double panStartX;
    private double panStartY;
    private boolean panning;
    private boolean banding;
    private boolean moved;
    private List<WireView> movingWires = List.of();
    private String wireSource;
    private Map<String, Compatibility.Result> wireTargets = Map.of();

    public GraphCanvas(Editor editor) {
        this.editor = editor;
        getStyleClass().add("graph-canvas");
        setId("canvas");
        setFocusTraversable(true);
        content.getTransforms().addAll(pan, scale);
        pendingWire.getStyleClass().add("pending-wire");
        pendingWire.setVisible(false);
        pendingWire.setMouseTransparent(true);
        dropPreview.getStyleClass().add("drop-preview");
        dropPreview.setVisible(false);
        dropPreview.setMouseTransparent(true);
        content.getChildren().addAll(wireLayer, nodeLayer, pendingWire, dropPreview);
        band.getStyleClass().add("rubber-band");
        band.setVisible(false);
        band.setMouseTransparent(true);
        emptyHint.getStyleClass().add("empty-hint");
        emptyHint.setMouseTransparent(true);
        getChildren().addAll(content, band, emptyHint);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        editor.document().addListener((before, after) -> reconcile());
        editor.selection().addListener((SetChangeListener<String>) c -> refreshSelection());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::backgroundPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::backgroundDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::backgroundReleased);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                setCursor(Cursor.DEFAULT);
            }
        });
        reconcile();
    }

    public Editor editor() {
        return editor;
    }

    // ---- model -> views ----

    /** Brings the views in line with the document: adds, removes and updates layers and wires. */
    private void reconcile() {
        Graph g = editor.graph();
        Analysis a = editor.analysis();
        nodeViews.keySet().removeIf(id -> {
            if (g.contains(id)) return false;
            nodeLayer.getChildren().remove(nodeViews.get(id));
            return true;
        });
        for (Node n : g.nodes()) {
            NodeView v = nodeViews.get(n.id());
            if (v == null) {
                v = new NodeView(n);
                v.setDetailed(detailed);
                hookNode(v);
                nodeViews.put(n.id(), v);
                nodeLayer.getChildren().add(v);
            }
            v.update(n, a.shapeOf(n.id()), a.paramsOf(n.id()), a.problemsOf(n.id()));
            v.setInputPortCount(inputPortCount(g, n));
        }
        Set<Edge> edges = new HashSet<>(g.edges());
        wireViews.keySet().removeIf(e -> {
            if (edges.contains(e)) return false;
            wireLayer.getChildren().remove(wireViews.get(e));
            return true;
        });
        for (Edge e : g.edges()) {
            WireView w = wireViews.computeIfAbsent(e, this::newWire);
            TensorShape s = a.shapeOf(e.from());
            w.setShape(s == null ? "" : s.toString());
            route(w);
        }
        emptyHint.setVisible(g.size() == 0);
        refreshSelection();
    }

    private static int inputPortCount(Graph g, Node n) {
        int max = n.spec().maxInputs();
        if (max <= 1) return max;
        int highest = -1;
        for (Edge e : g.inputsOf(n.id())) highest = Math.max(highest, e.port());
        return Math.max(2, highest + 2); // one free port to wire the next branch into
    }

    private WireView newWire(Edge e) {
        WireView w = new WireView(e);
        w.setDetailed(detailed);
        w.hitArea().setOnMousePressed(ev -> {
            if (ev.getButton() != MouseButton.PRIMARY) return;
            requestFocus();
            editor.selectWire(e);
            refreshSelection();
            ev.consume();
        });
        wireLayer.getChildren().add(w);
        return w;
    }

    private void route(WireView w) {
        NodeView a = nodeViews.get(w.edge().from());
        NodeView b = nodeViews.get(w.edge().to());
        if (a == null || b == null) return;
        int ports = Math.max(1, b.inputPorts().size());
        w.route(a.getLayoutX() + NodeGeometry.WIDTH, a.getLayoutY() + NodeGeometry.outputY(),
                b.getLayoutX(), b.getLayoutY() + NodeGeometry.inputY(w.edge().port(), ports));
    }

    private void refreshSelection() {
        for (NodeView v : nodeViews.values()) v.setSelected(editor.selection().contains(v.nodeId()));
        for (WireView w : wireViews.values()) w.setSelected(w.edge().equals(editor.selectedWire()));
    }

    // ---- gestures on layers ----

    private void hookNode(NodeView v) {
        v.body().setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY || spaceDown) return;
            requestFocus();
            String id = v.nodeId();
            if (e.isShortcutDown() || e.isShiftDown()) editor.toggle(id);
            else if (!editor.selection().contains(id)) editor.select(id);
            pressCanvas = toCanvas(e.getSceneX(), e.getSceneY());
            moved = false;
            movingWires = new ArrayList<>();
            for (WireView w : wireViews.values()) {
                if (editor.selection().contains(w.edge().from()) || editor.selection().contains(w.edge().to())) movingWires.add(w);
            }
            e.consume();
        });
        v.body().setOnMouseDragged(e -> {
            if (pressCanvas == null || !e.isPrimaryButtonDown()) return;
            Point2D p = toCanvas(e.getSceneX(), e.getSceneY());
            previewMove(p.getX() - pressCanvas.getX(), p.getY() - pressCanvas.getY());
            e.consume();
        });
        v.body().setOnMouseReleased(e -> {
            if (pressCanvas == null) return;
            Point2D p = toCanvas(e.getSceneX(), e.getSceneY());
            double dx = p.getX() - pressCanvas.getX();
            double dy = p.getY() - pressCanvas.getY();
            pressCanvas = null;
            if (moved) editor.moveSelection(dx, dy); // one command for the whole drag
            e.consume();
        });
        v.outputPort().setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            requestFocus();
            beginWire(v.nodeId());
            e.consume();
        });
        v.outputPort().setOnMouseDragged(e -> {
            if (wireSource == null) return;
            dragWire(toCanvas(e.getSceneX(), e.getSceneY()));
            e.consume();
        });
        v.outputPort().setOnMouseReleased(e -> {
            if (wireSource == null) return;
            endWire(toCanvas(e.getSceneX(), e.getSceneY()));
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
        for (WireView w : movingWires) route(w);
    }

    /** Starts a wire from {@code from}'s output: every other layer's ports show whether they accept it. */
    void beginWire(String from) {
        wireSource = from;
        wireTargets = new HashMap<>();
        for (NodeView v : nodeViews.values()) {
            if (v.nodeId().equals(from) || v.inputPorts().isEmpty()) continue;
            Compatibility.Result r = editor.canConnect(from, v.nodeId());
            wireTargets.put(v.nodeId(), r);
            v.markTarget(r.ok());
        }
        NodeView src = nodeViews.get(from);
        double x = src.getLayoutX() + NodeGeometry.WIDTH;
        double y = src.getLayoutY() + NodeGeometry.outputY();
        WireView.bend(pendingWire, x, y, x, y);
        pendingWire.setVisible(true);
    }

    void dragWire(Point2D p) {
        WireView.bend(pendingWire, pendingWire.getStartX(), pendingWire.getStartY(), p.getX(), p.getY());
    }

    /** Ends a wire drag at {@code p} (canvas units): wires it if it ends on an accepting layer. */
    Compatibility.Result endWire(Point2D p) {
        String from = wireSource;
        wireSource = null;
        pendingWire.setVisible(false);
        for (NodeView v : nodeViews.values()) v.markTarget(null);
        String target = layerAt(p, from);
        wireTargets = Map.of();
        if (target == null) return null;
        return editor.connect(from, target);
    }

    /** The layer whose body or input ports contain {@code p}, other than {@code except}. */
    String layerAt(Point2D p, String except) {
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

    // ---- gestures on the background ----

    private void backgroundPressed(MouseEvent e) {
        requestFocus();
        pressLocal = new Point2D(e.getX(), e.getY());
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            panning = true;
            panStartX = pan.getX();
            panStartY = pan.getY();
            setCursor(Cursor.CLOSED_HAND);
        } else if (e.getButton() == MouseButton.PRIMARY) {
            banding = true;
            if (!e.isShiftDown() && !e.isShortcutDown()) editor.clearSelection();
            refreshSelection();
            band.setX(e.getX());
            band.setY(e.getY());
            band.setWidth(0);
            band.setHeight(0);
            band.setVisible(true);
        }
    }

    private void backgroundDragged(MouseEvent e) {
        if (panning) {
            setPan(panStartX + e.getX() - pressLocal.getX(), panStartY + e.getY() - pressLocal.getY());
        } else if (banding) {
            band.setX(Math.min(e.getX(), pressLocal.getX()));
            band.setY(Math.min(e.getY(), pressLocal.getY()));
            band.setWidth(Math.abs(e.getX() - pressLocal.getX()));
            band.setHeight(Math.abs(e.getY() - pressLocal.getY()));
        }
    }

    private void backgroundReleased(MouseEvent e) {
        if (panning) {
            panning = false;
            setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
        } else if (banding) {
            banding = false;
            band.setVisible(false);
            if (band.getWidth() > 2 || band.getHeight() > 2) {
                Point2D a = localToCanvas(band.getX(), band.getY());
                Point2D b = localToCanvas(band.getX() + band.getWidth(), band.getY() + band.getHeight());
                List<String> hit = nodesIn(a.getX(), a.getY(), b.getX(), b.getY());
                if (e.isShiftDown() || e.isShortcutDown()) hit.addAll(editor.selection());
                editor.selectOnly(hit);
            }
        }
    }

    /** Layers that overlap the rectangle (canvas units). */
    List<String> nodesIn(double x1, double y1, double x2, double y2) {
        List<String> out = new ArrayList<>();
        for (Node n : editor.graph().nodes()) {
            if (n.x() + NodeGeometry.WIDTH >= x1 && n.x() <= x2 && n.y() + NodeGeometry.HEIGHT >= y1 && n.y() <= y2) {
                out.add(n.id());
            }
        }
        return out;
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            double factor = Math.pow(1.0015, e.getDeltaY());
            zoomAt(zoom.get() * factor, e.getX(), e.getY());
        } else {
            setPan(pan.getX() + e.getDeltaX(), pan.getY() + e.getDeltaY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        KeyCode k = e.getCode();
        if (k == KeyCode.SPACE) {
            spaceDown = true;
            setCursor(Cursor.OPEN_HAND);
            e.consume();
        } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
            editor.deleteSelection();
            e.consume();
        } else if (k.isArrowKey() && !editor.selection().isEmpty()) {
            double step = e.isShiftDown() ? 1 : 10;
            double dx = k == KeyCode.LEFT ? -step : k == KeyCode.RIGHT ? step : 0;
            double dy = k == KeyCode.UP ? -step : k == KeyCode.DOWN ? step : 0;
            editor.moveSelection(dx, dy);
            e.consume();
        } else if (k == KeyCode.ESCAPE) {
            editor.clearSelection();
            refreshSelection();
            e.consume();
        }
    }

    // ---- palette drops ----

    @Override
    public boolean previewDrop(LayerCatalog.Entry entry, double sceneX, double sceneY) {
        Point2D local = sceneToLocal(sceneX, sceneY);
        boolean inside = local != null && contains(local);
        if (inside) {
            Point2D p = toCanvas(sceneX, sceneY);
            dropPreview.setX(p.getX() - NodeGeometry.WIDTH / 2);
            dropPreview.setY(p.getY() - NodeGeometry.HEIGHT / 2);
        }
        dropPreview.setVisible(inside);
        return inside;
    }

    @Override
    public boolean drop(LayerCatalog.Entry entry, double sceneX, double sceneY) {
        dropPreview.setVisible(false);
        Point2D local = sceneToLocal(sceneX, sceneY);
        if (local == null || !contains(local)) return false;
        Point2D p = toCanvas(sceneX, sceneY);
        editor.addLayer(entry.defaults(), p.getX() - NodeGeometry.WIDTH / 2, p.getY() - NodeGeometry.HEIGHT / 2);
        requestFocus();
        return true;
    }

    @Override
    public void cancelDrop() {
        dropPreview.setVisible(false);
    }

    /** Adds a layer in the middle of what is visible (double-click or Enter in the palette). */
    @Override
    public void addAtCentre(LayerCatalog.Entry entry) {
        Point2D c = localToCanvas(getWidth() / 2, getHeight() / 2);
        double off = (editor.graph().size() % 5) * 16; // repeated adds do not stack exactly
        editor.addLayer(entry.defaults(), c.getX() - NodeGeometry.WIDTH / 2 + off, c.getY() - NodeGeometry.HEIGHT / 2 + off);
    }

    // ---- view: zoom and pan ----

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public double zoom() {
        return zoom.get();
    }

    public Point2D toCanvas(double sceneX, double sceneY) {
        return content.sceneToLocal(sceneX, sceneY);
    }

    Point2D localToCanvas(double x, double y) {
        return new Point2D((x - pan.getX()) / zoom.get(), (y - pan.getY()) / zoom.get());
    }

    /** Where canvas point (x, y) appears in this region's coordinates. */
    public Point2D canvasToLocal(double x, double y) {
        return new Point2D(pan.getX() + x * zoom.get(), pan.getY() + y * zoom.get());
    }

    /** Below this zoom the small texts are unreadable; hiding them keeps big graphs fluid. */
    static final double DETAIL_ZOOM = 0.45;
    private boolean detailed = true;

    private void updateDetail() {
        boolean d = zoom.get() >= DETAIL_ZOOM;
        if (d == detailed) return;
        detailed = d;
        for (NodeView v : nodeViews.values()) v.setDetailed(d);
        wireLayer.getChildren().forEach(w -> ((WireView) w).setDetailed(d));
    }

    private void setPan(double x, double y) {
        pan.setX(x);
        pan.setY(y);
    }

    /** Zooms to {@code z}, keeping the canvas point under (localX, localY) where it is. */
    public void zoomAt(double z, double localX, double localY) {
        double nz = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
        Point2D anchor = localToCanvas(localX, localY);
        scale.setX(nz);
        scale.setY(nz);
        zoom.set(nz);
        updateDetail();
        setPan(localX - anchor.getX() * nz, localY - anchor.getY() * nz);
    }

    public void zoomIn() {
        zoomAt(zoom.get() * 1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(zoom.get() / 1.25, getWidth() / 2, getHeight() / 2);
    }

    public void resetZoom() {
        zoomAt(1, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms and pans so every layer is visible (never enlarging past 150 %). */
    public void fit() {
        Graph g = editor.graph();
        if (g.size() == 0 || getWidth() <= 0) {
            zoomAt(1, 0, 0);
            setPan(0, 0);
            return;
        }
        double x1 = Double.MAX_VALUE, y1 = Double.MAX_VALUE, x2 = -Double.MAX_VALUE, y2 = -Double.MAX_VALUE;
        for (Node n : g.nodes()) {
            x1 = Math.min(x1, n.x());
            y1 = Math.min(y1, n.y() - 24); // room for wire labels above
            x2 = Math.max(x2, n.x() + NodeGeometry.WIDTH);
            y2 = Math.max(y2, n.y() + NodeGeometry.HEIGHT);
        }
        double margin = 32;
        double z = Math.min((getWidth() - 2 * margin) / (x2 - x1), (getHeight() - 2 * margin) / (y2 - y1));
        z = Math.max(MIN_ZOOM, Math.min(1.5, z));
        scale.setX(z);
        scale.setY(z);
        zoom.set(z);
        updateDetail();
        setPan(getWidth() / 2 - (x1 + x2) / 2 * z, getHeight() / 2 - (y1 + y2) / 2 * z);
    }

    /** Auto-layout with as many columns as fit the visible width at 100 %, then fit to view. */
    public void autoLayout() {
        editor.autoLayout(columnsThatFit());
        fit();
    }

    /** {@code g} with its layers auto-laid out for this view's width (an opened example, not an edit). */
    public Graph laidOut(Graph g) {
        Map<String, org.layerlab.graph.command.MoveNodesCommand.Point> at = AutoLayout.layout(g, columnsThatFit());
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) nodes.add(n.at(at.get(n.id()).x(), at.get(n.id()).y()));
        return Graph.of(nodes, g.edges());
    }

    private int columnsThatFit() {
        return getWidth() <= 0 ? 4
                : (int) Math.max(3, Math.floor((getWidth() - 2 * AutoLayout.MARGIN + AutoLayout.COLUMN - NodeGeometry.WIDTH) / AutoLayout.COLUMN));
    }

    /** Fits once the canvas has a size (right after the window opens or a file loads). */
    public void fitLater() {
        if (getWidth() > 0 && getHeight() > 0) {
            fit();
            return;
        }
        javafx.beans.value.ChangeListener<Number> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number a, Number b) {
                if (getWidth() > 0 && getHeight() > 0) {
                    heightProperty().removeListener(this);
                    fit();
                }
            }
        };
        heightProperty().addListener(once);
    }

    /** Pans so layer {@code id} is in the middle of the view. */
    public void reveal(String id) {
        Node n = editor.graph().node(id);
        if (n == null) return;
        double cx = n.x() + NodeGeometry.WIDTH / 2;
        double cy = n.y() + NodeGeometry.HEIGHT / 2;
        setPan(getWidth() / 2 - cx * zoom.get(), getHeight() / 2 - cy * zoom.get());
    }

    public ViewState viewState() {
        return new ViewState(zoom.get(), pan.getX(), pan.getY());
    }

    public void setViewState(ViewState v) {
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, v.zoom()));
        scale.setX(z);
        scale.setY(z);
        zoom.set(z);
        updateDetail();
        setPan(v.panX(), v.panY());
    }

    /** The view update alone, without rendering (the scale benchmark times it). */
    void reconcileForBench() {
        long t = System.nanoTime();
        reconcile();
        lastReconcileNanos = System.nanoTime() - t;
    }

    long lastReconcileNanos;

    /** The view of layer {@code id} (tests and snapshots). */
    javafx.scene.Node viewOf(String id) {
        return nodeViews.get(id);
    }

    /** The content group in canvas units (snapshots of the whole graph). */
    public javafx.scene.Node content() {
        return content;
    }

    @Override
    protected double computeMinWidth(double h) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double w) {
        return 0;
    }

    @Override
    protected double computePrefWidth(double h) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double w) {
        return 600;
    }

    @Override
    protected void layoutChildren() {
        emptyHint.autosize();
        emptyHint.relocate((getWidth() - emptyHint.getWidth()) / 2, (getHeight() - emptyHint.getHeight()) / 2);
    }
}
