package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Long short-term memory layer (input, forget, output gates and a cell state). */
public record LstmSpec(@Range(min = 1, max = 65536) int units, Activation activation, boolean returnSequences)
        implements LayerSpec, HasActivation {
    @Override public String typeName() { return "LSTM"; }
    @Override public LayerFamily family() { return LayerFamily.RECURRENT; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Recurrent.infer(who, in, units, returnSequences);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return Recurrent.params(RecurrentCell.LSTM, in.get(0).lastDim(), units);
    }
}
