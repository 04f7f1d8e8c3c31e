package org.layerlab.trainer.kernels;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products on row-major Java arrays through the BLAS ND4J bundles, and copies between ND4J
 * arrays and Java arrays, for the recurrent kernels' time loops. ND4J's own operations cost far more
 * than their arithmetic at these sizes — measured in-process: ≈ 40 µs for a 32×64·64×128 matrix
 * product op that BLAS does in ≈ 10 µs, ≈ 1.3 ms to cast 300k values — so the loops touch ND4J only at
 * their edges. Values are held as doubles; a product runs in single precision ({@code sgemm}) when the
 * layer is FLOAT, as ND4J would have, and in double precision otherwise.
 */
public final class JavaBlas {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private JavaBlas() {}

    /**
     * op(a)·op(b) → a new [m, n] array, op transposing when asked. a and b start at the given offsets with
     * the given row lengths (leading dimensions), so a block of columns is used in place.
     */
    public static double[] times(boolean single, double[] a, int aAt, int lda, boolean ta, double[] b, int bAt, int ldb, boolean tb,
                                 int m, int n, int k) {
        try (Native na = new Native(single, a); Native nb = new Native(single, b)) {
            return times(na, aAt, lda, ta, nb, bAt, ldb, tb, m, n, k);
        }
    }

    /** As {@link #times(boolean, double[], int, int, boolean, double[], int, int, boolean, int, int, int)}, on copies already made. */
    public static double[] times(Native a, int aAt, int lda, boolean ta, Native b, int bAt, int ldb, boolean tb, int m, int n, int k) {
        boolean single = a.single;
        Pointer pc = single ? new FloatPointer((long) m * n) : new DoublePointer((long) m * n);
        try {
            if (single) {
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, 1f,
                        ((FloatPointer) a.p).position(aAt), lda, ((FloatPointer) b.p).position(bAt), ldb, 0f, (FloatPointer) pc, n);
            } else {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, 1.0,
                        ((DoublePointer) a.p).position(aAt), lda, ((DoublePointer) b.p).position(bAt), ldb, 0.0, (DoublePointer) pc, n);
            }
            return get(pc, m * n);
        } finally {
            pc.deallocate();
        }
    }

    /** A native copy of a Java matrix (single or double precision), for several products with it. */
    public static final class Native implements AutoCloseable {
        final boolean single;
        final Pointer p;

        public Native(boolean single, double[] v) {
            this.single = single;
            this.p = pointer(single, v);
        }

        @Override
        public void close() {
            p.deallocate();
        }
    }

    private static Pointer pointer(boolean single, double[] v) {
        if (!single) return new DoublePointer(v);
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return new FloatPointer(f);
    }

    private static double[] get(Pointer p, int length) {
        double[] out = new double[length];
        if (p instanceof DoublePointer d) {
            d.position(0).get(out);
        } else {
            float[] f = new float[length];
            ((FloatPointer) p).position(0).get(f);
            for (int i = 0; i < length; i++) out[i] = f[i];
        }
        return out;
    }

    /** Native buffers for one repeated small product: in [m, k] · weights [k, n] → out [m, n]. */
    public static final class Step implements AutoCloseable {
        private final boolean single;
        private final Pointer a, b, c;
        private final int m, k, n;
        private final float[] in32, out32;

        public Step(boolean single, int m, int k, double[] weights, int n) {
            this.single = single;
            this.m = m;
            this.k = k;
            this.n = n;
            a = single ? new FloatPointer((long) m * k) : new DoublePointer((long) m * k);
            b = pointer(single, weights);
            c = single ? new FloatPointer((long) m * n) : new DoublePointer((long) m * n);
            in32 = single ? new float[m * k] : null;
            out32 = single ? new float[m * n] : null;
        }

        /** out[0 … m·n) = in[from … from + m·k) · weights. */
        public void times(double[] in, int from, double[] out) {
            if (single) {
                for (int i = 0; i < m * k; i++) in32[i] = (float) in[from + i];
                ((FloatPointer) a).position(0).put(in32);
                openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, (FloatPointer) a, k, (FloatPointer) b, n, 0f, (FloatPointer) c, n);
                ((FloatPointer) c).position(0).get(out32);
                for (int i = 0; i < m * n; i++) out[i] = out32[i];
            } else {
                ((DoublePointer) a).position(0).put(in, from, m * k);
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1.0, (DoublePointer) a, k, (DoublePointer) b, n, 0.0, (DoublePointer) c, n);
                ((DoublePointer) c).position(0).get(out, 0, m * n);
            }
        }

        @Override
        public void close() {
            a.deallocate();
            b.deallocate();
            c.deallocate();
        }
    }

    /** Columns [from, to) of a row-major [rows, width] matrix. */
    public static double[] columns(double[] m, int rows, int width, int from, int to) {
        int w = to - from;
        double[] out = new double[rows * w];
        for (int r = 0; r < rows; r++) System.arraycopy(m, r * width + from, out, r * w, w);
        return out;
    }

    /** The transpose of a row-major [rows, cols] matrix. */
    public static double[] transpose(double[] m, int rows, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
        return out;
    }

    /** Writes a row-major [rows, cols] block into columns [at, at + cols) of a [rows, width] matrix. */
    public static void into(double[] block, double[] m, int rows, int cols, int width, int at) {
        for (int r = 0; r < rows; r++) System.arraycopy(block, r * cols, m, r * width + at, cols);
    }

    /** An array's values, row-major, as doubles (see {@link NdBlas#read}). */
    public static double[] read(INDArray a) {
        return NdBlas.read(a, null);
    }

    /** Row-major doubles as a new array of the given type (FLOAT or DOUBLE) and shape, in the current workspace. */
    public static INDArray write(double[] v, DataType t, long... shape) {
        return fill(Nd4j.createUninitialized(t, shape, 'c'), v);
    }

    /**
     * A DL4J sequence [batch, features, time] as time-major rows [time, batch, features]; reordered here,
     * since ND4J's copy of a permuted array goes element by element (≈ 3 ms a batch for the char-LSTM).
     */
    public static double[] timeMajor(INDArray sequence) {
        int b = (int) sequence.size(0), f = (int) sequence.size(1), t = (int) sequence.size(2);
        double[] v = read(sequence), out = new double[v.length];
        for (int e = 0; e < b; e++) for (int k = 0; k < f; k++) for (int s = 0; s < t; s++) out[(s * b + e) * f + k] = v[(e * f + k) * t + s];
        return out;
    }

    /** The inverse of {@link #timeMajor}: rows [time, batch, features] as [batch, features, time] values. */
    public static double[] batchMajor(double[] rows, int t, int b, int f) {
        double[] out = new double[rows.length];
        for (int s = 0; s < t; s++) for (int e = 0; e < b; e++) for (int k = 0; k < f; k++) out[(e * f + k) * t + s] = rows[(s * b + e) * f + k];
        return out;
    }

    /** Writes row-major doubles into a new plain C-order FLOAT or DOUBLE array; returns it. */
    public static INDArray fill(INDArray out, double[] v) {
        NdBlas.write(out, v);
        return out;
    }

    public static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** tanh through the exponential (an intrinsic; Math.tanh is not): exact at the limits, 1e-16 near 0. */
    public static double tanh(double v) {
        return 1 - 2 / (Math.exp(2 * v) + 1);
    }
}
