package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Flattens an image or a sequence into one feature vector. */
public record FlattenSpec() implements LayerSpec {
    @Override public String typeName() { return "Flatten"; }
    @Override public LayerFamily family() { return LayerFamily.CORE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (x.size() > Integer.MAX_VALUE) {
            return Inferred.fail(Kind.INVALID_VALUE, who + " would produce " + x.size() + " features; pool first");
        }
        return Inferred.of(TensorShape.vector((int) x.size()));
    }
}
