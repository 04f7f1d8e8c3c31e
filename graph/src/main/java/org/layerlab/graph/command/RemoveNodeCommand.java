package org.layerlab.graph.command;

import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;

/** Removes one unwired node, restoring it at its old place in the node order on undo. */
public record RemoveNodeCommand(Node node, int index) implements Command {

    /** Captures the node and its position in {@code g}. */
    public static RemoveNodeCommand of(Graph g, String id) {
        Node n = g.node(id);
        if (n == null) throw new IllegalArgumentException("no node '" + id + "'");
        return new RemoveNodeCommand(n, g.indexOf(id));
    }

    @Override public Graph apply(Graph g) { return g.withoutNode(node.id()); }
    @Override public Graph revert(Graph g) { return g.withNodeAt(index, node); }
    @Override public String label() { return "Delete " + node.spec().typeName(); }
}
