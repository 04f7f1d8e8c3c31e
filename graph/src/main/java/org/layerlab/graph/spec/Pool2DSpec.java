package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Max or average pooling over an image's height and width; channels unchanged. */
public record Pool2DSpec(
        PoolMode mode,
        @Range(min = 1, max = 1024) int kernelHeight,
        @Range(min = 1, max = 1024) int kernelWidth,
        @Range(min = 1, max = 1024) int strideHeight,
        @Range(min = 1, max = 1024) int strideWidth,
        Padding padding) implements LayerSpec {

    public static Pool2DSpec max(int kernel, int stride) {
        return new Pool2DSpec(PoolMode.MAX, kernel, kernel, stride, stride, Padding.VALID);
    }

    public static Pool2DSpec avg(int kernel, int stride) {
        return new Pool2DSpec(PoolMode.AVG, kernel, kernel, stride, stride, Padding.VALID);
    }

    @Override public String typeName() { return mode == PoolMode.MAX ? "MaxPool2D" : "AvgPool2D"; }
    @Override public LayerFamily family() { return LayerFamily.POOLING; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isImage()) return Shapes.needImage(who, x);
        if (padding == Padding.CAUSAL) {
            return Inferred.fail(Kind.INVALID_VALUE, who + ": causal padding exists only for 1-D layers; use VALID or SAME");
        }
        long h = Shapes.convOut(x.height(), kernelHeight, strideHeight, 1, padding);
        long w = Shapes.convOut(x.width(), kernelWidth, strideWidth, 1, padding);
        if (h < 1) return Shapes.tooLarge(who, "pool height", x.height(), kernelHeight);
        if (w < 1) return Shapes.tooLarge(who, "pool width", x.width(), kernelWidth);
        return Inferred.of(TensorShape.image((int) h, (int) w, x.channels()));
    }
}
