package org.layerlab.trainer.kernels;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products and bulk copies straight on ND4J arrays' native buffers: products through the BLAS
 * ND4J bundles, no ND4J operation, no intermediate copy. ND4J's matrix product op costs several times its arithmetic at layer sizes
 * (measured for an MLP iteration: its eight products ≈ 3 ms through the op, ≈ 1.1 ms called directly).
 */
public final class NdBlas {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private NdBlas() {}

    /** How BLAS reads a rank-2 array: row-major with a leading dimension, or column-major (its transpose, row-major). */
    private record Layout(boolean columnMajor, long ld) {
        static Layout of(INDArray x) {
            if (x.rank() != 2) return null;
            long rows = x.size(0), cols = x.size(1), s0 = x.stride(0), s1 = x.stride(1);
            if ((s1 == 1 || cols == 1) && s0 >= Math.max(1, cols)) return new Layout(false, Math.max(1, s0));
            if ((s0 == 1 || rows == 1) && s1 >= Math.max(1, rows)) return new Layout(true, Math.max(1, s1));
            return null;
        }
    }

    /** True when {@link #gemm} can run on these arrays as they are: same FLOAT or DOUBLE type, rank 2, one unit stride each. */
    public static boolean fits(INDArray... arrays) {
        DataType t = arrays[0].dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) return false;
        for (INDArray x : arrays) if (x.dataType() != t || Layout.of(x) == null) return false;
        return true;
    }

    /**
     * c = op(a)·op(b), overwriting c; op transposes when asked. Every array must pass {@link #fits}; c must
     * not overlap a or b.
     */
    public static void gemm(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c) {
        Product pr = Product.of(a, ta, b, tb, c);
        pr.run(0, pr.cols());
    }

    /**
     * c = op(a)·op(b) as the row-major product p·q [rows × cols] BLAS runs: c itself, or, when c is
     * column-major, cᵀ = op(b)ᵀ·op(a)ᵀ (a column-major array is its transpose stored row-major).
     */
    private record Product(INDArray p, boolean opP, long ldP, INDArray q, boolean opQ, long ldQ, INDArray c, long ldc,
                           long rows, long cols, long k) {
        static Product of(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c) {
            Layout la = Layout.of(a), lb = Layout.of(b), lc = Layout.of(c);
            if (la == null || lb == null || lc == null) throw new IllegalArgumentException("an array BLAS cannot read in place");
            long m = c.size(0), n = c.size(1), k = ta ? a.size(0) : a.size(1);
            if ((ta ? a.size(1) : a.size(0)) != m || (tb ? b.size(0) : b.size(1)) != n || (tb ? b.size(1) : b.size(0)) != k)
                throw new IllegalArgumentException("shapes do not multiply");
            boolean opA = ta ^ la.columnMajor(), opB = tb ^ lb.columnMajor();
            return lc.columnMajor() ? new Product(b, !opB, lb.ld(), a, !opA, la.ld(), c, lc.ld(), n, m, k)
                    : new Product(a, opA, la.ld(), b, opB, lb.ld(), c, lc.ld(), m, n, k);
        }

        /** Columns [from, to) of the row-major result, over the whole depth. */
        void run(long from, long to) {
            call(p.dataType(), p, opP, ldP, q, opQ, ldQ, opQ ? from * ldQ : from, c, ldc, from, rows, to - from, k);
        }
    }

    /** The product with b's and c's first values {@code bAt} and {@code cAt} values into their buffers. */
    private static void call(DataType t, INDArray a, boolean ta, long lda, INDArray b, boolean tb, long ldb, long bAt, INDArray c, long ldc,
                             long cAt, long m, long n, long k) {
        int opA = ta ? TRANS : NO_TRANS, opB = tb ? TRANS : NO_TRANS;
        if (t == DataType.FLOAT) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, opA, opB, (int) m, (int) n, (int) k, 1f, new FloatPointer(a.data().addressPointer()),
                    (int) lda, new FloatPointer(b.data().addressPointer()).position(bAt), (int) ldb, 0f,
                    new FloatPointer(c.data().addressPointer()).position(cAt), (int) ldc);
        } else {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, opA, opB, (int) m, (int) n, (int) k, 1.0, new DoublePointer(a.data().addressPointer()),
                    (int) lda, new DoublePointer(b.data().addressPointer()).position(bAt), (int) ldb, 0.0,
                    new DoublePointer(c.data().addressPointer()).position(cAt), (int) ldc);
        }
    }

    /** Products of at least this many multiply-adds are cut into two bands ({@link #gemmOnCores}). */
    static final long SPLIT_WORK = 20_000_000L;
    static final String SPLIT_OFF = "layerlab.splitProducts.off";
    private static final java.util.concurrent.atomic.AtomicLong BANDED = new java.util.concurrent.atomic.AtomicLong();

    /** How many products {@link #gemmOnCores} has cut into bands since the process started (tests, diagnostics). */
    public static long bandedProducts() {
        return BANDED.get();
    }

    /**
     * {@link #gemm}, with c's columns cut into two bands that run side by side on two cores ({@link BatchParts})
     * when the product has at least {@link #SPLIT_WORK} multiply-adds (a column-major c: bands of its rows). OpenBLAS runs one
     * thread here (its own threads' hand-offs cost more than they computed), so a dense layer's large
     * products kept one core busy and left the other idle. The bands do not give the undivided product's
     * bits (OpenBLAS's kernels round differently at a band's edge, ≈ 1 ulp), but they depend on the shape
     * alone, so one core gives the same bits as two.
     * {@code -Dlayerlab.splitProducts.off=true} keeps every product whole.
     */
    public static void gemmOnCores(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c) {
        Product pr = Product.of(a, ta, b, tb, c);
        long cols = pr.cols(), work = pr.rows() * cols * pr.k();
        if (work < SPLIT_WORK || Boolean.getBoolean(SPLIT_OFF)) {
            pr.run(0, cols);
            return;
        }
        // two bands of the row-major result's columns; the cut is a multiple of 16 columns (the kernels'
        // width) and depends on the shape alone, so one core computes the same bands
        long cut = cols >= 32 ? cols / 2 / 16 * 16 : cols / 2;
        BANDED.incrementAndGet();
        BatchParts.run(2, work, band -> pr.run(band == 0 ? 0 : cut, band == 0 ? cut : cols));
    }

    /**
     * Staging for single-precision copies, one per thread, shared by every copy on it (NativeMatrix's too: its
     * views are made per call, and a buffer of their own was a fresh array each time, a sixth of the char-LSTM's
     * allocations); reused because allocating fresh arrays cost more than the copies here.
     */
    private static final ThreadLocal<float[]> STAGING = ThreadLocal.withInitial(() -> new float[0]);

    /** Values a conversion chunk holds; a large array's chunks are shared out over the cores. */
    private static final int CHUNK = 1 << 14;

    static float[] staging(int n) {
        float[] f = STAGING.get();
        if (f.length < n) STAGING.set(f = new float[n]);
        return f;
    }

    /**
     * An array's values in row-major order as doubles, into {@code reuse} when it is long enough (else a new
     * array): one bulk copy when the array is contiguous in row-major order (any offset), else a C-order copy first.
     */
    public static double[] read(INDArray x, double[] reuse) {
        int n = (int) x.length();
        if (x.dataType() != DataType.FLOAT && x.dataType() != DataType.DOUBLE) x = x.castTo(DataType.DOUBLE);
        if (!writable(x)) x = x.dup('c'); // one ND4J copy; a permuted array has its own strides over the same buffer
        DataType t = x.dataType();
        double[] v = reuse != null && reuse.length >= n ? reuse : new double[n];
        if (t == DataType.DOUBLE) {
            new DoublePointer(x.data().addressPointer()).get(v, 0, n);
        } else {
            Pointer from = x.data().addressPointer();
            // in chunks over the cores when large (batch norm's maps): the widening is most of the copy's time
            ChannelSplit.inChunks(n, CHUNK, (at, len) -> {
                float[] f = staging(len);
                new FloatPointer(from).position(at).get(f, 0, len);
                for (int i = 0; i < len; i++) v[at + i] = f[i];
            });
        }
        return v;
    }

    /** True when {@link #read} and {@link #write} copy x in one go: FLOAT or DOUBLE, contiguous in row-major (C) order (any offset). */
    public static boolean writable(INDArray x) {
        DataType t = x.dataType();
        if (t != DataType.FLOAT && t != DataType.DOUBLE) return false;
        if (x.rank() == 1) return x.stride(0) == 1;
        if (x.rank() != 2) return rowMajorBlock(x);
        Layout l = Layout.of(x);
        return l != null && (!l.columnMajor() && l.ld() == x.size(1) || x.size(0) == 1 && l.ld() == 1 || x.size(1) == 1 && x.size(0) == 1);
    }

    /** Row-major strides for every dimension longer than one (a dimension of size one may have any stride). */
    private static boolean rowMajorBlock(INDArray x) {
        long expected = 1;
        for (int d = x.rank() - 1; d >= 0; d--) {
            if (x.size(d) > 1 && x.stride(d) != expected) return false;
            expected *= x.size(d);
        }
        return true;
    }

    /** Row-major values into x, whatever its layout: in place when it passes {@link #writable}, else through a copy. */
    public static void store(INDArray x, double[] v) {
        if (writable(x)) write(x, v);
        else x.assign(array(v, x.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT, x.shape()));
    }

    /** Row-major values as a new C-order FLOAT or DOUBLE array of the given shape, in the current workspace. */
    public static INDArray array(double[] v, DataType t, long... shape) {
        INDArray out = org.nd4j.linalg.factory.Nd4j.createUninitialized(t, shape, 'c');
        write(out, v);
        return out;
    }

    /** Writes the first {@code x.length()} row-major values of v into x, which must pass {@link #writable}. */
    public static void write(INDArray x, double[] v) {
        int n = (int) x.length();
        if (x.dataType() == DataType.DOUBLE) {
            new DoublePointer(x.data().addressPointer()).put(v, 0, n);
        } else {
            Pointer to = x.data().addressPointer();
            ChannelSplit.inChunks(n, CHUNK, (at, len) -> {
                float[] f = staging(len);
                for (int i = 0; i < len; i++) f[i] = (float) v[at + i];
                new FloatPointer(to).position(at).put(f, 0, len);
            });
        }
    }
}
