package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/** Shape and parameter rules shared by the recurrent layers. */
final class Recurrent {
    private Recurrent() {}

    static Inferred infer(String who, List<TensorShape> in, int units, boolean returnSequences) {
        TensorShape x = in.get(0);
        if (!x.isSequence()) return Shapes.needSequence(who, x);
        return Inferred.of(returnSequences ? TensorShape.sequence(x.length(), units) : TensorShape.vector(units));
    }

    /** Gates × (input weights + recurrent weights + bias), as DL4J lays them out. */
    static long params(RecurrentCell cell, long nIn, long units) {
        long gates = switch (cell) {
            case SIMPLE_RNN -> 1;
            case LSTM -> 4;
            case GRU -> 3;
        };
        return gates * (nIn * units + units * units + units);
    }
}
