package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/**
 * A DL4J layer LayerLab has no spec for, kept exactly as a model opened from a file had it: its DL4J
 * type, its configuration as DL4J writes it (JSON, compiled back unchanged), the shape it takes and
 * gives, and its parameter count. Not in the palette and not editable; the canvas marks it. A
 * sequence may change length (the model does not store it); every other shape must be the recorded one.
 */
public record OpaqueSpec(String dl4jType, String configuration, TensorShape takes, TensorShape gives,
                         @Range(min = 0, max = 1e15) long params) implements LayerSpec {

    /** DL4J's class name, "Convolution" shortened as the palette's names are (the canvas has room for about fifteen letters). */
    @Override public String typeName() { return dl4jType.replace("Convolution", "Conv"); }
    @Override public LayerFamily family() { return LayerFamily.OPAQUE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        boolean sameSequence = x.isSequence() && takes.isSequence() && x.lastDim() == takes.lastDim();
        if (!sameSequence && !x.equals(takes)) {
            return Inferred.fail(Kind.RESHAPE_MISMATCH, who + " is a DL4J layer kept as the model had it: it takes " + takes
                    + " but gets " + x + "; give it what the model gave it, or replace it with a LayerLab layer");
        }
        // a length-preserving sequence layer follows the Input's length, which the model file does not store
        if (sameSequence && gives.isSequence() && gives.length() == takes.length()) return Inferred.of(TensorShape.sequence(x.length(), gives.lastDim()));
        return Inferred.of(gives);
    }

    @Override
    public long paramCount(List<TensorShape> inputs, TensorShape output) {
        return params;
    }
}
