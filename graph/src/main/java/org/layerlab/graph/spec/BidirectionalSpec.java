package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/**
 * Runs a recurrent cell forwards and backwards over the sequence and merges both outputs;
 * the cell's fields are inlined so the inspector edits them directly.
 */
public record BidirectionalSpec(
        RecurrentCell cell,
        @Range(min = 1, max = 65536) int units,
        Activation activation,
        MergeMode mode,
        boolean returnSequences) implements LayerSpec, HasActivation {

    @Override public String typeName() { return "Bidirectional"; }
    @Override public LayerFamily family() { return LayerFamily.RECURRENT; }

    /** Features per step after merging the two directions. */
    public int outputUnits() {
        return mode == MergeMode.CONCAT ? 2 * units : units;
    }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        return Recurrent.infer(who, in, outputUnits(), returnSequences);
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return 2 * Recurrent.params(cell, in.get(0).lastDim(), units);
    }
}
