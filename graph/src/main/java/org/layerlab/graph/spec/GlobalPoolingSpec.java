package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Reduces an image over height and width, or a sequence over time, to one vector of channels/features. */
public record GlobalPoolingSpec(PoolMode mode) implements LayerSpec {
    @Override public String typeName() { return mode == PoolMode.MAX ? "GlobalMaxPool" : "GlobalAvgPool"; }
    @Override public LayerFamily family() { return LayerFamily.POOLING; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (x.isVector()) {
            return Inferred.fail(Kind.NEEDS_IMAGE, who + " pools an image or a sequence but gets a vector ["
                    + x + "]; remove it or move it before Flatten");
        }
        return Inferred.of(TensorShape.vector(x.lastDim()));
    }
}
