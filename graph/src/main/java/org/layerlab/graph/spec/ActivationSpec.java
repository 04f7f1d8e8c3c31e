package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Applies an activation function element-wise; shape unchanged, no parameters. */
public record ActivationSpec(Activation activation) implements LayerSpec, HasActivation {
    @Override public String typeName() { return "Activation"; }
    @Override public LayerFamily family() { return LayerFamily.CORE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Inferred.of(in.get(0));
    }
}
