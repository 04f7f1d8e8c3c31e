package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Batch normalization over features (vectors) or channels (images): gamma, beta, running mean and variance. */
public record BatchNormSpec(@Range(min = 1e-12, max = 1) double epsilon, @Range(min = 0, max = 1) double decay) implements LayerSpec {
    @Override public String typeName() { return "BatchNorm"; }
    @Override public LayerFamily family() { return LayerFamily.NORMALIZATION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (x.isSequence()) {
            return Inferred.fail(Kind.NEEDS_VECTOR, who + " normalizes vectors or images, not a sequence ["
                    + x + "]; use LayerNorm for sequences");
        }
        return Inferred.of(x);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return 4L * in.get(0).lastDim();
    }
}
