package org.layerlab.graph.shape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.HasActivation;
import org.layerlab.graph.spec.Inferred;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.RecordProperties;

/**
 * Infers every node's output shape and parameter count in topological order. Never throws: what it
 * cannot infer it reports as problems naming the node and the fix. A node whose input is unknown is
 * skipped silently so one mistake is reported once. Pure function; any thread.
 */
public final class ShapeInference {
    private ShapeInference() {}

    public static Analysis analyze(Graph g) {
        List<Problem> problems = new ArrayList<>();
        Map<String, TensorShape> shapes = new LinkedHashMap<>();
        Map<String, Long> params = new LinkedHashMap<>();
        List<String> order = topologicalOrder(g, problems);

        for (String id : order) {
            Node n = g.node(id);
            List<String> bad = RecordProperties.violations(n.spec());
            if (!bad.isEmpty()) {
                for (String v : bad) problems.add(Problem.error(Kind.INVALID_VALUE, id, n.label() + ": " + v));
                continue;
            }
            List<Edge> in = g.inputsOf(id);
            if (in.size() < n.spec().minInputs()) {
                problems.add(Problem.error(Kind.UNCONNECTED_INPUT, id, unconnectedMessage(n, in.size())));
                continue;
            }
            if (in.size() > n.spec().maxInputs()) {
                problems.add(Problem.error(Kind.TOO_MANY_INPUTS, id, n.label() + " takes " + n.spec().maxInputs()
                        + " input" + (n.spec().maxInputs() == 1 ? "" : "s") + " but has " + in.size()
                        + "; remove a wire or merge the branches with Add or Concat first"));
                continue;
            }
            List<TensorShape> inShapes = new ArrayList<>();
            for (Edge e : in) inShapes.add(shapes.get(e.from()));
            if (inShapes.contains(null)) continue;
            Inferred r = n.spec().infer(n.label(), inShapes);
            if (!r.ok()) {
                problems.add(Problem.error(r.problem(), id, r.message()));
                continue;
            }
            shapes.put(id, r.shape());
            params.put(id, n.spec().paramCount(inShapes, r.shape()));
        }
        graphProblems(g, problems);
        nodeWarnings(g, problems);
        return new Analysis(shapes, params, order, problems);
    }

    private static String unconnectedMessage(Node n, int have) {
        if (n.spec().minInputs() == 1) {
            return n.label() + " has no input; drag a wire from another layer's output to it";
        }
        return n.label() + " merges " + n.spec().minInputs() + " or more inputs but has " + have
                + "; wire another branch into it";
    }

    /** Kahn's algorithm; nodes left over lie on or behind a cycle and are reported once per cycle. */
    private static List<String> topologicalOrder(Graph g, List<Problem> problems) {
        Map<String, Integer> indegree = new HashMap<>();
        for (Node n : g.nodes()) indegree.put(n.id(), 0);
        for (Edge e : g.edges()) indegree.merge(e.to(), 1, Integer::sum);
        Deque<String> ready = new ArrayDeque<>();
        for (Node n : g.nodes()) if (indegree.get(n.id()) == 0) ready.add(n.id());
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (Edge e : g.outputsOf(id)) {
                if (indegree.merge(e.to(), -1, Integer::sum) == 0) ready.add(e.to());
            }
        }
        if (order.size() < g.size()) {
            List<String> loop = cycleMembers(g, new java.util.HashSet<>(order));
            List<String> quoted = loop.stream().map(id -> "'" + id + "'").toList();
            problems.add(Problem.error(Kind.CYCLE, loop.get(0), "the wires form a cycle through " + String.join(", ", quoted)
                    + "; remove one wire of the loop (recurrence belongs inside an RNN, LSTM or GRU layer)"));
        }
        return order;
    }

    /** Of the nodes Kahn could not order, those on a cycle: drop ones with no successor left, repeatedly. */
    private static List<String> cycleMembers(Graph g, java.util.Set<String> ordered) {
        java.util.Set<String> left = new java.util.LinkedHashSet<>();
        for (Node n : g.nodes()) if (!ordered.contains(n.id())) left.add(n.id());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (java.util.Iterator<String> it = left.iterator(); it.hasNext(); ) {
                String id = it.next();
                if (g.outputsOf(id).stream().noneMatch(e -> left.contains(e.to()))) {
                    it.remove();
                    changed = true;
                }
            }
        }
        return new ArrayList<>(left);
    }

    private static void graphProblems(Graph g, List<Problem> problems) {
        if (g.size() == 0) {
            // a blank canvas is where everyone starts, not a mistake: one hint, not two red errors
            problems.add(Problem.warning(Kind.EMPTY_GRAPH, null, "the graph is empty; open a sample (File ▸ Open Sample) "
                    + "or drag an Input, a Dense and an Output layer from the palette and wire them"));
            return;
        }
        boolean hasInput = false;
        boolean hasOutput = false;
        for (Node n : g.nodes()) {
            hasInput |= n.spec() instanceof InputSpec;
            hasOutput |= n.spec() instanceof OutputSpec;
            boolean sink = g.outputsOf(n.id()).isEmpty();
            if (n.spec() instanceof InputSpec && sink) {
                problems.add(Problem.warning(Kind.UNUSED_INPUT, n.id(), n.label() + " is not wired to anything; connect it or delete it"));
            } else if (sink && !(n.spec() instanceof OutputSpec)) {
                problems.add(Problem.error(Kind.OUTPUT_WITHOUT_LOSS, n.id(), n.label()
                        + " ends a branch but has no loss; wire it into an Output layer or delete it"));
            }
        }
        if (!hasInput) {
            problems.add(Problem.error(Kind.NO_INPUT, null, "the graph has no Input layer; drag one from the palette's Inputs group"));
        }
        if (!hasOutput) {
            problems.add(Problem.error(Kind.NO_OUTPUT, null, "the graph has no Output layer; add one after the last layer so it has a loss to train"));
        }
    }

    private static void nodeWarnings(Graph g, List<Problem> problems) {
        for (Node n : g.nodes()) {
            if (n.spec() instanceof HasActivation a && a.activation() == Activation.STEP) {
                problems.add(Problem.warning(Kind.NOT_TRAINABLE, n.id(), n.label()
                        + " uses the step activation, whose gradient is zero: layers before it cannot learn; "
                        + "use it to show the forward pass, or pick sigmoid to train"));
            }
            if (n.spec() instanceof OutputSpec o && o.loss() != null && o.activation() != null) {
                Activation want = o.loss().expectedActivation();
                if (want != null && want != o.activation()) {
                    problems.add(Problem.warning(Kind.LOSS_ACTIVATION_MISMATCH, n.id(), n.label() + " pairs "
                            + o.loss() + " with " + o.activation() + "; " + o.loss() + " expects " + want
                            + " outputs, so set activation=" + want.name()));
                }
                if (o.loss() == Loss.BINARY_CROSS_ENTROPY && o.activation() == Activation.SOFTMAX) {
                    problems.add(Problem.warning(Kind.LOSS_ACTIVATION_MISMATCH, n.id(), n.label()
                            + ": softmax over independent binary labels couples them; use sigmoid"));
                }
            }
        }
    }
}
