package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** A graph input with a declared shape; the fields a kind does not use are kept but ignored. */
public record InputSpec(
        InputKind kind,
        @Range(min = 1, max = 100_000_000) int features,
        @Range(min = 1, max = 16384) int height,
        @Range(min = 1, max = 16384) int width,
        @Range(min = 1, max = 4096) int channels,
        @Range(min = 1, max = 1_000_000) int length) implements LayerSpec {

    public static InputSpec vector(int features) {
        return new InputSpec(InputKind.VECTOR, features, 28, 28, 1, 1);
    }

    public static InputSpec image(int height, int width, int channels) {
        return new InputSpec(InputKind.IMAGE, 1, height, width, channels, 1);
    }

    public static InputSpec sequence(int length, int features) {
        return new InputSpec(InputKind.SEQUENCE, features, 28, 28, 1, length);
    }

    public TensorShape shape() {
        return switch (kind) {
            case VECTOR -> TensorShape.vector(features);
            case IMAGE -> TensorShape.image(height, width, channels);
            case SEQUENCE -> TensorShape.sequence(length, features);
        };
    }

    @Override public String typeName() { return "Input"; }
    @Override public LayerFamily family() { return LayerFamily.INPUT; }
    @Override public int minInputs() { return 0; }
    @Override public int maxInputs() { return 0; }

    @Override
    public Inferred infer(String who, List<TensorShape> inputs) {
        long size = switch (kind) {
            case VECTOR -> features;
            case IMAGE -> (long) height * width * channels;
            case SEQUENCE -> (long) length * features;
        };
        if (size > Integer.MAX_VALUE) {
            return Inferred.fail(Kind.INVALID_VALUE, who + " declares " + size + " values per example; make it smaller");
        }
        return Inferred.of(shape());
    }
}
