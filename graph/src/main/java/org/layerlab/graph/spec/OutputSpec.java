package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/**
 * Output layer with its loss: dense on a vector, or per time step on a sequence. For sparse
 * categorical cross-entropy the labels are class indices; the layer still has {@code units} outputs.
 */
public record OutputSpec(@Range(min = 1, max = 1_000_000) int units, Activation activation, Loss loss)
        implements LayerSpec, HasActivation {

    @Override public String typeName() { return "Output"; }
    @Override public LayerFamily family() { return LayerFamily.OUTPUT; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (x.isSequence()) return Inferred.of(TensorShape.sequence(x.length(), units));
        return x.isVector() ? Inferred.of(TensorShape.vector(units)) : Shapes.needVector(who, x);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return (long) in.get(0).lastDim() * units + units;
    }
}
