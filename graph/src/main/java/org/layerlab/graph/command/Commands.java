package org.layerlab.graph.command;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.LayerSpec;

/** Builders of the compound edits: add a layer, delete a selection, copy, paste. Pure; any thread. */
public final class Commands {
    private Commands() {}

    /** Adds a new node of {@code spec} at (x, y) with a fresh id derived from its type. */
    public static AddNodeCommand addLayer(Graph g, LayerSpec spec, double x, double y) {
        return new AddNodeCommand(new Node(g.freshId(spec.typeName()), spec, x, y));
    }

    /** Deletes nodes with every wire touching them: wires first, then nodes; undo restores both exactly. */
    public static CompoundCommand deleteSelection(Graph g, Collection<String> ids) {
        Set<String> selected = new LinkedHashSet<>(ids);
        List<Command> parts = new ArrayList<>();
        Graph cur = g;
        for (Edge e : g.edges()) {
            if (selected.contains(e.from()) || selected.contains(e.to())) {
                DisconnectCommand d = DisconnectCommand.of(cur, e);
                cur = d.apply(cur);
                parts.add(d);
            }
        }
        for (String id : selected) {
            RemoveNodeCommand r = RemoveNodeCommand.of(cur, id);
            cur = r.apply(cur);
            parts.add(r);
        }
        String label = selected.size() == 1 ? "Delete " + g.node(selected.iterator().next()).spec().typeName()
                : "Delete " + selected.size() + " layers";
        return new CompoundCommand(label, parts);
    }

    /** The selected nodes and the wires between them, as a graph fragment for the clipboard. */
    public static Graph copy(Graph g, Collection<String> ids) {
        Set<String> selected = new LinkedHashSet<>(ids);
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) if (selected.contains(n.id())) nodes.add(n);
        List<Edge> edges = new ArrayList<>();
        for (Edge e : g.edges()) if (selected.contains(e.from()) && selected.contains(e.to())) edges.add(e);
        return Graph.of(nodes, edges);
    }

    /** A paste: the command and the ids the pasted nodes get (to select them). */
    public record Paste(CompoundCommand command, List<String> newIds) {}

    /** Pastes a fragment offset by (dx, dy), giving its nodes fresh ids and keeping its internal wires. */
    public static Paste paste(Graph g, Graph fragment, double dx, double dy) {
        Map<String, String> rename = new LinkedHashMap<>();
        List<Command> parts = new ArrayList<>();
        Graph cur = g;
        for (Node n : fragment.nodes()) {
            String id = cur.freshId(n.id().replaceAll("[0-9]+$", ""));
            rename.put(n.id(), id);
            AddNodeCommand add = new AddNodeCommand(new Node(id, n.spec(), n.x() + dx, n.y() + dy));
            cur = add.apply(cur);
            parts.add(add);
        }
        for (Edge e : fragment.edges()) {
            ConnectCommand c = new ConnectCommand(new Edge(rename.get(e.from()), rename.get(e.to()), e.port()));
            cur = c.apply(cur);
            parts.add(c);
        }
        String label = rename.size() == 1 ? "Paste layer" : "Paste " + rename.size() + " layers";
        return new Paste(new CompoundCommand(label, parts), List.copyOf(rename.values()));
    }
}
