package org.layerlab.trainer.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU's forward pass and backpropagation through time with tanh candidates, in plain Java arrays
 * and direct calls to the BLAS ND4J bundles. Per step: two small matrix products forward (h·[Uz Ur] and
 * (r⊙h)·Un) and two backward (d(rh)·Unᵀ and the gates' share of dh·[Uz Ur]ᵀ); the products over all
 * steps at once (input weights, weight gradients, input gradient) are one call each.
 *
 * <p>Why not ND4J operations: the general path ({@link GruImpl}) issues about fifteen a step, and each
 * costs far more than its arithmetic here — measured in-process, ND4J's matrix product op takes ≈ 40 µs
 * for a 32×64·64×128 product that BLAS does in ≈ 10 µs, and even a type cast of 300k values ≈ 1.3 ms.
 * A 50-step batch took ≈ 86 ms; ND4J arrays are now touched only at the layer's edges (one copy in,
 * one out).
 *
 * <p>Same equations and parameter layout as {@link GruLayer}. The loop computes in double precision for
 * FLOAT and DOUBLE layers alike; arrays are [time, batch, …], row-major.
 */
final class GruKernel {
    private GruKernel() {}

    /** Whether the kernel covers a layer with this candidate activation and data type. */
    static boolean covers(IActivation candidate, DataType t) {
        return candidate instanceof ActivationTanH && (t == DataType.FLOAT || t == DataType.DOUBLE);
    }

    /**
     * What a forward pass leaves for the backward pass: the flattened input [time·batch, nIn], the states
     * h₀…h_T, the gates z|r, the candidates and r⊙h, and the states as an array of the layer's type.
     */
    record Trace(double[] x, int steps, int batch, int inputs, int units, double[] h, double[] gates, double[] candidates,
                 double[] resetState, INDArray states) {}

    /**
     * @param x       [time·batch, nIn] C order (time-major rows), the layer's type
     * @param initial the state before the first step [batch, u], or null for zeros
     * @param w       input weights [nIn, 3u]; {@code rw} recurrent weights [u, 3u]; {@code bias} [1, 3u]
     */
    static Trace forward(INDArray x, int steps, int batch, INDArray initial, INDArray w, INDArray rw, INDArray bias) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int u = (int) rw.size(0), b = batch, n = steps, nIn = (int) w.size(0);
            double[] xs = read(x), bs = read(bias);
            double[] pre = Blas.times(xs, 0, nIn, false, read(w), 0, 3 * u, false, n * b, 3 * u, nIn); // [T·B, 3u]
            for (int row = 0; row < n * b; row++) for (int j = 0; j < 3 * u; j++) pre[row * 3 * u + j] += bs[j];
            double[] h = new double[(n + 1) * b * u], g = new double[n * b * 2 * u], c = new double[n * b * u], rh = new double[n * b * u];
            if (initial != null) System.arraycopy(read(initial), 0, h, 0, b * u);
            double[] rws = read(rw), hu = new double[b * 2 * u], rhu = new double[b * u];
            try (Blas.Step gatesOf = new Blas.Step(b, u, Blas.columns(rws, u, 3 * u, 0, 2 * u), 2 * u);
                 Blas.Step candOf = new Blas.Step(b, u, Blas.columns(rws, u, 3 * u, 2 * u, 3 * u), u)) {
                for (int s = 0; s < n; s++) {
                    gatesOf.times(h, s * b * u, hu);
                    for (int e = 0; e < b; e++) {
                        int row = s * b + e, pr = row * 3 * u, gr = row * 2 * u, hr = row * u, ur = e * 2 * u;
                        for (int j = 0; j < 2 * u; j++) g[gr + j] = sigmoid(pre[pr + j] + hu[ur + j]);
                        for (int j = 0; j < u; j++) rh[hr + j] = g[gr + u + j] * h[hr + j];
                    }
                    candOf.times(rh, s * b * u, rhu);
                    for (int e = 0; e < b; e++) {
                        int row = s * b + e, pr = row * 3 * u + 2 * u, gr = row * 2 * u, hr = row * u, next = hr + b * u, ur = e * u;
                        for (int j = 0; j < u; j++) {
                            double cand = tanh(pre[pr + j] + rhu[ur + j]);
                            c[hr + j] = cand;
                            h[next + j] = cand + g[gr + j] * (h[hr + j] - cand);
                        }
                    }
                }
            }
            return new Trace(xs, n, b, nIn, u, h, g, c, rh, write(h, x.dataType(), n + 1, b, u));
        }
    }

    /**
     * Writes the gradients of W, RW and b into their views and returns the input's, [time·batch, nIn].
     * @param eps the gradient reaching each step's output, [time, batch, u] (masked steps already zeroed)
     */
    static INDArray backward(Trace tr, INDArray eps, INDArray w, INDArray rw, INDArray gW, INDArray gRW, INDArray gB) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int n = tr.steps(), b = tr.batch(), u = tr.units(), nIn = tr.inputs(), rows = n * b;
            double[] h = tr.h(), g = tr.gates(), c = tr.candidates(), e = read(eps), rws = read(rw);
            double[] da = new double[rows * 3 * u]; // gradients of the pre-activations z | r | n, per row
            double[] dh = new double[b * u], dRh = new double[b * u], fromGates = new double[b * u];
            try (Blas.Step viaCand = new Blas.Step(b, u, Blas.transpose(Blas.columns(rws, u, 3 * u, 2 * u, 3 * u), u, u), u);
                 Blas.Step viaGates = new Blas.Step(b, 2 * u, Blas.transpose(Blas.columns(rws, u, 3 * u, 0, 2 * u), u, 2 * u), u)) {
                double[] dn = new double[b * u], dzr = new double[b * 2 * u];
                for (int s = n - 1; s >= 0; s--) {
                    for (int k = 0; k < b; k++) {
                        int row = s * b + k, hr = row * u, gr = row * 2 * u, ar = row * 3 * u, dr = k * u;
                        for (int j = 0; j < u; j++) {
                            double dhj = dh[dr + j] + e[hr + j], z = g[gr + j], cand = c[hr + j];
                            dh[dr + j] = dhj;
                            double daz = dhj * (h[hr + j] - cand) * z * (1 - z), dan = dhj * (1 - z) * (1 - cand * cand);
                            da[ar + j] = daz;
                            da[ar + 2 * u + j] = dan;
                            dzr[k * 2 * u + j] = daz;
                            dn[dr + j] = dan;
                        }
                    }
                    viaCand.times(dn, 0, dRh);
                    for (int k = 0; k < b; k++) {
                        int row = s * b + k, hr = row * u, gr = row * 2 * u, ar = row * 3 * u, dr = k * u;
                        for (int j = 0; j < u; j++) {
                            double r = g[gr + u + j], dar = dRh[dr + j] * h[hr + j] * r * (1 - r);
                            da[ar + u + j] = dar;
                            dzr[k * 2 * u + u + j] = dar;
                        }
                    }
                    viaGates.times(dzr, 0, fromGates);
                    for (int k = 0; k < b; k++) {
                        int gr = (s * b + k) * 2 * u, dr = k * u;
                        for (int j = 0; j < u; j++) {
                            dh[dr + j] = dh[dr + j] * g[gr + j] + dRh[dr + j] * g[gr + u + j] + fromGates[dr + j];
                        }
                    }
                }
            }
            DataType t = gW.dataType();
            // W: xᵀ·da; RW: h₀…h_{T-1}ᵀ·da[z|r] and (r⊙h)ᵀ·da[n]; b: column sums; input: da·Wᵀ
            gW.assign(write(Blas.times(tr.x(), 0, nIn, true, da, 0, 3 * u, false, nIn, 3 * u, rows), t, nIn, 3 * u));
            double[] rwGrad = new double[u * 3 * u];
            Blas.into(Blas.times(h, 0, u, true, da, 0, 3 * u, false, u, 2 * u, rows), rwGrad, u, 2 * u, 3 * u, 0);
            Blas.into(Blas.times(tr.resetState(), 0, u, true, da, 2 * u, 3 * u, false, u, u, rows), rwGrad, u, u, 3 * u, 2 * u);
            gRW.assign(write(rwGrad, t, u, 3 * u));
            double[] bGrad = new double[3 * u];
            for (int row = 0; row < rows; row++) for (int j = 0; j < 3 * u; j++) bGrad[j] += da[row * 3 * u + j];
            gB.assign(write(bGrad, t, gB.shape()));
            return write(Blas.times(da, 0, 3 * u, false, read(w), 0, 3 * u, true, rows, nIn, 3 * u), t, rows, nIn);
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** tanh through the exponential (an intrinsic; Math.tanh is not): exact at the limits, 1e-16 near 0. */
    private static double tanh(double v) {
        return 1 - 2 / (Math.exp(2 * v) + 1);
    }

    /** An array's values, row-major, as doubles; one native copy when the array is already plain C order. */
    static double[] read(INDArray a) {
        INDArray c = a.ordering() == 'c' && a.offset() == 0 && a.data().length() == a.length() && !a.isView() ? a : a.dup('c');
        int len = (int) c.length();
        double[] out = new double[len];
        if (c.dataType() == DataType.DOUBLE) {
            new DoublePointer(c.data().addressPointer()).get(out);
        } else if (c.dataType() == DataType.FLOAT) {
            float[] f = new float[len];
            new FloatPointer(c.data().addressPointer()).get(f);
            for (int i = 0; i < len; i++) out[i] = f[i];
        } else {
            return read(c.castTo(DataType.DOUBLE));
        }
        return out;
    }

    /** Row-major doubles as a new array of the given type (FLOAT or DOUBLE) and shape. */
    static INDArray write(double[] v, DataType t, long... shape) {
        INDArray out = Nd4j.createUninitialized(t, shape, 'c');
        if (t == DataType.DOUBLE) {
            new DoublePointer(out.data().addressPointer()).put(v);
        } else {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
            new FloatPointer(out.data().addressPointer()).put(f);
        }
        return out;
    }

    /** Matrix products on row-major double arrays through BLAS. */
    static final class Blas {
        private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;

        private Blas() {}

        /**
         * op(a)·op(b) → a new [m, n] array; op transposes when asked. a and b start at the given offsets
         * with the given row lengths (leading dimensions), so a block of columns can be used in place.
         */
        static double[] times(double[] a, int aAt, int lda, boolean ta, double[] b, int bAt, int ldb, boolean tb, int m, int n, int k) {
            DoublePointer pa = new DoublePointer(a), pb = new DoublePointer(b), pc = new DoublePointer((long) m * n);
            try {
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, ta ? TRANS : NO_TRANS, tb ? TRANS : NO_TRANS, m, n, k, 1.0,
                        pa.position(aAt), lda, pb.position(bAt), ldb, 0.0, pc, n);
                double[] out = new double[m * n];
                pc.get(out);
                return out;
            } finally {
                pa.deallocate();
                pb.deallocate();
                pc.deallocate();
            }
        }

        /** Columns [from, to) of a row-major [rows, width] matrix. */
        static double[] columns(double[] m, int rows, int width, int from, int to) {
            int w = to - from;
            double[] out = new double[rows * w];
            for (int r = 0; r < rows; r++) System.arraycopy(m, r * width + from, out, r * w, w);
            return out;
        }

        /** The transpose of a row-major [rows, cols] matrix. */
        static double[] transpose(double[] m, int rows, int cols) {
            double[] out = new double[rows * cols];
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
            return out;
        }

        /** Writes a row-major [rows, cols] block into columns [at, at + cols) of a [rows, width] matrix. */
        static void into(double[] block, double[] m, int rows, int cols, int width, int at) {
            for (int r = 0; r < rows; r++) System.arraycopy(block, r * cols, m, r * width + at, cols);
        }

        /** Native buffers for one repeated small product: in [m, k] · weights [k, n] → out [m, n]. */
        static final class Step implements AutoCloseable {
            private final DoublePointer a, b, c;
            private final int m, k, n;

            Step(int m, int k, double[] weights, int n) {
                this.m = m;
                this.k = k;
                this.n = n;
                a = new DoublePointer((long) m * k);
                b = new DoublePointer(weights);
                c = new DoublePointer((long) m * n);
            }

            /** out[0 … m·n) = in[from … from + m·k) · weights. */
            void times(double[] in, int from, double[] out) {
                a.position(0).put(in, from, m * k);
                openblas_nolapack.cblas_dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
                c.position(0).get(out, 0, m * n);
            }

            @Override
            public void close() {
                a.deallocate();
                b.deallocate();
                c.deallocate();
            }
        }
    }
}
