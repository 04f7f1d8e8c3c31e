package org.layerlab.trainer.compile;

import org.layerlab.graph.shape.TensorShape;

/** Array layouts of LayerLab shapes in DL4J: [b, f], [b, c, h, w], [b, f, t]. Pure; any thread. */
public final class Dl4jArrays {
    private Dl4jArrays() {}

    public static long[] batchShape(TensorShape s, long batch) {
        return switch (s.kind()) {
            case VECTOR -> new long[] {batch, s.lastDim()};
            case IMAGE -> new long[] {batch, s.channels(), s.height(), s.width()};
            case SEQUENCE -> new long[] {batch, s.lastDim(), s.length()};
        };
    }

    /** The LayerLab shape of a DL4J array shape (batch first). */
    public static TensorShape shapeOf(long[] shape) {
        return switch (shape.length) {
            case 2 -> TensorShape.vector((int) shape[1]);
            case 3 -> TensorShape.sequence((int) shape[2], (int) shape[1]);
            case 4 -> TensorShape.image((int) shape[2], (int) shape[3], (int) shape[1]);
            default -> throw new IllegalArgumentException("no LayerLab shape for rank " + shape.length);
        };
    }
}
