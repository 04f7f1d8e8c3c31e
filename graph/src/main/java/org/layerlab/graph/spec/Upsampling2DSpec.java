package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Repeats each pixel {@code size}×{@code size} times (nearest-neighbour upsampling). */
public record Upsampling2DSpec(@Range(min = 1, max = 64) int size) implements LayerSpec {
    @Override public String typeName() { return "Upsampling2D"; }
    @Override public LayerFamily family() { return LayerFamily.CONVOLUTION; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        if (!x.isImage()) return Shapes.needImage(who, x);
        long h = (long) x.height() * size;
        long w = (long) x.width() * size;
        if (!Shapes.fitsInt(h * w * x.channels())) {
            return Inferred.fail(Kind.INVALID_VALUE, who + " would output " + h + "×" + w + "; use a smaller size");
        }
        return Inferred.of(TensorShape.image((int) h, (int) w, x.channels()));
    }
}
