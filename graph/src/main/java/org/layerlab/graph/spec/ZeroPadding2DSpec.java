package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Adds rows and columns of zeros around an image. */
public record ZeroPadding2DSpec(
        @Range(min = 0, max = 1024) int top,
        @Range(min = 0, max = 1024) int bottom,
        @Range(min = 0, max = 1024) int left,
        @Range(min = 0, max = 1024) int right) implements LayerSpec {

    @Override public String typeName() { return "ZeroPadding2D"; }
    @Override public LayerFamily family() { return LayerFamily.CONVOLUTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isImage()) return Shapes.needImage(who, x);
        return Inferred.of(TensorShape.image(x.height() + top + bottom, x.width() + left + right, x.channels()));
    }
}
