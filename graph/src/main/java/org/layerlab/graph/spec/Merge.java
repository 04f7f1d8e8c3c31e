package org.layerlab.graph.spec;

import java.util.List;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.shape.TensorShape;

/** Shape rules shared by the merge layers. */
final class Merge {
    private Merge() {}

    static Inferred elementwise(String who, List<TensorShape> in) {
        TensorShape first = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            if (!in.get(i).equals(first)) {
                return Inferred.fail(Kind.MERGE_MISMATCH, who + " merges element-wise but its inputs differ: "
                        + shapes(in) + "; make every input the same shape (e.g. a Dense or 1×1 Conv2D on the shortcut)");
            }
        }
        return Inferred.of(first);
    }

    static Inferred concat(String who, List<TensorShape> in) {
        TensorShape first = in.get(0);
        long last = 0;
        for (TensorShape s : in) {
            boolean sameLeading = s.kind() == first.kind();
            for (int d = 0; sameLeading && d < s.dims().length - 1; d++) {
                sameLeading = s.dim(d) == first.dim(d);
            }
            if (!sameLeading) {
                return Inferred.fail(Kind.MERGE_MISMATCH, who + " concatenates along the last axis, so all other axes must match: "
                        + shapes(in) + "; resize the inputs so only the last dimension differs");
            }
            last += s.lastDim();
        }
        if (last > Integer.MAX_VALUE) {
            return Inferred.fail(Kind.INVALID_VALUE, who + " would have " + last + " features; merge fewer inputs");
        }
        return Inferred.of(first.withLastDim((int) last));
    }

    private static String shapes(List<TensorShape> in) {
        StringBuilder sb = new StringBuilder();
        for (TensorShape s : in) sb.append(sb.length() == 0 ? "[" : ", [").append(s).append(']');
        return sb.toString();
    }
}
