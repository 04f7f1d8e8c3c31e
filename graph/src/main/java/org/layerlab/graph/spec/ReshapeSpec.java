package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Reinterprets the values as another shape with the same number of elements (fields as in Input). */
public record ReshapeSpec(
        InputKind kind,
        @Range(min = 1, max = 100_000_000) int features,
        @Range(min = 1, max = 16384) int height,
        @Range(min = 1, max = 16384) int width,
        @Range(min = 1, max = 4096) int channels,
        @Range(min = 1, max = 1_000_000) int length) implements LayerSpec {

    public static ReshapeSpec image(int height, int width, int channels) {
        return new ReshapeSpec(InputKind.IMAGE, 1, height, width, channels, 1);
    }

    public TensorShape target() {
        return new InputSpec(kind, features, height, width, channels, length).shape();
    }

    @Override public String typeName() { return "Reshape"; }
    @Override public LayerFamily family() { return LayerFamily.CORE; }

    @Override
    public Inferred infer(String who, List<TensorShape> in) {
        TensorShape x = in.get(0);
        TensorShape t = target();
        if (t.size() != x.size()) {
            return Inferred.fail(Kind.RESHAPE_MISMATCH, who + " reshapes " + x.size() + " values [" + x + "] into ["
                    + t + "] = " + t.size() + " values; choose dimensions whose product is " + x.size());
        }
        return Inferred.of(t);
    }
}
