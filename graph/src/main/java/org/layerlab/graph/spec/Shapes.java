package org.layerlab.graph.spec;

import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Shared shape rules: convolution arithmetic and the "wrong kind of input" messages. */
final class Shapes {
    private Shapes() {}

    /**
     * Output length along one axis: VALID {@code floor((n + 2p - d(f-1) - 1) / s) + 1} with p = 0,
     * SAME and CAUSAL {@code ceil(n / s)}. Returns a value below 1 when the kernel does not fit.
     */
    static long convOut(long n, int f, int s, int d, Padding padding) {
        long effective = (long) d * (f - 1) + 1;
        if (padding == Padding.VALID) {
            if (effective > n) return 0;
            return Math.floorDiv(n - effective, s) + 1;
        }
        return (n + s - 1) / s;
    }

    static Inferred needImage(String who, TensorShape in) {
        return Inferred.fail(Kind.NEEDS_IMAGE, who + " needs an image input [h×w×c] but gets " + describe(in)
                + "; add Reshape before it or make the Input an image");
    }

    static Inferred needSequence(String who, TensorShape in) {
        return Inferred.fail(Kind.NEEDS_SEQUENCE, who + " needs a sequence input [length×features] but gets "
                + describe(in) + "; make the Input a sequence or add Reshape before it");
    }

    static Inferred needVector(String who, TensorShape in) {
        String fix = in.isImage() ? "add Flatten or GlobalPooling before it"
                : "add GlobalPooling before it, or set returnSequences=false on the recurrent layer before it";
        return Inferred.fail(Kind.NEEDS_VECTOR, who + " needs a feature vector but gets " + describe(in) + "; " + fix);
    }

    static String describe(TensorShape s) {
        return switch (s.kind()) {
            case VECTOR -> "a vector [" + s + "]";
            case IMAGE -> "an image [" + s + "]";
            case SEQUENCE -> "a sequence [" + s + "]";
        };
    }

    static Inferred tooLarge(String who, String what, long n, long effective) {
        return Inferred.fail(Kind.KERNEL_TOO_LARGE, who + ": " + what + " " + effective
                + " is larger than its input (" + n + "); use a smaller kernel or padding=SAME");
    }

    /** Checked int conversion: shapes that overflow are reported rather than wrapped. */
    static boolean fitsInt(long v) {
        return v >= 1 && v <= Integer.MAX_VALUE;
    }

}
