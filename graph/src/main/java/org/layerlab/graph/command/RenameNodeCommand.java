package org.layerlab.graph.command;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;

/**
 * Renames a layer: its id (which is also its name in DL4J and in exported code) and every wire into
 * and out of it, keeping its place among the nodes and the wires' order.
 */
public record RenameNodeCommand(String from, String to) implements Command {

    /**
     * @throws IllegalArgumentException naming the fix when {@code to} is not a valid id or is taken
     */
    public static RenameNodeCommand of(Graph g, String from, String to) {
        if (g.node(from) == null) throw new IllegalArgumentException("no layer '" + from + "'");
        if (!Node.ID_PATTERN.matcher(to).matches()) {
            throw new IllegalArgumentException("name '" + to + "' must start with a letter and use only letters, digits, '_' and '-' "
                    + "(at most 64), e.g. conv1");
        }
        if (!to.equals(from) && g.node(to) != null) throw new IllegalArgumentException("another layer is already named '" + to + "'; choose another name");
        return new RenameNodeCommand(from, to);
    }

    @Override
    public Graph apply(Graph g) {
        return rename(g, from, to);
    }

    @Override
    public Graph revert(Graph g) {
        return rename(g, to, from);
    }

    @Override
    public String label() {
        return "Rename '" + from + "' to '" + to + "'";
    }

    private static Graph rename(Graph g, String a, String b) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) nodes.add(n.id().equals(a) ? new Node(b, n.spec(), n.x(), n.y()) : n);
        List<Edge> edges = new ArrayList<>();
        for (Edge e : g.edges()) edges.add(new Edge(e.from().equals(a) ? b : e.from(), e.to().equals(a) ? b : e.to(), e.port()));
        return Graph.of(nodes, edges);
    }
}
