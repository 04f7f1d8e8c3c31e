package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Transposed 2-D convolution (upsamples): VALID out = s(n − 1) + f, SAME out = n·s. */
public record Deconv2DSpec(
        @Range(min = 1, max = 65536) int filters,
        @Range(min = 1, max = 1024) int kernelHeight,
        @Range(min = 1, max = 1024) int kernelWidth,
        @Range(min = 1, max = 1024) int strideHeight,
        @Range(min = 1, max = 1024) int strideWidth,
        Padding padding,
        Activation activation,
        boolean useBias) implements LayerSpec, HasActivation {

    @Override public String typeName() { return "Deconv2D"; }
    @Override public LayerFamily family() { return LayerFamily.CONVOLUTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isImage()) return Shapes.needImage(who, x);
        if (padding == Padding.CAUSAL) {
            return Inferred.fail(Kind.INVALID_VALUE, who + ": causal padding exists only for Conv1D; use VALID or SAME");
        }
        long h = padding == Padding.SAME ? (long) x.height() * strideHeight : (long) strideHeight * (x.height() - 1) + kernelHeight;
        long w = padding == Padding.SAME ? (long) x.width() * strideWidth : (long) strideWidth * (x.width() - 1) + kernelWidth;
        if (!Shapes.fitsInt(h * w * filters)) {
            return Inferred.fail(Kind.INVALID_VALUE, who + " would output " + h + "×" + w + "×" + filters + "; use a smaller stride");
        }
        return Inferred.of(TensorShape.image((int) h, (int) w, filters));
    }

    @Override
    public long paramCount(List<TensorShape> in, TensorShape out) {
        return (long) kernelHeight * kernelWidth * in.get(0).channels() * filters + (useBias ? filters : 0);
    }
}
