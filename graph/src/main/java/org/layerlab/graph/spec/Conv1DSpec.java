package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** 1-D convolution along a sequence [length×features]; causal padding keeps step t from seeing t+1. */
public record Conv1DSpec(
        @Range(min = 1, max = 65536) int filters,
        @Range(min = 1, max = 1024) int kernel,
        @Range(min = 1, max = 1024) int stride,
        Padding padding,
        @Range(min = 1, max = 1024) int dilation,
        Activation activation,
        boolean useBias) implements LayerSpec, HasActivation {

    @Override public String typeName() { return "Conv1D"; }
    @Override public LayerFamily family() { return LayerFamily.CONVOLUTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isSequence()) return Shapes.needSequence(who, x);
        long n = Shapes.convOut(x.length(), kernel, stride, dilation, padding);
        if (n < 1) return Shapes.tooLarge(who, "kernel (dilated)", x.length(), (long) dilation * (kernel - 1) + 1);
        return Inferred.of(TensorShape.sequence((int) n, filters));
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return (long) kernel * in.get(0).lastDim() * filters + (useBias ? filters : 0);
    }
}
