package org.layerlab.trainer.layers;

import org.layerlab.trainer.kernels.BatchParts;
import org.layerlab.trainer.kernels.NativeMatrix;
import org.layerlab.trainer.kernels.NdBlas;
import org.layerlab.trainer.kernels.SequenceTrace;
import org.layerlab.trainer.kernels.Sequences;
import org.layerlab.trainer.kernels.VectorMath;
import org.layerlab.trainer.kernels.WorkArrays;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU's forward pass and backpropagation through time with tanh candidates, as a time loop over
 * {@link NativeMatrix} work arrays in the layer's precision with direct BLAS calls. Per step: two small
 * products forward (h·[Uz Ur] and (r⊙h)·Un) and two backward (d(rh)·Unᵀ and the gates' share of
 * dh·[Uz Ur]ᵀ), plus each step's rows of x·W. The loops run in two parts of the batch on two cores
 * ({@link BatchParts}); the weight and input gradients' products run after the backward loop, in bands
 * over the cores. The general path ({@link GruImpl}) issues about fifteen ND4J operations a step, each
 * costing far more than its arithmetic; a 50-step batch took ≈ 86 ms.
 *
 * <p>Same equations and parameter layout as {@link GruLayer}. Rows are time-major: row t·batch + e is
 * example e at step t. One kernel per layer object, one thread at a time: the work arrays are kept.
 */
final class GruKernel implements WorkArrays {
    /** Whether the kernel covers a layer with this candidate activation and data type. */
    static boolean covers(IActivation candidate, DataType t) {
        return candidate instanceof ActivationTanH && (t == DataType.FLOAT || t == DataType.DOUBLE);
    }

    /**
     * What a forward pass leaves for the backward pass: the input rows [T·B, nIn], the weights, the states
     * h₀…h_T, the activations [T·B, 3u] (gates z | r, then the candidates n), r⊙h, and the states as an
     * array of the layer's type [T+1, B, u].
     */
    static final class Trace extends SequenceTrace {
        /** Weights [nIn, 3u] and [u, 3u], activations [T·B, 3u] (z | r, then n), r⊙h [T·B, u]. */
        private NativeMatrix w, rw, acts, resetState;
        private INDArray states;

        @Override
        protected void shape(boolean single, int steps, int batch, int inputs, int units) {
            super.shape(single, steps, batch, inputs, units);
            w = NativeMatrix.reuse(w, single, inputs, 3 * units);
            rw = NativeMatrix.reuse(rw, single, units, 3 * units);
            acts = NativeMatrix.reuse(acts, single, steps * batch, 3 * units);
            resetState = NativeMatrix.reuse(resetState, single, steps * batch, units);
        }

        @Override
        public void release() {
            super.release();
            NativeMatrix.closeAll(w, rw, acts, resetState);
        }

        /** The states h₀…h_T as an array of the layer's type [T+1, B, u]. */
        INDArray states() {
            return states;
        }
    }

    private final Trace training = new Trace(), other = new Trace();
    private NativeMatrix eps, da, gW, gRW, dx, stepRh, stepGates;

    /** Frees every work array, both traces' too; a trace from before must not be used for a backward pass after this. */
    @Override
    public void releaseWork() {
        training.release();
        other.release();
        NativeMatrix.closeAll(eps, da, gW, gRW, dx, stepRh, stepGates);
    }
    private INDArray inputGrad;

    /**
     * @param keep    true for a training pass whose backward follows: it has its own arrays, which a pass in between does not overwrite
     * @param x       the input sequence [batch, nIn, time], the layer's type
     * @param initial the state before the first step [batch, u], or null for zeros
     * @param w       input weights [nIn, 3u]; {@code rw} recurrent weights [u, 3u]; {@code bias} [1, 3u]
     */
    Trace forward(boolean keep, INDArray x, INDArray initial, INDArray w, INDArray rw, INDArray bias) {
        Trace tr = keep ? training : other;
        int u = (int) rw.size(0), b = (int) x.size(0), n = (int) x.size(2), nIn = (int) w.size(0), w3 = 3 * u;
        boolean single = x.dataType() == DataType.FLOAT;
        tr.shape(single, n, b, nIn, u);
        Sequences.toTimeMajor(x, tr.inputRows(), n, b, nIn);
        Sequences.load(tr.w, w);
        Sequences.load(tr.rw, rw);
        double[] bs = NdBlas.read(bias, null);
        double[] h0 = initial == null ? new double[b * u] : NdBlas.read(initial, null);
        long values = (long) n * b * w3;
        int parts = BatchParts.of(b, values);
        BatchParts.examples(parts, b, values, (e0, e1) -> steps(tr, h0, bs, e0, e1));
        tr.states = reuse(tr.states, x.dataType(), n + 1, b, u);
        Sequences.store(tr.stateRows(), tr.states);
        return tr;
    }

    /** The forward time loop of examples [e0, e1). */
    private static void steps(Trace tr, double[] h0, double[] bs, int e0, int e1) {
        int n = tr.steps(), b = tr.batch(), u = tr.units(), w3 = 3 * u, nIn = tr.inputs(), m = e1 - e0;
        boolean single = tr.single();
        NativeMatrix pre = tr.acts, h = tr.stateRows(), rh = tr.resetState;
        h.write(e0 * u, h0, e0 * u, m * u);
        double[] p = new double[m * w3], hs = new double[m * u], rhs = new double[m * u], next = new double[m * u];
        for (int s = 0; s < n; s++) {
            int at = (s * b + e0) * w3, hAt = (s * b + e0) * u;
            // x·W for these rows, then z | r = σ(x·W + h·[Uz Ur] + b)
            NativeMatrix.gemm(false, false, m, w3, nIn, 1, tr.inputRows(), (s * b + e0) * nIn, nIn, tr.w, 0, w3, 0, pre, at, w3);
            NativeMatrix.gemm(false, false, m, 2 * u, u, 1, h, hAt, u, tr.rw, 0, w3, 1, pre, at, w3);
            pre.read(at, p, 0, m * w3);
            h.read(hAt, hs, 0, m * u);
            for (int e = 0; e < m; e++) {
                int r = e * w3;
                for (int j = 0; j < w3; j++) p[r + j] += bs[j];
                VectorMath.sigmoid(p, r, r + 2 * u, single);
                for (int j = 0; j < u; j++) rhs[e * u + j] = p[r + u + j] * hs[e * u + j];
            }
            rh.write(hAt, rhs, 0, m * u);
            pre.write(at, p, 0, m * w3); // the candidates' columns still hold x·Wn + bn
            // n = tanh(x·Wn + bn + (r⊙h)·Un)
            NativeMatrix.gemm(false, false, m, u, u, 1, rh, hAt, u, tr.rw, 2 * u, w3, 1, pre, at + 2 * u, w3);
            pre.read(at, p, 0, m * w3);
            for (int e = 0; e < m; e++) {
                int r = e * w3 + 2 * u;
                VectorMath.tanh(p, r, r + u, single);
                for (int j = 0; j < u; j++) { // h' = n + z⊙(h − n)
                    double cand = p[r + j];
                    next[e * u + j] = cand + p[e * w3 + j] * (hs[e * u + j] - cand);
                }
            }
            pre.write(at, p, 0, m * w3);
            h.write(hAt + b * u, next, 0, m * u);
        }
    }

    /**
     * Writes the gradients of W, RW and b into their views and returns the input's, [batch, nIn, time]
     * (this kernel's array, overwritten by the next call: the caller copies it).
     * @param epsilon the gradient reaching each step's output, [batch, u, time] (masked steps already zeroed)
     */
    INDArray backward(Trace tr, INDArray epsilon, INDArray gradW, INDArray gradRW, INDArray gradB) {
        int n = tr.steps(), b = tr.batch(), u = tr.units(), nIn = tr.inputs(), rows = n * b, w3 = 3 * u;
        boolean single = tr.single();
        eps = NativeMatrix.reuse(eps, single, rows, u);
        da = NativeMatrix.reuse(da, single, rows, w3); // gradients of the pre-activations z | r | n, per row
        gW = NativeMatrix.reuse(gW, single, nIn, w3);
        gRW = NativeMatrix.reuse(gRW, single, u, w3);
        dx = NativeMatrix.reuse(dx, single, rows, nIn);
        stepRh = NativeMatrix.reuse(stepRh, single, b, u);
        stepGates = NativeMatrix.reuse(stepGates, single, b, u);
        Sequences.toTimeMajor(epsilon, eps, n, b, u);
        long values = (long) rows * w3;
        int parts = BatchParts.of(b, values);
        double[] bGrad = BatchParts.summed(parts, b, values, (e0, e1) -> steps(tr, e0, e1));
        // then the products over all steps, the cores taking bands of gate columns (and of the input gradient's rows)
        BatchParts.run(parts, values, p -> weightAndInputGradients(tr, w3 * p / parts, w3 * (p + 1) / parts, rows * p / parts,
                rows * (p + 1) / parts));
        Sequences.store(gW, gradW);
        Sequences.store(gRW, gradRW);
        NdBlas.store(gradB, bGrad);
        inputGrad = reuse(inputGrad, gradW.dataType(), b, nIn, n);
        Sequences.fromTimeMajor(dx, 0, n, b, nIn, inputGrad);
        return inputGrad;
    }

    /**
     * W: xᵀ·da; RW: h₀…h_{T-1}ᵀ·da[z|r] and (r⊙h)ᵀ·da[n]; input: da·Wᵀ — gate columns [c0, c1) of the
     * weight gradients and rows [r0, r1) of the input gradient.
     */
    private void weightAndInputGradients(Trace tr, int c0, int c1, int r0, int r1) {
        int n = tr.steps(), b = tr.batch(), u = tr.units(), nIn = tr.inputs(), rows = n * b, w3 = 3 * u;
        NativeMatrix.gemm(true, false, nIn, c1 - c0, rows, 1, tr.inputRows(), 0, nIn, da, c0, w3, 0, gW, c0, w3);
        int gates = Math.min(c1, 2 * u), cands = Math.max(c0, 2 * u);
        if (gates > c0) NativeMatrix.gemm(true, false, u, gates - c0, rows, 1, tr.stateRows(), 0, u, da, c0, w3, 0, gRW, c0, w3);
        if (c1 > cands) NativeMatrix.gemm(true, false, u, c1 - cands, rows, 1, tr.resetState, 0, u, da, cands, w3, 0, gRW, cands, w3);
        if (r1 > r0) NativeMatrix.gemm(false, true, r1 - r0, nIn, w3, 1, da, r0 * w3, w3, tr.w, 0, w3, 0, dx, r0 * nIn, nIn);
    }

    /** The backward time loop of examples [e0, e1): writes their rows of da; returns their part of the bias gradient. */
    private double[] steps(Trace tr, int e0, int e1) {
        int n = tr.steps(), b = tr.batch(), u = tr.units(), w3 = 3 * u, m = e1 - e0;
        NativeMatrix h = tr.stateRows(), acts = tr.acts, da = this.da, eps = this.eps, stepRh = this.stepRh, stepGates = this.stepGates;
        double[] dh = new double[m * u], a = new double[m * w3], hp = new double[m * u], es = new double[m * u], d = new double[m * w3];
        double[] dRh = new double[m * u], fromGates = new double[m * u], bGrad = new double[w3];
        for (int s = n - 1; s >= 0; s--) {
            int at = (s * b + e0) * w3, hAt = (s * b + e0) * u;
            acts.read(at, a, 0, m * w3);
            h.read(hAt, hp, 0, m * u);
            eps.read(hAt, es, 0, m * u);
            for (int k = 0; k < m; k++) {
                int ar = k * w3, dr = k * u;
                for (int j = 0; j < u; j++) {
                    double dhj = dh[dr + j] + es[dr + j], z = a[ar + j], cand = a[ar + 2 * u + j];
                    dh[dr + j] = dhj;
                    d[ar + j] = dhj * (hp[dr + j] - cand) * z * (1 - z);
                    d[ar + 2 * u + j] = dhj * (1 - z) * (1 - cand * cand);
                }
            }
            da.write(at, d, 0, m * w3);
            // d(r⊙h) = dn·Unᵀ
            NativeMatrix.gemm(false, true, m, u, u, 1, da, at + 2 * u, w3, tr.rw, 2 * u, w3, 0, stepRh, e0 * u, u);
            stepRh.read(e0 * u, dRh, 0, m * u);
            for (int k = 0; k < m; k++) {
                int ar = k * w3, dr = k * u;
                for (int j = 0; j < u; j++) {
                    double r = a[ar + u + j];
                    d[ar + u + j] = dRh[dr + j] * hp[dr + j] * r * (1 - r);
                }
            }
            for (int k = 0; k < m; k++) for (int j = 0; j < w3; j++) bGrad[j] += d[k * w3 + j];
            da.write(at, d, 0, m * w3);
            // the gates' share: [dz dr]·[Uz Ur]ᵀ
            NativeMatrix.gemm(false, true, m, u, 2 * u, 1, da, at, w3, tr.rw, 0, w3, 0, stepGates, e0 * u, u);
            stepGates.read(e0 * u, fromGates, 0, m * u);
            for (int k = 0; k < m; k++) {
                int ar = k * w3, dr = k * u;
                for (int j = 0; j < u; j++) dh[dr + j] = dh[dr + j] * a[ar + j] + dRh[dr + j] * a[ar + u + j] + fromGates[dr + j];
            }
        }
        return bGrad;
    }

    /**
     * An array outside DL4J's workspaces, kept from call to call while its type and shape stay: the states
     * and the input gradient outlive a pass's working memory, and their callers copy what they hand on.
     */
    private static INDArray reuse(INDArray kept, DataType type, long... shape) {
        if (kept != null && kept.dataType() == type && java.util.Arrays.equals(kept.shape(), shape)) return kept;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(type, shape, 'c');
        }
    }
}
