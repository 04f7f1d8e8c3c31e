package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Elman recurrent layer: {@code h_t = act(x_t W + h_(t-1) R + b)}. */
public record SimpleRnnSpec(@Range(min = 1, max = 65536) int units, Activation activation, boolean returnSequences)
        implements LayerSpec, HasActivation {
    @Override public String typeName() { return "SimpleRNN"; }
    @Override public LayerFamily family() { return LayerFamily.RECURRENT; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Recurrent.infer(who, in, units, returnSequences);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return Recurrent.params(RecurrentCell.SIMPLE_RNN, in.get(0).lastDim(), units);
    }
}
