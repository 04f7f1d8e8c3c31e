package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Fully connected layer: {@code y = act(x W + b)}. */
public record DenseSpec(@Range(min = 1, max = 1_000_000) int units, Activation activation, boolean useBias)
        implements LayerSpec, HasActivation {

    @Override public String typeName() { return "Dense"; }
    @Override public LayerFamily family() { return LayerFamily.CORE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        return x.isVector() ? Inferred.of(TensorShape.vector(units)) : Shapes.needVector(who, x);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return (long) in.get(0).lastDim() * units + (useBias ? units : 0);
    }
}
