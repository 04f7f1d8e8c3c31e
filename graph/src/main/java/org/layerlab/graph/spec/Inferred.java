package org.layerlab.graph.spec;

import org.layerlab.graph.shape.Problem;
import org.layerlab.graph.shape.TensorShape;

/** Result of one layer's shape rule: an output shape, or a problem kind with a message naming the fix. */
public record Inferred(TensorShape shape, Problem.Kind problem, String message) {

    public static Inferred of(TensorShape shape) {
        return new Inferred(shape, null, null);
    }

    public static Inferred fail(Problem.Kind kind, String message) {
        return new Inferred(null, kind, message);
    }

    public boolean ok() {
        return shape != null;
    }
}
