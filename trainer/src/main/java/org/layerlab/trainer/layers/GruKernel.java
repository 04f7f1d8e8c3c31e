package org.layerlab.trainer.layers;

import static org.layerlab.trainer.kernels.JavaBlas.read;
import static org.layerlab.trainer.kernels.JavaBlas.sigmoid;
import static org.layerlab.trainer.kernels.JavaBlas.tanh;
import static org.layerlab.trainer.kernels.JavaBlas.write;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.layerlab.trainer.kernels.JavaBlas;

/**
 * The GRU's forward pass and backpropagation through time with tanh candidates, in plain Java arrays
 * and direct calls to the BLAS ND4J bundles. Per step: two small matrix products forward (h·[Uz Ur] and
 * (r⊙h)·Un) and two backward (d(rh)·Unᵀ and the gates' share of dh·[Uz Ur]ᵀ); the products over all
 * steps at once (input weights, weight gradients, input gradient) are one call each.
 *
 * <p>The general path ({@link GruImpl}) issues about fifteen ND4J operations a step, each costing far
 * more than its arithmetic (measurements in {@link JavaBlas}); a 50-step batch took ≈ 86 ms.
 *
 * <p>Same equations and parameter layout as {@link GruLayer}. Values are held as doubles; the products
 * run in the layer's precision. Arrays are [time, batch, …], row-major.
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
            boolean single = x.dataType() == DataType.FLOAT;
            double[] pre = JavaBlas.times(single, xs, 0, nIn, false, read(w), 0, 3 * u, false, n * b, 3 * u, nIn); // [T·B, 3u]
            for (int row = 0; row < n * b; row++) for (int j = 0; j < 3 * u; j++) pre[row * 3 * u + j] += bs[j];
            double[] h = new double[(n + 1) * b * u], g = new double[n * b * 2 * u], c = new double[n * b * u], rh = new double[n * b * u];
            if (initial != null) System.arraycopy(read(initial), 0, h, 0, b * u);
            double[] rws = read(rw), hu = new double[b * 2 * u], rhu = new double[b * u];
            try (JavaBlas.Step gatesOf = new JavaBlas.Step(single, b, u, JavaBlas.columns(rws, u, 3 * u, 0, 2 * u), 2 * u);
                 JavaBlas.Step candOf = new JavaBlas.Step(single, b, u, JavaBlas.columns(rws, u, 3 * u, 2 * u, 3 * u), u)) {
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
            boolean single = gW.dataType() == DataType.FLOAT;
            double[] h = tr.h(), g = tr.gates(), c = tr.candidates(), e = read(eps), rws = read(rw);
            double[] da = new double[rows * 3 * u]; // gradients of the pre-activations z | r | n, per row
            double[] dh = new double[b * u], dRh = new double[b * u], fromGates = new double[b * u];
            try (JavaBlas.Step viaCand = new JavaBlas.Step(single, b, u, JavaBlas.transpose(JavaBlas.columns(rws, u, 3 * u, 2 * u, 3 * u), u, u), u);
                 JavaBlas.Step viaGates = new JavaBlas.Step(single, b, 2 * u, JavaBlas.transpose(JavaBlas.columns(rws, u, 3 * u, 0, 2 * u), u, 2 * u), u)) {
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
            gW.assign(write(JavaBlas.times(single, tr.x(), 0, nIn, true, da, 0, 3 * u, false, nIn, 3 * u, rows), t, nIn, 3 * u));
            double[] rwGrad = new double[u * 3 * u];
            JavaBlas.into(JavaBlas.times(single, h, 0, u, true, da, 0, 3 * u, false, u, 2 * u, rows), rwGrad, u, 2 * u, 3 * u, 0);
            JavaBlas.into(JavaBlas.times(single, tr.resetState(), 0, u, true, da, 2 * u, 3 * u, false, u, u, rows), rwGrad, u, u, 3 * u, 2 * u);
            gRW.assign(write(rwGrad, t, u, 3 * u));
            double[] bGrad = new double[3 * u];
            for (int row = 0; row < rows; row++) for (int j = 0; j < 3 * u; j++) bGrad[j] += da[row * 3 * u + j];
            gB.assign(write(bGrad, t, gB.shape()));
            return write(JavaBlas.times(single, da, 0, 3 * u, false, read(w), 0, 3 * u, true, rows, nIn, 3 * u), t, rows, nIn);
        }
    }
}
