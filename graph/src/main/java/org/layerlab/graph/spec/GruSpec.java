package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Gated recurrent unit (update and reset gates, tanh candidate; one bias per gate). */
public record GruSpec(@Range(min = 1, max = 65536) int units, boolean returnSequences) implements LayerSpec {
    @Override public String typeName() { return "GRU"; }
    @Override public LayerFamily family() { return LayerFamily.RECURRENT; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Recurrent.infer(who, in, units, returnSequences);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return Recurrent.params(RecurrentCell.GRU, in.get(0).lastDim(), units);
    }
}
