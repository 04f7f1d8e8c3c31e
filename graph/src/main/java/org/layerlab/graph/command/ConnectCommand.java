package org.layerlab.graph.command;

import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;

/** Adds one wire. Shape compatibility is the caller's check (see Compatibility); structure is checked here. */
public record ConnectCommand(Edge edge) implements Command {
    @Override public Graph apply(Graph g) { return g.withEdge(edge); }
    @Override public Graph revert(Graph g) { return g.withoutEdge(edge); }
    @Override public String label() { return "Connect " + edge.from() + " to " + edge.to(); }
}
