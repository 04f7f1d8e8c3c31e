package org.layerlab.trainer.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward pass and backpropagation through time of {@link GruLayer}. The input products of all time
 * steps are one matrix multiplication before the loop, and the weight gradients one each after it; only
 * the recurrent products run step by step. With dh the gradient reaching hₜ:
 * dz = dh⊙(hₜ₋₁ − n), dn = dh⊙(1 − z), dhₜ₋₁ = dh⊙z + (r⊙d(rh)) + [daz, dar]·[Uz, Ur]ᵀ, where
 * d(rh) = dan·Unᵀ, dar = d(rh)⊙hₜ₋₁⊙r(1 − r) and daz = dz⊙z(1 − z).
 * Masked steps output zeros (the state runs on), as DL4J's own recurrent layers do.
 */
final class GruImpl extends BaseRecurrentLayer<GruLayer> implements org.layerlab.trainer.kernels.WorkArrays {
    private static final String STATE = "h";

    GruImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** What one forward pass leaves for the backward pass, all [time, batch, …] in C order. */
    private record Trace(INDArray x, INDArray states, INDArray gates, INDArray candidates, INDArray candidatePre,
                         INDArray resetState, GruKernel.Trace kernel) {
        Trace(GruKernel.Trace k) {
            this(null, k.states(), null, null, null, null, k);
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    /** Whether {@link GruKernel} runs this layer (tanh candidates, FLOAT or DOUBLE); tests may turn it off. */
    boolean fast() {
        return fastAllowed && GruKernel.covers(layerConf().getActivationFn(), dataType);
    }

    private boolean fastAllowed = !Boolean.getBoolean("layerlab.gruKernel.off");
    private final GruKernel kernel = new GruKernel();
    /** The kernel's trace of the last training forward pass, and the input it was for (see {@link #activate}). */
    private Trace trainingTrace;
    private INDArray trainingInput;

    /** The general path only (tests compare the two). */
    void disableKernel() {
        fastAllowed = false;
    }

    private Trace forward(INDArray initial, boolean training, boolean keep) {
        assertInputSet(false);
        INDArray x3 = permuteIfNWC(input).castTo(dataType);
        long batch = x3.size(0), nIn = x3.size(1), steps = x3.size(2), u = layerConf().getNOut();
        INDArray w = getParam(GruParams.W), rw = getParam(GruParams.RW), bias = getParam(GruParams.B);
        if (fast()) return new Trace(kernel.forward(training, x3, initial, w, rw, bias));
        INDArray x = x3.permute(2, 0, 1).dup('c').reshape('c', steps * batch, nIn);
        INDArray uzr = rw.get(all(), interval(0, 2 * u)), un = rw.get(all(), interval(2 * u, 3 * u));
        IActivation act = layerConf().getActivationFn();

        INDArray pre = x.mmul(w).addiRowVector(bias).reshape('c', steps, batch, 3 * u);
        INDArray states = Nd4j.zeros(dataType, steps + 1, batch, u);
        if (initial != null) states.get(point(0), all(), all()).assign(initial);
        INDArray gates = keep ? Nd4j.create(dataType, steps, batch, 2 * u) : null;
        INDArray candidates = keep ? Nd4j.create(dataType, steps, batch, u) : null;
        INDArray candidatePre = keep ? Nd4j.create(dataType, steps, batch, u) : null;
        INDArray resetState = keep ? Nd4j.create(dataType, steps, batch, u) : null;
        for (long t = 0; t < steps; t++) {
            INDArray h = states.get(point(t), all(), all());
            INDArray p = pre.get(point(t), all(), all());
            INDArray zr = Transforms.sigmoid(p.get(all(), interval(0, 2 * u)).add(h.mmul(uzr)), false);
            INDArray z = zr.get(all(), interval(0, u)), r = zr.get(all(), interval(u, 2 * u));
            INDArray rh = r.mul(h);
            INDArray nPre = p.get(all(), interval(2 * u, 3 * u)).add(rh.mmul(un));
            INDArray n = act.getActivation(nPre.dup(), training);
            states.get(point(t + 1), all(), all()).assign(n.add(h.sub(n).muli(z)));
            if (keep) {
                gates.get(point(t), all(), all()).assign(zr);
                candidates.get(point(t), all(), all()).assign(n);
                candidatePre.get(point(t), all(), all()).assign(nPre);
                resetState.get(point(t), all(), all()).assign(rh);
            }
        }
        return new Trace(x, states, gates, candidates, candidatePre, resetState, null);
    }

    /** [batch, units, time] (or the configured layout) from the trace's states 1..T, masked steps zeroed. */
    private INDArray output(Trace trace, LayerWorkspaceMgr mgr) {
        long steps = trace.states().size(0) - 1;
        if (trace.kernel() != null && maskArray == null && layerConf().getRnnDataFormat() == org.deeplearning4j.nn.conf.RNNFormat.NCW) {
            INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {trace.states().size(1), layerConf().getNOut(), steps}, 'c');
            trace.kernel().outputsInto(out); // one reordering loop; ND4J copies a permuted array element by element
            return out;
        }
        INDArray out = trace.states().get(interval(1, steps + 1), all(), all()).permute(1, 2, 0);
        if (maskArray != null) out = out.mul(maskArray.castTo(dataType).reshape(maskArray.size(0), 1, maskArray.size(1)));
        return mgr.dup(ArrayType.ACTIVATIONS, permuteIfNWC(out), 'c');
    }

    private static INDArray lastState(Trace trace) {
        INDArray s = trace.states();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return s.get(point(s.size(0) - 1), all(), all()).dup();
        }
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        applyDropOutIfNecessary(training, mgr);
        Trace trace = forward(null, training, false);
        // the kernel's trace holds everything backpropagation needs: the backward pass of this same input reuses it
        trainingTrace = training && trace.kernel() != null ? trace : null;
        trainingInput = trainingTrace == null ? null : input;
        return output(trace, mgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray in, LayerWorkspaceMgr mgr) {
        setInput(in, mgr);
        Trace trace = forward(stateMap.get(STATE), false, false);
        stateMap.put(STATE, lastState(trace));
        return output(trace, mgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray in, boolean training, boolean storeLastForTBPTT, LayerWorkspaceMgr mgr) {
        setInput(in, mgr);
        applyDropOutIfNecessary(training, mgr);
        Trace trace = forward(tBpttStateMap.get(STATE), training, false);
        if (storeLastForTBPTT) tBpttStateMap.put(STATE, lastState(trace));
        return output(trace, mgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        return backprop(epsilon, null, mgr);
    }

    /** Truncated BPTT: the segment starts from the stored state, which is held constant. */
    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength, LayerWorkspaceMgr mgr) {
        return backprop(epsilon, tBpttStateMap.get(STATE), mgr);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray initial, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, mgr);
        Trace tr = initial == null && trainingTrace != null && trainingInput == input ? trainingTrace : forward(initial, true, true);
        trainingTrace = null;
        trainingInput = null;
        long steps = tr.states().size(0) - 1, batch = tr.states().size(1), u = layerConf().getNOut();
        INDArray w = getParam(GruParams.W), rw = getParam(GruParams.RW);
        INDArray uzrT = rw.get(all(), interval(0, 2 * u)).transpose(), unT = rw.get(all(), interval(2 * u, 3 * u)).transpose();
        IActivation act = layerConf().getActivationFn();

        INDArray eps = permuteIfNWC(epsilon).castTo(dataType);
        if (maskArray != null) eps = eps.mul(maskArray.castTo(dataType).reshape(maskArray.size(0), 1, maskArray.size(1)));
        if (tr.kernel() != null) {
            INDArray dx = kernel.backward(tr.kernel(), eps, gradientViews.get(GruParams.W), gradientViews.get(GruParams.RW),
                    gradientViews.get(GruParams.B));
            return result(dx, epsilon, mgr);
        }
        INDArray e = eps.permute(2, 0, 1).dup('c'); // [time, batch, units]
        INDArray da = Nd4j.create(dataType, steps, batch, 3 * u); // gradients of the three pre-activations
        INDArray dh = Nd4j.zeros(dataType, batch, u);
        for (long t = steps - 1; t >= 0; t--) {
            dh.addi(e.get(point(t), all(), all()));
            INDArray hPrev = tr.states().get(point(t), all(), all());
            INDArray zr = tr.gates().get(point(t), all(), all());
            INDArray z = zr.get(all(), interval(0, u)), r = zr.get(all(), interval(u, 2 * u));
            INDArray n = tr.candidates().get(point(t), all(), all());
            INDArray dz = dh.mul(hPrev.sub(n));
            INDArray dn = dh.sub(dh.mul(z));
            INDArray dhPrev = dh.mul(z);
            INDArray daN = act.backprop(tr.candidatePre().get(point(t), all(), all()).dup(), dn).getFirst();
            INDArray dRh = daN.mmul(unT);
            dhPrev.addi(dRh.mul(r));
            INDArray daZ = dz.muli(z).muli(z.rsub(1.0));
            INDArray daR = dRh.mul(hPrev).muli(r).muli(r.rsub(1.0));
            INDArray dat = da.get(point(t), all(), all());
            dat.get(all(), interval(0, u)).assign(daZ);
            dat.get(all(), interval(u, 2 * u)).assign(daR);
            dat.get(all(), interval(2 * u, 3 * u)).assign(daN);
            dhPrev.addi(dat.get(all(), interval(0, 2 * u)).mmul(uzrT));
            dh = dhPrev;
        }

        INDArray daFlat = da.reshape('c', steps * batch, 3 * u);
        INDArray hPrevFlat = tr.states().get(interval(0, steps), all(), all()).dup('c').reshape('c', steps * batch, u);
        INDArray rhFlat = tr.resetState().reshape('c', steps * batch, u);
        gradientViews.get(GruParams.W).assign(tr.x().transpose().mmul(daFlat));
        gradientViews.get(GruParams.B).assign(daFlat.sum(0).reshape(1, 3 * u));
        INDArray rwGrad = gradientViews.get(GruParams.RW);
        rwGrad.get(all(), interval(0, 2 * u)).assign(hPrevFlat.transpose().mmul(daFlat.get(all(), interval(0, 2 * u))));
        rwGrad.get(all(), interval(2 * u, 3 * u)).assign(rhFlat.transpose().mmul(daFlat.get(all(), interval(2 * u, 3 * u))));

        long nIn = tr.x().size(1);
        return result(daFlat.mmul(w.transpose()).reshape('c', steps, batch, nIn).permute(1, 2, 0), epsilon, mgr);
    }

    /** The gradient views as DL4J expects them and the input gradient dx [batch, nIn, time] in the layer's layout. */
    private Pair<Gradient, INDArray> result(INDArray dx, INDArray epsilon, LayerWorkspaceMgr mgr) {
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String key : new String[] {GruParams.W, GruParams.RW, GruParams.B}) g.gradientForVariable().put(key, gradientViews.get(key));
        INDArray out = mgr.dup(ArrayType.ACTIVATION_GRAD, permuteIfNWC(dx).castTo(epsilon.dataType()), 'c');
        return new Pair<>(g, backpropDropOutIfPresent(out));
    }

    @Override
    public void releaseWork() {
        trainingTrace = null; // its arrays are freed below
        trainingInput = null;
        kernel.releaseWork();
    }
}
