package org.layerlab.graph.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;

/**
 * Moves nodes to new positions. Consecutive moves of the same set of nodes merge into one undo step,
 * so a drag (or nudging with the arrow keys) is undone at once.
 */
public record MoveNodesCommand(Map<String, Point> from, Map<String, Point> to, String label) implements Command {

    /** A canvas position. */
    public record Point(double x, double y) {}

    public MoveNodesCommand {
        if (!from.keySet().equals(to.keySet())) throw new IllegalArgumentException("move needs a start and end for each node");
        from = Map.copyOf(from);
        to = Map.copyOf(to);
    }

    /** Moves {@code ids} by (dx, dy) from where they are in {@code g}. */
    public static MoveNodesCommand by(Graph g, Iterable<String> ids, double dx, double dy) {
        Map<String, Point> a = new LinkedHashMap<>();
        Map<String, Point> b = new LinkedHashMap<>();
        for (String id : ids) {
            Node n = g.node(id);
            if (n == null) throw new IllegalArgumentException("no node '" + id + "'");
            a.put(id, new Point(n.x(), n.y()));
            b.put(id, new Point(n.x() + dx, n.y() + dy));
        }
        return new MoveNodesCommand(a, b, a.size() == 1 ? "Move layer" : "Move " + a.size() + " layers");
    }

    /** Moves each node to the given position (e.g. auto-layout). */
    public static MoveNodesCommand to(Graph g, Map<String, Point> targets, String label) {
        Map<String, Point> a = new LinkedHashMap<>();
        for (String id : targets.keySet()) {
            Node n = g.node(id);
            if (n == null) throw new IllegalArgumentException("no node '" + id + "'");
            a.put(id, new Point(n.x(), n.y()));
        }
        return new MoveNodesCommand(a, targets, label);
    }

    @Override
    public Graph apply(Graph g) {
        return place(g, to);
    }

    @Override
    public Graph revert(Graph g) {
        return place(g, from);
    }

    private static Graph place(Graph g, Map<String, Point> where) {
        Graph out = g;
        for (Map.Entry<String, Point> e : where.entrySet()) {
            Node n = out.node(e.getKey());
            if (n == null) throw new IllegalArgumentException("no node '" + e.getKey() + "' to move");
            out = out.replacing(n.at(e.getValue().x(), e.getValue().y()));
        }
        return out;
    }

    @Override
    public Command mergeWith(Command next) {
        if (next instanceof MoveNodesCommand m && m.from.keySet().equals(from.keySet()) && label.equals(m.label)) {
            return new MoveNodesCommand(from, m.to, label);
        }
        return null;
    }
}
