package org.layerlab.trainer.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's LSTM ("no peephole", sigmoid gates, tanh block input and cell output) as a time loop with one
 * BLAS product a step each way. DL4J keeps every weight matrix's and the bias's columns in four blocks
 * [block input a, forget f, output o, input gate g]; with z = x·Wx + h·Wr + b per step:
 * <pre>
 *   a = tanh(z_a)   f = σ(z_f)   o = σ(z_o)   g = σ(z_g)
 *   c' = f⊙c + g⊙a          h' = o⊙tanh(c')
 * </pre>
 * Rows are time-major: row t·batch + e is example e at step t. The time loops run in two parts of the batch
 * on two cores ({@link BatchParts}); each forward step makes its part's rows of x·Wx as well, with
 * OpenBLAS's small-matrix kernel; the weight and input gradients' products run after the backward loop, in
 * bands over the cores. Everything lives in {@link NativeMatrix}
 * work arrays in the layer's precision, kept from call to call: one kernel per layer object, one thread at a time.
 */
public final class LstmKernel implements WorkArrays {
    /** The arrays of a forward pass, and of the backward pass that follows it. */
    public static final class Trace extends SequenceTrace {
        /** Weights [nIn, 4u] and [u, 4u], the cell states c₀…c_T, tanh(c₁…c_T), activations [T·B, 4u]. */
        private NativeMatrix wx, wr, c, tanhC, acts;

        @Override
        protected void shape(boolean single, int steps, int batch, int inputs, int units) {
            super.shape(single, steps, batch, inputs, units);
            wx = NativeMatrix.reuse(wx, single, inputs, 4 * units);
            wr = NativeMatrix.reuse(wr, single, units, 4 * units);
            c = NativeMatrix.reuse(c, single, (steps + 1) * batch, units);
            tanhC = NativeMatrix.reuse(tanhC, single, steps * batch, units);
            acts = NativeMatrix.reuse(acts, single, steps * batch, 4 * units);
        }

        @Override
        public void release() {
            super.release();
            NativeMatrix.closeAll(wx, wr, c, tanhC, acts);
        }

        @Override
        public long bytes() {
            return super.bytes() + NativeMatrix.bytes(wx, wr, c, tanhC, acts);
        }

        /** Writes h_T, the last step's output, into a C-order [B, u] array. */
        public void lastOutputInto(INDArray out) {
            NativeMatrix.view(out, batch, units).copy(0, h, steps * batch * units, batch * units);
        }

        /** Writes c_T, the last step's cell state, into a C-order [B, u] array. */
        public void lastCellInto(INDArray out) {
            NativeMatrix.view(out, batch, units).copy(0, c, steps * batch * units, batch * units);
        }
    }

    private final Trace training = new Trace(), other = new Trace();
    private NativeMatrix eps, dz, back, dx, gWx, gWr;

    /** Native bytes of the work arrays, both traces' included. */
    public long workBytes() {
        return training.bytes() + other.bytes() + NativeMatrix.bytes(eps, dz, back, dx, gWx, gWr);
    }

    /** Frees every work array, both traces' too; a trace from before must not be used for a backward pass after this. */
    @Override
    public void releaseWork() {
        training.release();
        other.release();
        NativeMatrix.closeAll(eps, dz, back, dx, gWx, gWr);
    }

    /**
     * A forward pass over a C-order [B, nIn, T] input of the weights' type.
     * @param keep  true for a training pass whose backward follows: it gets its own arrays, which a forward
     *              pass in between (inference) does not overwrite
     * @param wx    [nIn, 4u], {@code wr} [u, 4u], {@code bias} 4u values
     * @param h0    the output before the first step [B, u] (row-major), or null for zeros; {@code c0} likewise the cell state
     * @return the trace, valid until the next pass with the same {@code keep}
     */
    public Trace forward(boolean keep, INDArray input, INDArray wx, INDArray wr, double[] bias, double[] h0, double[] c0) {
        Trace tr = keep ? training : other;
        int b = (int) input.size(0), nIn = (int) input.size(1), n = (int) input.size(2), u = (int) wr.size(0), w4 = 4 * u;
        boolean single = input.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT;
        tr.shape(single, n, b, nIn, u);
        Sequences.load(tr.wx, wx);
        Sequences.load(tr.wr, wr);
        Sequences.toTimeMajor(input, tr.x, n, b, nIn);
        long values = (long) n * b * w4;
        int parts = BatchParts.of(b, values);
        BatchParts.examples(parts, b, values, (e0, e1) -> steps(tr, single, bias, h0, c0, e0, e1));
        return tr;
    }

    /** The forward time loop of examples [e0, e1). */
    private static void steps(Trace tr, boolean single, double[] bias, double[] h0, double[] c0, int e0, int e1) {
        int n = tr.steps, b = tr.batch, u = tr.units, w4 = 4 * u, m = e1 - e0, nIn = tr.inputs;
        NativeMatrix z = tr.acts, h = tr.h, c = tr.c, tc = tr.tanhC;
        double[] pre = new double[m * w4], cell = new double[m * u], tanhCell = new double[m * u], out = new double[m * u];
        // the cell state stays in `cell` from step to step, in double precision (the stored copy, which the
        // backward pass reads, is in the layer's); h is read by the product straight from its rows
        if (h0 != null) h.write(e0 * u, h0, e0 * u, m * u);
        else h.write(e0 * u, out, 0, m * u);
        if (c0 != null) System.arraycopy(c0, e0 * u, cell, 0, m * u);
        c.write(e0 * u, cell, 0, m * u);
        for (int s = 0; s < n; s++) {
            int zAt = (s * b + e0) * w4, at = (s * b + e0) * u;
            // this step's rows of z = x·Wx + h·Wr; then z becomes the activations in place
            NativeMatrix.gemm(false, false, m, w4, nIn, 1, tr.x, (s * b + e0) * nIn, nIn, tr.wx, 0, w4, 0, z, zAt, w4);
            NativeMatrix.gemm(false, false, m, w4, u, 1, h, at, u, tr.wr, 0, w4, 1, z, zAt, w4);
            z.read(zAt, pre, 0, m * w4);
            for (int e = 0; e < m; e++) {
                int r = e * w4;
                for (int j = 0; j < w4; j++) pre[r + j] += bias[j];
                VectorMath.tanh(pre, r, r + u, single);
                VectorMath.sigmoid(pre, r + u, r + w4, single);
                // c' = f⊙c + g⊙a
                for (int j = 0; j < u; j++) cell[e * u + j] = pre[r + u + j] * cell[e * u + j] + pre[r + 3 * u + j] * pre[r + j];
            }
            System.arraycopy(cell, 0, tanhCell, 0, m * u);
            VectorMath.tanh(tanhCell, 0, m * u, single);
            for (int e = 0; e < m; e++) {
                int r = e * w4 + 2 * u;
                for (int j = 0; j < u; j++) out[e * u + j] = pre[r + j] * tanhCell[e * u + j]; // h' = o⊙tanh(c')
            }
            z.write(zAt, pre, 0, m * w4);
            c.write(at + b * u, cell, 0, m * u);
            tc.write(at, tanhCell, 0, m * u);
            h.write(at + b * u, out, 0, m * u);
        }
    }

    /**
     * Backpropagation through the whole sequence of a trace; the initial states are held constant. Writes
     * the weight gradients [nIn, 4u] and [u, 4u], the bias gradient and the input gradient (C-order
     * [B, nIn, T]; null to skip it) into the given arrays.
     * @param epsilon the gradient reaching each step's output, [B, u, T]
     */
    public void backward(Trace tr, INDArray epsilon, INDArray inputWeightGrad, INDArray recurrentWeightGrad, INDArray biasGrad,
                         INDArray inputGrad) {
        int n = tr.steps, b = tr.batch, u = tr.units, w4 = 4 * u, nIn = tr.inputs, rows = n * b;
        boolean single = tr.single;
        eps = NativeMatrix.reuse(eps, single, rows, u);
        dz = NativeMatrix.reuse(dz, single, rows, w4);
        back = NativeMatrix.reuse(back, single, b, u);
        if (inputGrad != null) dx = NativeMatrix.reuse(dx, single, rows, nIn);
        gWx = NativeMatrix.reuse(gWx, single, nIn, w4);
        gWr = NativeMatrix.reuse(gWr, single, u, w4);
        Sequences.toTimeMajor(epsilon, eps, n, b, u);
        long values = (long) rows * w4;
        int parts = BatchParts.of(b, values);
        double[] gB = BatchParts.summed(parts, b, values, (e0, e1) -> steps(tr, e0, e1));
        // then the products over all steps, the cores taking bands of gate columns (and of the input gradient's rows)
        NativeMatrix x = tr.x, h = tr.h, wx = tr.wx, dz = this.dz, gWx = this.gWx, gWr = this.gWr, dx = this.dx;
        BatchParts.run(parts, values, p -> {
            int from = w4 * p / parts, cols = w4 * (p + 1) / parts - from;
            NativeMatrix.gemm(true, false, nIn, cols, rows, 1, x, 0, nIn, dz, from, w4, 0, gWx, from, w4);
            NativeMatrix.gemm(true, false, u, cols, rows, 1, h, 0, u, dz, from, w4, 0, gWr, from, w4);
            if (inputGrad != null) {
                int r0 = rows * p / parts, count = rows * (p + 1) / parts - r0;
                NativeMatrix.gemm(false, true, count, nIn, w4, 1, dz, r0 * w4, w4, wx, 0, w4, 0, dx, r0 * nIn, nIn);
            }
        });
        Sequences.store(gWx, inputWeightGrad);
        Sequences.store(gWr, recurrentWeightGrad);
        NdBlas.store(biasGrad, gB);
        if (inputGrad != null) Sequences.fromTimeMajor(dx, 0, n, b, nIn, inputGrad);
    }

    /** The backward time loop of examples [e0, e1): writes their rows of dz; returns their part of the bias gradient. */
    private double[] steps(Trace tr, int e0, int e1) {
        int n = tr.steps, b = tr.batch, u = tr.units, w4 = 4 * u, m = e1 - e0;
        NativeMatrix c = tr.c, tc = tr.tanhC, acts = tr.acts, dz = this.dz, back = this.back, eps = this.eps;
        double[] dc = new double[m * u], dh = new double[m * u], a = new double[m * w4], d = new double[m * w4];
        double[] cPrev = new double[m * u], t = new double[m * u], e = new double[m * u], gB = new double[w4];
        for (int s = n - 1; s >= 0; s--) {
            int zAt = (s * b + e0) * w4, at = (s * b + e0) * u;
            acts.read(zAt, a, 0, m * w4);
            c.read(at, cPrev, 0, m * u);
            tc.read(at, t, 0, m * u);
            eps.read(at, e, 0, m * u);
            for (int k = 0; k < m; k++) {
                int r = k * w4, q = k * u;
                for (int j = 0; j < u; j++) {
                    double ga = a[r + j], f = a[r + u + j], o = a[r + 2 * u + j], g = a[r + 3 * u + j], tj = t[q + j];
                    double dhj = dh[q + j] + e[q + j];
                    double dcj = dc[q + j] + dhj * o * (1 - tj * tj);
                    d[r + j] = dcj * g * (1 - ga * ga);
                    d[r + u + j] = dcj * cPrev[q + j] * f * (1 - f);
                    d[r + 2 * u + j] = dhj * tj * o * (1 - o);
                    d[r + 3 * u + j] = dcj * ga * g * (1 - g);
                    dc[q + j] = dcj * f;
                }
            }
            for (int k = 0; k < m; k++) for (int j = 0; j < w4; j++) gB[j] += d[k * w4 + j];
            dz.write(zAt, d, 0, m * w4);
            // the gradient reaching the previous step's output: this step's dz · Wrᵀ, into these examples' rows
            NativeMatrix.gemm(false, true, m, u, w4, 1, dz, zAt, w4, tr.wr, 0, w4, 0, back, e0 * u, u);
            back.read(e0 * u, dh, 0, m * u);
        }
        return gB;
    }
}
