package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Multiplies its inputs element-wise (gating); all inputs share one shape. */
public record MultiplySpec() implements LayerSpec {
    @Override public String typeName() { return "Multiply"; }
    @Override public LayerFamily family() { return LayerFamily.MERGE; }
    @Override public int minInputs() { return 2; }
    @Override public int maxInputs() { return Integer.MAX_VALUE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Merge.elementwise(who, in);
    }
}
