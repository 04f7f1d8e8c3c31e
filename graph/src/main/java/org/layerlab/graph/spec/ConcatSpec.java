package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Joins its inputs along the last axis (features or channels), in input-port order. */
public record ConcatSpec() implements LayerSpec {
    @Override public String typeName() { return "Concat"; }
    @Override public LayerFamily family() { return LayerFamily.MERGE; }
    @Override public int minInputs() { return 2; }
    @Override public int maxInputs() { return Integer.MAX_VALUE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Merge.concat(who, in);
    }
}
