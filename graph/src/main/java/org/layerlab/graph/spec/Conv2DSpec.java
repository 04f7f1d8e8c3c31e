package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** 2-D convolution over an image [h×w×c]; out = floor((n + 2p − d(f−1) − 1)/s) + 1. */
public record Conv2DSpec(
        @Range(min = 1, max = 65536) int filters,
        @Range(min = 1, max = 1024) int kernelHeight,
        @Range(min = 1, max = 1024) int kernelWidth,
        @Range(min = 1, max = 1024) int strideHeight,
        @Range(min = 1, max = 1024) int strideWidth,
        Padding padding,
        @Range(min = 1, max = 1024) int dilation,
        Activation activation,
        boolean useBias) implements LayerSpec, HasActivation {

    public static Conv2DSpec of(int filters, int kernel, int stride, Padding padding, Activation activation) {
        return new Conv2DSpec(filters, kernel, kernel, stride, stride, padding, 1, activation, true);
    }

    @Override public String typeName() { return "Conv2D"; }
    @Override public LayerFamily family() { return LayerFamily.CONVOLUTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isImage()) return Shapes.needImage(who, x);
        if (padding == Padding.CAUSAL) {
            return Inferred.fail(Kind.INVALID_VALUE, who + ": causal padding exists only for Conv1D; use VALID or SAME");
        }
        long h = Shapes.convOut(x.height(), kernelHeight, strideHeight, dilation, padding);
        long w = Shapes.convOut(x.width(), kernelWidth, strideWidth, dilation, padding);
        if (h < 1) return Shapes.tooLarge(who, "kernel height (dilated)", x.height(), (long) dilation * (kernelHeight - 1) + 1);
        if (w < 1) return Shapes.tooLarge(who, "kernel width (dilated)", x.width(), (long) dilation * (kernelWidth - 1) + 1);
        return Inferred.of(TensorShape.image((int) h, (int) w, filters));
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return (long) kernelHeight * kernelWidth * in.get(0).channels() * filters + (useBias ? filters : 0);
    }
}
