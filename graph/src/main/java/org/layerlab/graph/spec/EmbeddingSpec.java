package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Looks up a learned vector for each token index; input is a sequence [length×1] of indices. */
public record EmbeddingSpec(
        @Range(min = 1, max = 10_000_000) int vocabularySize,
        @Range(min = 1, max = 65536) int dimension,
        boolean useBias) implements LayerSpec {

    @Override public String typeName() { return "Embedding"; }
    @Override public LayerFamily family() { return LayerFamily.ATTENTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isSequence() || x.lastDim() != 1) {
            return Inferred.fail(Kind.NEEDS_SEQUENCE, who + " needs a sequence of token indices [length×1] but gets "
                    + Shapes.describe(x) + "; make the Input a sequence with 1 feature");
        }
        return Inferred.of(TensorShape.sequence(x.length(), dimension));
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return (long) vocabularySize * dimension + (useBias ? dimension : 0);
    }
}
