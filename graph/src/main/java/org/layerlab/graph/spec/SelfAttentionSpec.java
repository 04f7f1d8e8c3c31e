package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/**
 * Multi-head dot-product self-attention over a sequence: per head, queries, keys and values are
 * projections of the input (no biases), and the heads' outputs are projected to {@code outputSize}.
 */
public record SelfAttentionSpec(
        @Range(min = 1, max = 256) int heads,
        @Range(min = 1, max = 4096) int headSize,
        @Range(min = 1, max = 65536) int outputSize) implements LayerSpec {

    @Override public String typeName() { return "SelfAttention"; }
    @Override public LayerFamily family() { return LayerFamily.ATTENTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isSequence()) return Shapes.needSequence(who, x);
        return Inferred.of(TensorShape.sequence(x.length(), outputSize));
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        long projected = (long) heads * headSize;
        return 3 * in.get(0).lastDim() * projected + projected * outputSize;
    }
}
