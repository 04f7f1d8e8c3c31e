package org.layerlab.graph.command;

import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;

/** Removes one wire, restoring it at its old place in the edge list on undo. */
public record DisconnectCommand(Edge edge, int index) implements Command {

    public static DisconnectCommand of(Graph g, Edge e) {
        int i = g.edges().indexOf(e);
        if (i < 0) throw new IllegalArgumentException("no wire " + e);
        return new DisconnectCommand(e, i);
    }

    @Override public Graph apply(Graph g) { return g.withoutEdge(edge); }
    @Override public Graph revert(Graph g) { return g.withEdgeAt(index, edge); }
    @Override public String label() { return "Disconnect " + edge.from() + " from " + edge.to(); }
}
