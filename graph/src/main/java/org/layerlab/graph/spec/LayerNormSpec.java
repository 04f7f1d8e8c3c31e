package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Layer normalization over the last axis (features or channels) with a learned gain and bias. */
public record LayerNormSpec(@Range(min = 1e-12, max = 1) double epsilon) implements LayerSpec {
    @Override public String typeName() { return "LayerNorm"; }
    @Override public LayerFamily family() { return LayerFamily.NORMALIZATION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Inferred.of(in.get(0));
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return 2L * in.get(0).lastDim();
    }
}
