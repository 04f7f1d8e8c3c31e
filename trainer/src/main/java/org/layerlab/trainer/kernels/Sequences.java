package org.layerlab.trainer.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves values between ND4J arrays and {@link NativeMatrix} work arrays: whole matrices, and DL4J's
 * sequences [batch, features, time] to and from time-major rows [time·batch, features]. Reordered in Java
 * loops, since ND4J's copy of a permuted array goes element by element (≈ 3 ms a batch for the char-LSTM).
 * An array that is not contiguous in row-major order, or not of the work array's type, is copied once by ND4J.
 */
public final class Sequences {
    private Sequences() {}

    /** An array's values, row-major, into {@code into} (same length). */
    public static void load(NativeMatrix into, INDArray x) {
        int rows = into.rows(), cols = into.cols();
        if (columnMajor(x, into.single(), rows, cols)) { // DL4J's weight views: transposed here instead of an ND4J copy
            int n = rows * cols;
            double[] in = scratch(0, n), out = scratch(1, n);
            NativeMatrix.view(x, cols, rows).read(0, in, 0, n);
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[r * cols + c] = in[c * rows + r];
            into.write(0, out, 0, n);
            return;
        }
        into.copy(0, NativeMatrix.view(readable(x, into.single()), rows, cols), 0, rows * cols);
    }

    /** A work array's values, row-major, into {@code target} (same length, any layout). */
    public static void store(NativeMatrix from, INDArray target) {
        int rows = from.rows(), cols = from.cols();
        if (columnMajor(target, from.single(), rows, cols)) { // DL4J's weight and gradient views are [in, out] in 'f' order
            NativeMatrix out = NativeMatrix.view(target, cols, rows);
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out.set(c * rows + r, from.get(r * cols + c));
            return;
        }
        INDArray direct = writable(target, from.single()) ? target : scratch(from.single(), target.shape());
        NativeMatrix.view(direct, rows, cols).copy(0, from, 0, rows * cols);
        if (direct != target) target.assign(direct);
    }

    /** A sequence [B, F, T] as time-major rows [T·B, F] in {@code into}. */
    public static void toTimeMajor(INDArray sequence, NativeMatrix into, int t, int b, int f) {
        int n = b * f * t;
        double[] in = scratch(0, n), out = scratch(1, n);
        if (columnMajorSequence(sequence, into.single())) {
            // 'f' order (DL4J's gradient from a last-time-step layer): step s is one [F, B] block, read as it lies
            NativeMatrix.view(sequence.reshape('f', (long) b * f, t), t, b * f).read(0, in, 0, n);
            for (int s = 0; s < t; s++) {
                for (int e = 0; e < b; e++) {
                    int to = (s * b + e) * f, from = s * b * f + e;
                    for (int k = 0; k < f; k++) out[to + k] = in[from + k * b];
                }
            }
            into.write(0, out, 0, n);
            return;
        }
        NativeMatrix.view(readable(sequence, into.single()), b, f * t).read(0, in, 0, n);
        // rows written in order; the reads stay within one example's [F, T] block
        for (int e = 0; e < b; e++) {
            for (int s = 0; s < t; s++) {
                int to = (s * b + e) * f, from = e * f * t + s;
                for (int k = 0; k < f; k++) out[to + k] = in[from + k * t];
            }
        }
        into.write(0, out, 0, n);
    }

    /** Time-major rows [T·B, F] starting at value {@code at} of {@code rows} into a sequence array [B, F, T] (any layout). */
    public static void fromTimeMajor(NativeMatrix rows, int at, int t, int b, int f, INDArray sequence) {
        int n = b * f * t;
        double[] in = scratch(0, n), out = scratch(1, n);
        rows.read(at, in, 0, n);
        for (int e = 0; e < b; e++) {
            for (int s = 0; s < t; s++) {
                int from = (s * b + e) * f, to = e * f * t + s;
                for (int k = 0; k < f; k++) out[to + k * t] = in[from + k];
            }
        }
        INDArray direct = writable(sequence, rows.single()) ? sequence : scratch(rows.single(), sequence.shape());
        NativeMatrix.view(direct, b, f * t).write(0, out, 0, n);
        if (direct != sequence) sequence.assign(direct);
    }

    /** Two reordering buffers per thread, reused: a fresh pair per call cost more than the reordering. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);

    private static double[] scratch(int which, int n) {
        double[][] s = SCRATCH.get();
        if (s[which].length < n) s[which] = new double[n];
        return s[which];
    }

    /** True for a [rows, cols] array of the given precision stored column by column without gaps. */
    private static boolean columnMajor(INDArray x, boolean single, int rows, int cols) {
        return x.dataType() == (single ? DataType.FLOAT : DataType.DOUBLE) && x.rank() == 2 && x.size(0) == rows && x.size(1) == cols
                && rows > 1 && cols > 1 && x.stride(0) == 1 && x.stride(1) == rows;
    }

    /** True for a [B, F, T] sequence of the given precision stored in 'f' order without gaps (strides 1, B, B·F). */
    private static boolean columnMajorSequence(INDArray x, boolean single) {
        return x.dataType() == (single ? DataType.FLOAT : DataType.DOUBLE) && x.rank() == 3 && x.size(0) > 1 && x.size(1) > 1 && x.size(2) > 1
                && x.stride(0) == 1 && x.stride(1) == x.size(0) && x.stride(2) == x.size(0) * x.size(1);
    }

    private static boolean writable(INDArray x, boolean single) {
        return x.dataType() == (single ? DataType.FLOAT : DataType.DOUBLE) && NdBlas.writable(x);
    }

    /** x as one row-major block of the given precision: itself, or an ND4J copy. */
    static INDArray readable(INDArray x, boolean single) {
        DataType t = single ? DataType.FLOAT : DataType.DOUBLE;
        if (x.dataType() != t) x = x.castTo(t);
        return NdBlas.writable(x) ? x : x.dup('c');
    }

    private static INDArray scratch(boolean single, long[] shape) {
        return Nd4j.createUninitializedDetached(single ? DataType.FLOAT : DataType.DOUBLE, shape);
    }
}
