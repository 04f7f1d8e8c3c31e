package org.layerlab.trainer.data;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/**
 * Which columns of a table feed one Input or Output layer of the graph, named by the layer's id, and
 * what they make: one example's shape and, for a classifying Output, its class names (sorted; empty
 * for regression). An empty layer name means "the graph's only Input (or Output)". Immutable.
 */
public record Feed(String layer, List<String> columns, TensorShape shape, List<String> classNames) {
    public Feed {
        columns = List.copyOf(columns);
        classNames = List.copyOf(classNames);
    }

    /** "Input 'a' ← x1, x2" */
    public String describe(String kind) {
        return kind + (layer.isEmpty() ? "" : " '" + layer + "'") + " ← " + String.join(", ", columns);
    }
}
