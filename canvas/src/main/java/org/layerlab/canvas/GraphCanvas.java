package org.layerlab.canvas;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.ViewState;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.LayerCatalog;

/**
 * The editing surface: draws the document's layers and wires and turns gestures into
 * {@link Editor} calls. A drag previews by moving views only and pushes one command on release.
 * Zoom with ctrl/cmd + wheel, pan with the wheel, middle drag or space + drag. FX thread only.
 */
public final class GraphCanvas extends Region implements Palette.DropTarget {
    private final Editor editor;
    private final Group content = new Group();
    private final Group wireLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Viewport viewport;
    private final BackgroundGestures background;
    private final WireDrag wires;
    private final Rectangle dropPreview = new Rectangle(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
    private final PaletteDrops drops;
    private final Label emptyHint = new Label("Drag a layer here from the palette, or open a sample from the File menu");
    private final Map<String, NodeView> nodeViews = new HashMap<>();
    private Map<String, NodeBadge> badges = Map.of();
    private final Map<Edge, WireView> wireViews = new HashMap<>();

    private final NodeDrag nodes;

    public GraphCanvas(Editor editor) {
        this.editor = editor;
        getStyleClass().add("graph-canvas");
        setId("canvas");
        setFocusTraversable(true);
        viewport = new Viewport(this, content, this::showDetail);
        background = new BackgroundGestures(this, editor, viewport, this::refreshSelection);
        wires = new WireDrag(this, editor, nodeViews, this::toCanvas);
        nodes = new NodeDrag(this, editor, nodeViews, wireViews, this::toCanvas, this::route, background::isSpaceDown);
        dropPreview.getStyleClass().add("drop-preview");
        dropPreview.setVisible(false);
        dropPreview.setMouseTransparent(true);
        content.getChildren().addAll(wireLayer, nodeLayer, wires.pendingWire(), dropPreview);
        drops = new PaletteDrops(this, editor, wireViews, dropPreview);
        emptyHint.getStyleClass().add("empty-hint");
        emptyHint.setMouseTransparent(true);
        getChildren().addAll(content, background.band(), emptyHint);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        editor.document().addListener((before, after) -> reconcile());
        editor.selection().addListener((SetChangeListener<String>) c -> refreshSelection());
        reconcile();
    }

    public Editor editor() {
        return editor;
    }

    /**
     * Puts training-health badges on layers by id; layers not in the map lose theirs. Ids of a graph
     * that has since been edited are ignored.
     */
    public void setBadges(Map<String, NodeBadge> badges) {
        this.badges = Map.copyOf(badges);
        for (NodeView v : nodeViews.values()) v.setBadge(this.badges.get(v.nodeId()));
    }

    /** The badge level shown on a layer, or null (tests). */
    public NodeBadge.Level badgeLevel(String id) {
        NodeView v = nodeViews.get(id);
        return v == null ? null : v.badgeLevel();
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
                v.setDetailed(viewport.isDetailed());
                hookNode(v);
                nodeViews.put(n.id(), v);
                nodeLayer.getChildren().add(v);
            }
            v.update(n, a.shapeOf(n.id()), a.paramsOf(n.id()), a.problemsOf(n.id()));
            v.setBadge(badges.get(n.id()));
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
        w.setDetailed(viewport.isDetailed());
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

    // ---- dragging (layers: NodeDrag; wires: WireDrag; empty canvas and keys: BackgroundGestures) ----

    private void hookNode(NodeView v) {
        nodes.hook(v);
        wires.hook(v);
    }

    /** Moves the selected views by (dx, dy) canvas units without touching the document (the scale benchmark drags with it). */
    void previewMove(double dx, double dy) {
        nodes.previewMove(dx, dy);
    }

    // ---- palette drops (PaletteDrops) ----

    @Override
    public boolean previewDrop(LayerCatalog.Entry entry, double sceneX, double sceneY) {
        return drops.preview(sceneX, sceneY);
    }

    @Override
    public boolean drop(LayerCatalog.Entry entry, double sceneX, double sceneY) {
        boolean dropped = drops.drop(entry, sceneX, sceneY);
        if (dropped) requestFocus();
        return dropped;
    }

    /** The wire under the scene point, or null (see {@link PaletteDrops#wireAt}). */
    Edge wireAt(double sceneX, double sceneY) {
        return drops.wireAt(sceneX, sceneY);
    }

    @Override
    public void cancelDrop() {
        drops.cancel();
    }

    /** Adds a layer in the middle of what is visible (double-click or Enter in the palette). */
    @Override
    public void addAtCentre(LayerCatalog.Entry entry) {
        Point2D c = viewport.localToCanvas(getWidth() / 2, getHeight() / 2);
        double off = (editor.graph().size() % 5) * 16; // repeated adds do not stack exactly
        editor.addLayer(entry.defaults(), c.getX() - NodeGeometry.WIDTH / 2 + off, c.getY() - NodeGeometry.HEIGHT / 2 + off);
    }

    // ---- view: zoom and pan (the Viewport does the arithmetic) ----

    public ReadOnlyDoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    public double zoom() {
        return viewport.zoom();
    }

    /** Canvas units of a scene point. */
    public Point2D toCanvas(double sceneX, double sceneY) {
        return content.sceneToLocal(sceneX, sceneY);
    }

    /** Where canvas point (x, y) appears in this region's coordinates. */
    public Point2D canvasToLocal(double x, double y) {
        return viewport.canvasToLocal(x, y);
    }

    private void showDetail(boolean detailed) {
        for (NodeView v : nodeViews.values()) v.setDetailed(detailed);
        for (WireView w : wireViews.values()) w.setDetailed(detailed);
    }

    /** Zooms to {@code z}, keeping the canvas point under (localX, localY) where it is. */
    public void zoomAt(double z, double localX, double localY) {
        viewport.zoomAt(z, localX, localY);
    }

    public void zoomIn() {
        viewport.zoomBy(1.25);
    }

    public void zoomOut() {
        viewport.zoomBy(1 / 1.25);
    }

    public void resetZoom() {
        viewport.zoomBy(1 / viewport.zoom());
    }

    /** Zooms and pans so every layer is visible (never enlarging past 150 %). */
    public void fit() {
        viewport.fit(editor.graph().nodes());
    }

    /** Auto-layout with as many columns as fit the visible width at 100 %, then fit to view. */
    public void autoLayout() {
        editor.autoLayout(AutoLayout.columnsFor(getWidth()));
        fit();
    }

    /** {@code g} with its layers auto-laid out for this view's width (an opened example, not an edit). */
    public Graph laidOut(Graph g) {
        return AutoLayout.apply(g, AutoLayout.columnsFor(getWidth()));
    }

    /** Fits once the canvas has a size (right after the window opens or a file loads). */
    public void fitLater() {
        if (getWidth() > 0 && getHeight() > 0) {
            fit();
            return;
        }
        heightProperty().addListener(new javafx.beans.value.ChangeListener<Number>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number a, Number b) {
                if (getWidth() > 0 && getHeight() > 0) {
                    heightProperty().removeListener(this);
                    fit();
                }
            }
        });
    }

    /** Pans so layer {@code id} is in the middle of the view. */
    public void reveal(String id) {
        Node n = editor.graph().node(id);
        if (n != null) viewport.centreOn(n.x() + NodeGeometry.WIDTH / 2, n.y() + NodeGeometry.HEIGHT / 2);
    }

    public ViewState viewState() {
        return viewport.state();
    }

    public void setViewState(ViewState v) {
        viewport.setState(v);
    }

    /** The view update alone, without rendering (the scale benchmark times it). */
    void reconcileForBench() {
        long t = System.nanoTime();
        reconcile();
        lastReconcileNanos = System.nanoTime() - t;
    }

    long lastReconcileNanos;

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
