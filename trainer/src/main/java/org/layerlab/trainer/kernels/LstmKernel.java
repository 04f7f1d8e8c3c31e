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
 * Rows are time-major: row t·batch + e is example e at step t. The products over all steps (input weights,
 * weight gradients, input gradient) are a few BLAS calls over pieces of steps, run beside the loop
 * ({@link SideWork}). Everything lives in {@link NativeMatrix}
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
        NativeMatrix z = tr.acts;
        // x·Wx for all steps, in pieces: the first here, the rest beside the loop, each awaited at its first step
        int per = SideWork.stepsPerPiece(n, (long) n * b * w4 * nIn);
        SideWork.Piece[] pieces = new SideWork.Piece[(n + per - 1) / per];
        return SideWork.thenAwait(pieces, () -> {
            for (int p = 0; p < pieces.length; p++) {
                int from = p * per, count = Math.min(n, from + per) - from;
                Runnable product = () -> NativeMatrix.gemm(false, false, count * b, w4, nIn, 1, tr.x, from * b * nIn, nIn, tr.wx, 0, w4,
                        0, z, from * b * w4, w4);
                if (p == 0) product.run();
                else pieces[p] = SideWork.start(product);
            }
            steps(tr, single, bias, h0, c0, pieces, per);
            return tr;
        });
    }

    /** The forward time loop; step s first waits for the piece of x·Wx that holds it. */
    private static void steps(Trace tr, boolean single, double[] bias, double[] h0, double[] c0, SideWork.Piece[] pieces, int per) {
        int n = tr.steps, b = tr.batch, u = tr.units, w4 = 4 * u;
        NativeMatrix z = tr.acts, h = tr.h, c = tr.c, tc = tr.tanhC;
        h.write(0, h0 == null ? new double[b * u] : h0, 0, b * u);
        c.write(0, c0 == null ? new double[b * u] : c0, 0, b * u);
        double[] pre = new double[b * w4], cell = new double[b * u], tanhCell = new double[b * u], out = new double[b * u];
        for (int s = 0; s < n; s++) {
            if (s % per == 0 && pieces[s / per] != null) pieces[s / per].await();
            // this step's rows of z gain h·Wr; then z becomes the activations in place
            NativeMatrix.gemm(false, false, b, w4, u, 1, h, s * b * u, u, tr.wr, 0, w4, 1, z, s * b * w4, w4);
            z.read(s * b * w4, pre, 0, b * w4);
            c.read(s * b * u, cell, 0, b * u);
            for (int e = 0; e < b; e++) {
                int r = e * w4;
                for (int j = 0; j < w4; j++) pre[r + j] += bias[j];
                VectorMath.tanh(pre, r, r + u, single);
                VectorMath.sigmoid(pre, r + u, r + w4, single);
                // c' = f⊙c + g⊙a
                for (int j = 0; j < u; j++) cell[e * u + j] = pre[r + u + j] * cell[e * u + j] + pre[r + 3 * u + j] * pre[r + j];
            }
            System.arraycopy(cell, 0, tanhCell, 0, b * u);
            VectorMath.tanh(tanhCell, 0, b * u, single);
            for (int e = 0; e < b; e++) {
                int r = e * w4 + 2 * u;
                for (int j = 0; j < u; j++) out[e * u + j] = pre[r + j] * tanhCell[e * u + j]; // h' = o⊙tanh(c')
            }
            z.write(s * b * w4, pre, 0, b * w4);
            c.write((s + 1) * b * u, cell, 0, b * u);
            tc.write(s * b * u, tanhCell, 0, b * u);
            h.write((s + 1) * b * u, out, 0, b * u);
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
        // the weight gradients (and the input gradient) over each piece of steps start beside the loop once
        // the loop has passed the piece's first step; pieces add up in the loop's order, last steps first
        int per = SideWork.stepsPerPiece(n, (long) n * b * w4 * (nIn + u));
        SideWork.Piece[] pieces = new SideWork.Piece[(n + per - 1) / per];
        double[] gB = SideWork.thenAwait(pieces, () -> steps(tr, pieces, per, inputGrad != null));
        Sequences.store(gWx, inputWeightGrad);
        Sequences.store(gWr, recurrentWeightGrad);
        NdBlas.store(biasGrad, gB);
        if (inputGrad != null) Sequences.fromTimeMajor(dx, 0, n, b, nIn, inputGrad);
    }

    /** The backward time loop; returns the bias gradient. */
    private double[] steps(Trace tr, SideWork.Piece[] pieces, int per, boolean inputGrad) {
        int n = tr.steps, b = tr.batch, u = tr.units, w4 = 4 * u, nIn = tr.inputs;
        NativeMatrix c = tr.c, tc = tr.tanhC, acts = tr.acts, dz = this.dz, back = this.back, gWx = this.gWx, gWr = this.gWr, dx = this.dx;
        double[] dc = new double[b * u], dh = new double[b * u], a = new double[b * w4], d = new double[b * w4];
        double[] cPrev = new double[b * u], t = new double[b * u], e = new double[b * u], gB = new double[w4];
        for (int s = n - 1; s >= 0; s--) {
            acts.read(s * b * w4, a, 0, b * w4);
            c.read(s * b * u, cPrev, 0, b * u);
            tc.read(s * b * u, t, 0, b * u);
            eps.read(s * b * u, e, 0, b * u);
            for (int k = 0; k < b; k++) {
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
            for (int k = 0; k < b; k++) for (int j = 0; j < w4; j++) gB[j] += d[k * w4 + j];
            dz.write(s * b * w4, d, 0, b * w4);
            // the gradient reaching the previous step's output: this step's dz · Wrᵀ
            NativeMatrix.gemm(false, true, b, u, w4, 1, dz, s * b * w4, w4, tr.wr, 0, w4, 0, back, 0, u);
            back.read(0, dh, 0, b * u);
            if (s % per == 0) {
                int from = s, rows = (Math.min(n, s + per) - s) * b;
                double beta = s + per >= n ? 0 : 1; // the first piece started (the last steps) sets, the rest add
                pieces[s / per] = SideWork.start(() -> {
                    NativeMatrix.gemm(true, false, nIn, w4, rows, 1, tr.x, from * b * nIn, nIn, dz, from * b * w4, w4, beta, gWx, 0, w4);
                    NativeMatrix.gemm(true, false, u, w4, rows, 1, tr.h, from * b * u, u, dz, from * b * w4, w4, beta, gWr, 0, w4);
                    if (inputGrad)
                        NativeMatrix.gemm(false, true, rows, nIn, w4, 1, dz, from * b * w4, w4, tr.wx, 0, w4, 0, dx, from * b * nIn, nIn);
                });
            }
        }
        return gB;
    }
}
