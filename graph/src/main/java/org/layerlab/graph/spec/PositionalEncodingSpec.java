package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Adds fixed sinusoidal position signals (Vaswani et al.) to a sequence; no parameters. */
public record PositionalEncodingSpec(@Range(min = 2, max = 1e9) double base) implements LayerSpec {
    @Override public String typeName() { return "PositionalEncoding"; }
    @Override public LayerFamily family() { return LayerFamily.ATTENTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        return x.isSequence() ? Inferred.of(x) : Shapes.needSequence(who, x);
    }
}
