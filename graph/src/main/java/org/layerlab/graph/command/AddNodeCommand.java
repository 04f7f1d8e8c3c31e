package org.layerlab.graph.command;

import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;

/** Adds one node (unwired). */
public record AddNodeCommand(Node node) implements Command {
    @Override public Graph apply(Graph g) { return g.withNode(node); }
    @Override public Graph revert(Graph g) { return g.withoutNode(node.id()); }
    @Override public String label() { return "Add " + node.spec().typeName(); }
}
