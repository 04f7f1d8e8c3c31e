package org.layerlab.trainer.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A row-major matrix in native memory, in single or double precision, that BLAS multiplies in place and
 * Java loops index: the work arrays of a recurrent kernel's time loop. Keeping them native and in the
 * layer's own precision, reused from step to step, removed the char-LSTM's per-product copies and
 * allocations, and halved the memory its gate arrays stream through in single precision. Either owns its
 * memory or views an ND4J array's buffer (see {@link #view}).
 */
public final class NativeMatrix implements AutoCloseable {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

    private final boolean single, owner;
    private boolean closed;
    private final int rows, cols;
    private final Pointer memory;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    private NativeMatrix(boolean single, int rows, int cols, Pointer memory, boolean owner) {
        this.single = single;
        this.rows = rows;
        this.cols = cols;
        this.memory = memory;
        this.owner = owner;
        this.floats = single ? ((FloatPointer) memory).capacity((long) rows * cols).asBuffer() : null;
        this.doubles = single ? null : ((DoublePointer) memory).capacity((long) rows * cols).asBuffer();
    }

    /** A new zero-filled [rows, cols] matrix. */
    public static NativeMatrix allocate(boolean single, int rows, int cols) {
        long n = Math.max(1L, (long) rows * cols);
        Pointer p = single ? new FloatPointer(n) : new DoublePointer(n);
        Pointer.memset(p, 0, n * (single ? 4 : 8));
        return new NativeMatrix(single, rows, cols, p, true);
    }

    /** A matrix like this one (same precision and shape) unless this one is null or differs; then a new one. */
    public static NativeMatrix reuse(NativeMatrix m, boolean single, int rows, int cols) {
        if (m != null && !m.closed && m.single == single && m.rows == rows && m.cols == cols) return m;
        if (m != null) m.close();
        return allocate(single, rows, cols);
    }

    /**
     * The memory of a FLOAT or DOUBLE ND4J array, seen as a row-major [rows, cols] matrix without a copy. The
     * array must be one gap-free block, row-major ({@link NdBlas#writable}) or column-major (seen transposed),
     * and outlive the view.
     */
    public static NativeMatrix view(INDArray x, int rows, int cols) {
        boolean block = NdBlas.writable(x) || x.rank() == 2 && x.stride(0) == 1 && x.stride(1) == x.size(0);
        if (!block || x.length() != (long) rows * cols || !x.dataType().isFPType() || x.dataType().width() < 4)
            throw new IllegalArgumentException("not one contiguous FLOAT or DOUBLE block of " + rows + "×" + cols + ": "
                    + x.dataType() + " " + java.util.Arrays.toString(x.shape()) + " strides " + java.util.Arrays.toString(x.stride()) + " " + x.ordering());
        boolean single = x.dataType() == DataType.FLOAT;
        Pointer at = x.data().addressPointer(); // includes the array's offset into its buffer
        return new NativeMatrix(single, rows, cols, single ? new FloatPointer(at) : new DoublePointer(at), false);
    }

    public boolean single() {
        return single;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public double get(int i) {
        return single ? floats.get(i) : doubles.get(i);
    }

    public void set(int i, double v) {
        if (single) floats.put(i, (float) v);
        else doubles.put(i, v);
    }

    /** Copies {@code count} values from element {@code at} into {@code to} (from {@code toAt}), as doubles. */
    public void read(int at, double[] to, int toAt, int count) {
        live();
        if (!single) {
            doubles.get(at, to, toAt, count);
            return;
        }
        float[] f = NdBlas.staging(count);
        floats.get(at, f, 0, count);
        for (int i = 0; i < count; i++) to[toAt + i] = f[i];
    }

    /** Copies {@code count} values of {@code from} (from {@code fromAt}) into this matrix at element {@code at}. */
    public void write(int at, double[] from, int fromAt, int count) {
        live();
        if (!single) {
            doubles.put(at, from, fromAt, count);
            return;
        }
        float[] f = NdBlas.staging(count);
        for (int i = 0; i < count; i++) f[i] = (float) from[fromAt + i];
        floats.put(at, f, 0, count);
    }

    /** Sets every value to zero. */
    public void clear() {
        Pointer.memset(memory, 0, (long) rows * cols * (single ? 4 : 8));
    }

    /** Copies {@code count} values from {@code from} (at {@code fromAt}) into this (at {@code at}); same precision. */
    public void copy(int at, NativeMatrix from, int fromAt, int count) {
        live();
        from.live();
        if (from.single != single) throw new IllegalArgumentException("precisions differ");
        if (single) floats.put(at, from.floats, fromAt, count);
        else doubles.put(at, from.doubles, fromAt, count);
    }

    /**
     * c[cAt …] = alpha·op(a)·op(b) + beta·c, BLAS on the three matrices' memory: op(a) is [m, k] read from
     * {@code aAt} with row length {@code lda}, op(b) [k, n] likewise, c [m, n]. All of one precision.
     */
    public static void gemm(boolean ta, boolean tb, int m, int n, int k, double alpha, NativeMatrix a, int aAt, int lda,
                            NativeMatrix b, int bAt, int ldb, double beta, NativeMatrix c, int cAt, int ldc) {
        if (a.single != c.single || b.single != c.single) throw new IllegalArgumentException("precisions differ");
        a.live();
        b.live();
        c.live();
        int parts = smallPieces(m, n, k);
        if (parts > 1) {
            // each piece: all of op(a) times a band of op(b)'s columns, into the same band of c's columns
            int cols = n / parts;
            for (int p = 0; p < parts; p++) {
                call(ta, tb, m, cols, k, alpha, a, aAt, lda, b, bAt + p * cols * (tb ? ldb : 1), ldb, beta, c, cAt + p * cols, ldc);
            }
            return;
        }
        call(ta, tb, m, n, k, alpha, a, aAt, lda, b, bAt, ldb, beta, c, cAt, ldc);
    }

    /**
     * Into how many bands of columns a product is cut so that each runs on OpenBLAS's small-matrix kernel,
     * which multiplies without first copying both matrices into its blocked layout: 1 (not cut) unless
     * {@link #smallKernels} was set, the product is above that kernel's limit (10⁶ multiply-adds in
     * OpenBLAS 0.3.19) and at most 16 bands of at least 16 columns each bring it under. The recurrent
     * kernels' per-step products are of this size: the char-LSTM's 32×128·128×512 took 37 µs whole
     * and 27 µs in four bands with the SkylakeX kernel, against 61 and 65 µs with Haswell's, which has
     * no such kernel. Its weight gradients' pieces (83 and 128 × 224 · 224 × 512) gain too, in sixteen
     * bands: 142 → 114 and 182 → 157 µs. {@code -Dlayerlab.smallProducts.off=true} never cuts.
     */
    static int smallPieces(int m, int n, int k) {
        long work = (long) m * n * k;
        if (!smallKernels || work <= SMALL_KERNEL_LIMIT || Boolean.getBoolean(SMALL_OFF)) return 1;
        for (int parts = 2; parts <= 16 && n / parts >= 16; parts *= 2) {
            if (n % parts == 0 && work / parts <= SMALL_KERNEL_LIMIT) return parts;
        }
        return 1;
    }

    /** Products up to this many multiply-adds take OpenBLAS's small-matrix kernel, where it has one. */
    static final long SMALL_KERNEL_LIMIT = 1_000_000;
    static final String SMALL_OFF = "layerlab.smallProducts.off";
    private static volatile boolean smallKernels;

    /**
     * Says whether the loaded OpenBLAS runs a kernel with a small-matrix path (its SkylakeX kernel
     * does); the backend sets this once it knows which kernel was loaded.
     */
    public static void smallKernels(boolean available) {
        smallKernels = available;
    }

    private static void call(boolean ta, boolean tb, int m, int n, int k, double alpha, NativeMatrix a, int aAt, int lda,
                             NativeMatrix b, int bAt, int ldb, double beta, NativeMatrix c, int cAt, int ldc) {
        int opA = ta ? TRANS : NO_TRANS, opB = tb ? TRANS : NO_TRANS;
        if (c.single) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, opA, opB, m, n, k, (float) alpha, at(a, aAt), lda, at(b, bAt), ldb, (float) beta,
                    at(c, cAt), ldc);
        } else {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, opA, opB, m, n, k, alpha, atD(a, aAt), lda, atD(b, bAt), ldb, beta, atD(c, cAt), ldc);
        }
    }

    // Fresh pointer objects, since a and b may be the same matrix at different places; ones that own nothing,
    // since a copy of an owning pointer carries a proxy deallocator, a phantom reference for the collector to
    // process, and the recurrent kernels multiply hundreds of times a batch.

    private static FloatPointer at(NativeMatrix m, int i) {
        return new FloatAt(m.memory.address() + 4L * i);
    }

    private static DoublePointer atD(NativeMatrix m, int i) {
        return new DoubleAt(m.memory.address() + 8L * i);
    }

    private static final class FloatAt extends FloatPointer {
        FloatAt(long address) {
            this.address = address;
        }
    }

    private static final class DoubleAt extends DoublePointer {
        DoubleAt(long address) {
            this.address = address;
        }
    }

    /** Frees memory this matrix owns (once); a view frees nothing. {@link #reuse} replaces a closed matrix. */
    @Override
    public void close() {
        if (owner && !closed) memory.deallocate();
        closed = true;
    }

    /** Native bytes the matrices that are not null own and have not freed. */
    public static long bytes(NativeMatrix... matrices) {
        long n = 0;
        for (NativeMatrix m : matrices) if (m != null && m.owner && !m.closed) n += (long) m.rows * m.cols * (m.single ? 4 : 8);
        return n;
    }

    /** Fails for a matrix whose memory was freed: its buffers would read and write freed memory without a sign. */
    private void live() {
        if (closed) throw new IllegalStateException("a work array used after it was freed");
    }

    /** Closes each matrix that is not null. */
    public static void closeAll(NativeMatrix... matrices) {
        for (NativeMatrix m : matrices) if (m != null) m.close();
    }
}
