package org.layerlab.graph.shape;

import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;

/**
 * Whether a wire may be drawn from one node's output to another's input port, and if not, why.
 * The canvas colours ports with it while a wire is dragged. Pure; any thread.
 */
public final class Compatibility {

    /** The answer: ok, or a message naming the reason and the fix. */
    public record Result(boolean ok, String message) {
        static final Result OK = new Result(true, "");

        static Result no(String message) {
            return new Result(false, message);
        }
    }

    private Compatibility() {}

    public static Result check(Graph g, String from, String to, int port) {
        Node a = g.node(from);
        Node b = g.node(to);
        if (a == null || b == null) return Result.no("both ends of a wire must be layers on the canvas");
        if (from.equals(to)) return Result.no("a layer cannot feed itself; recurrence lives inside RNN, LSTM or GRU layers");
        if (b.spec().maxInputs() == 0) return Result.no(b.label() + " is a graph input and takes no wires");
        if (port < 0 || (b.spec().maxInputs() == 1 && port != 0)) return Result.no(b.label() + " has one input port");
        for (Edge e : g.inputsOf(to)) {
            if (e.port() == port) return Result.no("input port " + port + " of " + b.label() + " is already wired from '"
                    + e.from() + "'; remove that wire first");
            if (e.from().equals(from) && b.spec().maxInputs() == 1) return Result.no("already wired");
        }
        if (b.spec().maxInputs() == 1 && !g.inputsOf(to).isEmpty()) {
            return Result.no(b.label() + " already has its input; merge branches with Add or Concat");
        }
        if (reaches(g, to, from)) return Result.no("this wire would close a cycle; " + a.label() + " already depends on " + b.label());

        Analysis before = ShapeInference.analyze(g);
        if (before.shapeOf(from) == null) return Result.OK; // nothing known to check against yet
        Analysis after = ShapeInference.analyze(g.withEdge(new Edge(from, to, port)));
        for (Problem p : after.problemsOf(to)) {
            if (p.isError() && p.kind() != Problem.Kind.UNCONNECTED_INPUT && p.kind() != Problem.Kind.OUTPUT_WITHOUT_LOSS
                    && !before.problemsOf(to).contains(p)) {
                return Result.no(p.message());
            }
        }
        return Result.OK;
    }

    private static boolean reaches(Graph g, String start, String target) {
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (id.equals(target)) return true;
            if (!seen.add(id)) continue;
            for (Edge e : g.outputsOf(id)) todo.push(e.to());
        }
        return false;
    }
}
