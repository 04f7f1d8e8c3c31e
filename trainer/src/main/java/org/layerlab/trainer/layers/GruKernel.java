package org.layerlab.trainer.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.nio.ByteOrder;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU's time loop with tanh candidates, as few native calls as the maths allows: per step two
 * matrix products forward (h·[Uz Ur] and (r⊙h)·Un) and two backward (d(rh)·Unᵀ and the gates' share of
 * dh·[Uz Ur]ᵀ), each straight into a preallocated array; the gate arithmetic in between runs as plain
 * loops over the arrays' native memory. The general path ({@link GruImpl}) issues about fifteen ND4J
 * operations a step, each with its own allocation and JNI call, which made a 50-step sequence cost
 * ≈ 86 ms a batch. Same equations and parameter layout as {@link GruLayer}; FLOAT and DOUBLE.
 *
 * <p>All arrays here are [time, batch, …] in C order, created outside DL4J's workspaces so their native
 * memory can be read and written directly.
 */
final class GruKernel {
    private GruKernel() {}

    /** Whether the kernel covers a layer with this candidate activation and data type. */
    static boolean covers(IActivation candidate, DataType t) {
        return candidate instanceof ActivationTanH && (t == DataType.FLOAT || t == DataType.DOUBLE);
    }

    /** A forward pass: inputs flattened [time·batch, nIn], states [time+1, batch, u], gates z|r, candidates, r⊙h. */
    record Trace(INDArray x, INDArray states, INDArray gates, INDArray candidates, INDArray resetState) {}

    /** Native memory as doubles, whatever the array's type. */
    private interface Cells {
        double get(int i);

        void set(int i, double v);

        static Cells of(INDArray a) {
            java.nio.ByteBuffer bytes = a.data().asNio().order(ByteOrder.nativeOrder());
            if (a.dataType() == DataType.DOUBLE) {
                java.nio.DoubleBuffer d = bytes.asDoubleBuffer();
                return new Cells() {
                    public double get(int i) { return d.get(i); }
                    public void set(int i, double v) { d.put(i, v); }
                };
            }
            java.nio.FloatBuffer f = bytes.asFloatBuffer();
            return new Cells() {
                public double get(int i) { return f.get(i); }
                public void set(int i, double v) { f.put(i, (float) v); }
            };
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /**
     * @param x       [time·batch, nIn] C order (time-major rows)
     * @param initial the state before the first step [batch, u], or null for zeros
     */
    static Trace forward(INDArray x, long steps, long batch, INDArray initial, INDArray w, INDArray rw, INDArray bias) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            DataType t = x.dataType();
            int u = (int) rw.size(0), b = (int) batch, n = (int) steps;
            INDArray uzr = rw.get(all(), interval(0, 2 * u)).dup('c'), un = rw.get(all(), interval(2 * u, 3 * u)).dup('c');
            INDArray pre = x.mmul(w).addiRowVector(bias).dup('c'); // [time·batch, 3u]
            INDArray states = Nd4j.zeros(t, n + 1, b, u), gates = Nd4j.create(t, n, b, 2 * u);
            INDArray candidates = Nd4j.create(t, n, b, u), resetState = Nd4j.create(t, n, b, u);
            if (initial != null) states.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(initial);
            INDArray hU = Nd4j.create(t, b, 2 * u), rhU = Nd4j.create(t, b, u);
            Cells p = Cells.of(pre), h = Cells.of(states), g = Cells.of(gates), c = Cells.of(candidates), rh = Cells.of(resetState);
            Cells hu = Cells.of(hU), rhu = Cells.of(rhU);
            for (int s = 0; s < n; s++) {
                Nd4j.gemm(step(states, s), uzr, hU, false, false, 1.0, 0.0);
                for (int e = 0; e < b; e++) {
                    int row = (s * b + e), pr = row * 3 * u, gr = row * 2 * u, hr = row * u, ur = e * 2 * u;
                    for (int j = 0; j < 2 * u; j++) g.set(gr + j, sigmoid(p.get(pr + j) + hu.get(ur + j)));
                    for (int j = 0; j < u; j++) rh.set(hr + j, g.get(gr + u + j) * h.get(hr + j));
                }
                Nd4j.gemm(step(resetState, s), un, rhU, false, false, 1.0, 0.0);
                for (int e = 0; e < b; e++) {
                    int row = (s * b + e), pr = row * 3 * u, gr = row * 2 * u, hr = row * u, next = ((s + 1) * b + e) * u;
                    for (int j = 0; j < u; j++) {
                        double cand = Math.tanh(p.get(pr + 2 * u + j) + rhu.get(e * u + j)), z = g.get(gr + j);
                        c.set(hr + j, cand);
                        h.set(next + j, cand + z * (h.get(hr + j) - cand));
                    }
                }
            }
            return new Trace(x, states, gates, candidates, resetState);
        }
    }

    /** Gradients of W, RW, b (written into the views) and of the flattened input [time·batch, nIn]. */
    static INDArray backward(Trace tr, INDArray eps, INDArray w, INDArray rw, INDArray gW, INDArray gRW, INDArray gB) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray states = tr.states();
            DataType t = states.dataType();
            int n = (int) states.size(0) - 1, b = (int) states.size(1), u = (int) states.size(2);
            INDArray uzrT = rw.get(all(), interval(0, 2 * u)).transpose().dup('c'), unT = rw.get(all(), interval(2 * u, 3 * u)).transpose().dup('c');
            INDArray e3 = eps.dup('c'); // [time, batch, u]
            INDArray dZr = Nd4j.create(t, n, b, 2 * u), dN = Nd4j.create(t, n, b, u);
            INDArray dh = Nd4j.zeros(t, b, u), dRh = Nd4j.create(t, b, u), dPrev = Nd4j.create(t, b, u);
            Cells h = Cells.of(states), g = Cells.of(tr.gates()), c = Cells.of(tr.candidates()), e = Cells.of(e3);
            Cells dzr = Cells.of(dZr), dn = Cells.of(dN), d = Cells.of(dh), drh = Cells.of(dRh), dp = Cells.of(dPrev);
            for (int s = n - 1; s >= 0; s--) {
                for (int k = 0; k < b; k++) {
                    int row = s * b + k, hr = row * u, gr = row * 2 * u, dr = k * u;
                    for (int j = 0; j < u; j++) {
                        double dhj = d.get(dr + j) + e.get(hr + j), z = g.get(gr + j), cand = c.get(hr + j);
                        d.set(dr + j, dhj);
                        dzr.set(gr + j, dhj * (h.get(hr + j) - cand) * z * (1 - z));
                        dn.set(hr + j, dhj * (1 - z) * (1 - cand * cand));
                        dp.set(dr + j, dhj * z);
                    }
                }
                Nd4j.gemm(step(dN, s), unT, dRh, false, false, 1.0, 0.0);
                for (int k = 0; k < b; k++) {
                    int row = s * b + k, hr = row * u, gr = row * 2 * u, dr = k * u;
                    for (int j = 0; j < u; j++) {
                        double r = g.get(gr + u + j), drhj = drh.get(dr + j);
                        dzr.set(gr + u + j, drhj * h.get(hr + j) * r * (1 - r));
                        dp.set(dr + j, dp.get(dr + j) + drhj * r);
                    }
                }
                Nd4j.gemm(step(dZr, s), uzrT, dPrev, false, false, 1.0, 1.0);
                dh.assign(dPrev);
            }
            INDArray dzrFlat = dZr.reshape('c', (long) n * b, 2 * u), dnFlat = dN.reshape('c', (long) n * b, u);
            INDArray hPrev = states.get(interval(0, n), all(), all()).reshape('c', (long) n * b, u);
            INDArray rhFlat = tr.resetState().reshape('c', (long) n * b, u);
            INDArray xT = tr.x().transpose();
            gW.get(all(), interval(0, 2 * u)).assign(xT.mmul(dzrFlat));
            gW.get(all(), interval(2 * u, 3 * u)).assign(xT.mmul(dnFlat));
            gRW.get(all(), interval(0, 2 * u)).assign(hPrev.transpose().mmul(dzrFlat));
            gRW.get(all(), interval(2 * u, 3 * u)).assign(rhFlat.transpose().mmul(dnFlat));
            INDArray gb = gB.reshape(1, 3 * u);
            gb.get(all(), interval(0, 2 * u)).assign(dzrFlat.sum(0).reshape(1, 2 * u));
            gb.get(all(), interval(2 * u, 3 * u)).assign(dnFlat.sum(0).reshape(1, u));
            INDArray wT = w.transpose();
            INDArray dx = dzrFlat.mmul(wT.get(interval(0, 2 * u), all()));
            return dx.addi(dnFlat.mmul(wT.get(interval(2 * u, 3 * u), all())));
        }
    }

    /** Step s of a [time, batch, …] C-order array: a contiguous [batch, …] view, as a matrix product takes it. */
    private static INDArray step(INDArray a, int s) {
        return a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(s));
    }
}
