package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.ChangeSpecCommand;
import org.layerlab.graph.command.RenameNodeCommand;
import org.layerlab.graph.command.Commands;
import org.layerlab.graph.command.ConnectCommand;
import org.layerlab.graph.command.DisconnectCommand;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.command.MoveNodesCommand;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.Compatibility;
import org.layerlab.graph.shape.ShapeInference;
import org.layerlab.graph.spec.LayerSpec;

/**
 * What the editor's gestures mean, without any view: every gesture becomes one command on the
 * document (so it is one undo step), selection and clipboard live here, outside the undo stack.
 * The canvas, menus and tests all go through this class. FX thread only (it is not thread-safe).
 */
public final class Editor {
    /** How far a paste or duplicate lands from its source, in canvas units. */
    public static final double PASTE_OFFSET = 30;

    private final GraphDocument document;
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final List<Consumer<String>> messageListeners = new ArrayList<>();
    private Edge selectedWire;
    private Graph clipboard;
    private int pasteCount;
    private Graph analyzedGraph;
    private Analysis analysis;

    public Editor(GraphDocument document) {
        this.document = document;
        // an undo can remove selected nodes: keep the selection to what exists
        document.addListener((before, after) -> {
            selection.removeIf(id -> !after.contains(id));
            if (selectedWire != null && !after.edges().contains(selectedWire)) selectedWire = null;
        });
    }

    public GraphDocument document() {
        return document;
    }

    public Graph graph() {
        return document.graph();
    }

    /** Shapes, parameter counts and problems of the current graph (computed once per revision). */
    public Analysis analysis() {
        Graph g = document.graph();
        if (g != analyzedGraph) {
            analysis = ShapeInference.analyze(g);
            analyzedGraph = g;
        }
        return analysis;
    }

    /** Short messages for the status bar: refusals and what an edit did. */
    public void addMessageListener(Consumer<String> l) {
        messageListeners.add(l);
    }

    private void tell(String message) {
        for (Consumer<String> l : List.copyOf(messageListeners)) l.accept(message);
    }

    // ---- selection ----

    public ObservableSet<String> selection() {
        return selection;
    }

    public void select(String id) {
        selectedWire = null;
        selection.retainAll(Set.of(id));
        if (graph().contains(id)) selection.add(id);
    }

    public void toggle(String id) {
        selectedWire = null;
        if (!selection.remove(id) && graph().contains(id)) selection.add(id);
    }

    public void selectOnly(Collection<String> ids) {
        selectedWire = null;
        Set<String> keep = new LinkedHashSet<>(ids);
        keep.retainAll(graph().ids());
        selection.retainAll(keep);
        selection.addAll(keep);
    }

    public void selectAll() {
        selectOnly(graph().ids());
    }

    public void clearSelection() {
        selectedWire = null;
        selection.clear();
    }

    /** Selects one wire (clearing the node selection); Delete then removes it. */
    public void selectWire(Edge e) {
        selection.clear();
        selectedWire = graph().edges().contains(e) ? e : null;
    }

    public Edge selectedWire() {
        return selectedWire;
    }

    // ---- edits: each is one command ----

    /** Adds a layer at (x, y) in canvas units, selects it and returns its id. */
    public String addLayer(LayerSpec spec, double x, double y) {
        var add = Commands.addLayer(graph(), spec, x, y);
        document.execute(add);
        select(add.node().id());
        return add.node().id();
    }

    /**
     * Adds a layer into a wire: {@code from → to} becomes {@code from → new → to} (the wire keeps its
     * port on {@code to}), one undo step. A layer without an input (an Input) is added beside the
     * wire instead. Returns the new layer's id.
     */
    public String insertIntoWire(LayerSpec spec, org.layerlab.graph.Edge wire, double x, double y) {
        if (!graph().edges().contains(wire) || spec.maxInputs() < 1 || spec instanceof org.layerlab.graph.spec.InputSpec) {
            return addLayer(spec, x, y);
        }
        var add = Commands.addLayer(graph(), spec, x, y);
        String id = add.node().id();
        var insert = new org.layerlab.graph.command.CompoundCommand("Insert " + spec.typeName() + " between '" + wire.from() + "' and '" + wire.to() + "'",
                java.util.List.of(add, org.layerlab.graph.command.DisconnectCommand.of(graph(), wire),
                        new org.layerlab.graph.command.ConnectCommand(new org.layerlab.graph.Edge(wire.from(), id, 0)),
                        new org.layerlab.graph.command.ConnectCommand(new org.layerlab.graph.Edge(id, wire.to(), wire.port()))));
        document.execute(insert);
        select(id);
        return id;
    }

    /** The port a wire from {@code from} would take on {@code to}: the lowest free one. */
    public int portFor(String to) {
        Node n = graph().node(to);
        if (n == null) return 0;
        return n.spec().maxInputs() > 1 ? graph().freePort(to) : 0;
    }

    /** Whether a wire from {@code from} to {@code to} would be accepted, and why not. */
    public Compatibility.Result canConnect(String from, String to) {
        return Compatibility.check(graph(), from, to, portFor(to));
    }

    /** Wires {@code from} into {@code to}; refused (nothing changes) with the reason when incompatible. */
    public Compatibility.Result connect(String from, String to) {
        int port = portFor(to);
        Compatibility.Result r = Compatibility.check(graph(), from, to, port);
        if (r.ok()) {
            document.execute(new ConnectCommand(new Edge(from, to, port)));
        } else {
            tell("Cannot connect " + from + " → " + to + ": " + r.message());
        }
        return r;
    }

    /** Moves the selected layers by (dx, dy); consecutive moves of the same layers are one undo step. */
    public void moveSelection(double dx, double dy) {
        if (selection.isEmpty() || (dx == 0 && dy == 0)) return;
        document.execute(MoveNodesCommand.by(graph(), List.copyOf(selection), dx, dy));
    }

    /** Deletes the selected layers with their wires, or the selected wire. */
    public void deleteSelection() {
        if (selectedWire != null) {
            document.execute(DisconnectCommand.of(graph(), selectedWire));
            selectedWire = null;
            return;
        }
        if (selection.isEmpty()) return;
        List<String> ids = List.copyOf(selection);
        selection.clear();
        document.execute(Commands.deleteSelection(graph(), ids));
    }

    public boolean copy() {
        if (selection.isEmpty()) return false;
        clipboard = Commands.copy(graph(), selection);
        pasteCount = 0;
        return true;
    }

    public void cut() {
        if (copy()) {
            deleteSelection();
            pasteCount = -1; // a cut pasted once lands where it was
        }
    }

    public boolean canPaste() {
        return clipboard != null && clipboard.size() > 0;
    }

    /** Pastes the clipboard, each paste further offset, and selects the pasted layers. */
    public void paste() {
        if (!canPaste()) return;
        pasteCount++;
        var paste = Commands.paste(graph(), clipboard, PASTE_OFFSET * pasteCount, PASTE_OFFSET * pasteCount);
        document.execute(paste.command());
        selectOnly(paste.newIds());
    }

    /** Copies and pastes the selection in one go, leaving the clipboard as it was. */
    public void duplicate() {
        if (selection.isEmpty()) return;
        var paste = Commands.paste(graph(), Commands.copy(graph(), selection), PASTE_OFFSET, PASTE_OFFSET);
        document.execute(paste.command());
        selectOnly(paste.newIds());
    }

    /**
     * Sets one property of a layer as an undoable edit.
     * @return null when applied, else the reason the value was refused (the graph is unchanged)
     */
    public String setProperty(String id, String property, Object value) {
        try {
            ChangeSpecCommand c = ChangeSpecCommand.setProperty(graph(), id, property, value);
            if (c.before().equals(c.after())) return null;
            document.execute(c);
            return null;
        } catch (IllegalArgumentException e) {
            tell(e.getMessage());
            return e.getMessage();
        }
    }

    /**
     * Renames a layer (one undoable edit; wires follow it). Returns null, or the reason it was
     * refused (shown in the status bar too).
     */
    public String rename(String id, String newName) {
        String name = newName == null ? "" : newName.strip();
        if (name.equals(id)) return null;
        try {
            RenameNodeCommand c = RenameNodeCommand.of(graph(), id, name);
            boolean selected = selection().contains(id);
            document.execute(c);
            if (selected) selectOnly(java.util.List.of(name));
            return null;
        } catch (IllegalArgumentException e) {
            tell(e.getMessage());
            return e.getMessage();
        }
    }

    /** Lays the graph out in layers from left to right, as one undoable step. */
    public void autoLayout() {
        autoLayout(Integer.MAX_VALUE);
    }

    /** Auto-layout wrapping deep networks into bands of at most {@code maxColumns} columns. */
    public void autoLayout(int maxColumns) {
        if (graph().size() == 0) return;
        Map<String, MoveNodesCommand.Point> targets = AutoLayout.layout(graph(), maxColumns);
        document.execute(MoveNodesCommand.to(graph(), targets, "Auto-layout"));
    }

    public void undo() {
        document.undo();
    }

    public void redo() {
        document.redo();
    }
}
