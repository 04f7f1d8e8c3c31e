package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Adds its inputs element-wise (residual connections); all inputs share one shape. */
public record AddSpec() implements LayerSpec {
    @Override public String typeName() { return "Add"; }
    @Override public LayerFamily family() { return LayerFamily.MERGE; }
    @Override public int minInputs() { return 2; }
    @Override public int maxInputs() { return Integer.MAX_VALUE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Merge.elementwise(who, in);
    }
}
