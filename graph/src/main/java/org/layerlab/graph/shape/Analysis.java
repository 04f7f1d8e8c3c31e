package org.layerlab.graph.shape;

import java.util.List;
import java.util.Map;

/**
 * What shape inference found: the output shape and parameter count of every node it could infer,
 * a topological order of the acyclic part, and every problem. Immutable; any thread.
 */
public record Analysis(Map<String, TensorShape> shapes, Map<String, Long> params, List<String> order,
                       List<Problem> problems) {

    public Analysis {
        shapes = Map.copyOf(shapes);
        params = Map.copyOf(params);
        order = List.copyOf(order);
        problems = List.copyOf(problems);
    }

    /** The output shape of a node, or null if it could not be inferred. */
    public TensorShape shapeOf(String id) {
        return shapes.get(id);
    }

    /** Parameter count of a node (0 when unknown). */
    public long paramsOf(String id) {
        return params.getOrDefault(id, 0L);
    }

    public long totalParams() {
        long t = 0;
        for (long p : params.values()) t += p;
        return t;
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> problemsOf(String id) {
        return problems.stream().filter(p -> id.equals(p.nodeId())).toList();
    }
}
