package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Zeroes each value with probability {@code rate} while training (inverted dropout); identity at inference. */
public record DropoutSpec(@Range(min = 0, max = 0.99) double rate) implements LayerSpec {
    @Override public String typeName() { return "Dropout"; }
    @Override public LayerFamily family() { return LayerFamily.NORMALIZATION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Inferred.of(in.get(0));
    }
}
