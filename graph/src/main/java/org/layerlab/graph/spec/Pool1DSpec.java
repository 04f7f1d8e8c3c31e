package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Max or average pooling along a sequence; features unchanged. */
public record Pool1DSpec(
        PoolMode mode,
        @Range(min = 1, max = 1024) int kernel,
        @Range(min = 1, max = 1024) int stride,
        Padding padding) implements LayerSpec {

    @Override public String typeName() { return mode == PoolMode.MAX ? "MaxPool1D" : "AvgPool1D"; }
    @Override public LayerFamily family() { return LayerFamily.POOLING; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isSequence()) return Shapes.needSequence(who, x);
        long n = Shapes.convOut(x.length(), kernel, stride, 1, padding);
        if (n < 1) return Shapes.tooLarge(who, "pool size", x.length(), kernel);
        return Inferred.of(TensorShape.sequence((int) n, x.lastDim()));
    }
}
