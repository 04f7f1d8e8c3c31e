package org.layerlab.trainer.backend;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.layers.recurrent.FwdPassReturn;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelper;
import org.deeplearning4j.nn.layers.recurrent.LSTMHelpers;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.LstmKernel;
import org.layerlab.trainer.kernels.NdBlas;
import org.layerlab.trainer.kernels.WorkArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a DL4J {@code LSTM} layer's time loop in {@link LstmKernel} instead of DL4J's own, which issues a
 * dozen ND4J operations per step from Java (the char-LSTM spent most of an iteration on their set-up).
 * The layer, its configuration and its parameters stay DL4J's, so saved models are plain DL4J.
 *
 * <p>A training step's forward pass is kept for the backward pass that follows it (DL4J computes the
 * forward twice; its own cache is switched off for LSTMs). Anything the kernel does not cover — masks,
 * other activations, peepholes, truncated BPTT shorter than the segment, types other than FLOAT/DOUBLE —
 * takes DL4J's path: {@link #activate} answers null and DL4J computes the forward itself, and
 * {@link #backpropGradient} recomputes DL4J's forward and backward.
 */
final class FastLstmHelper implements LSTMHelper, WorkArrays {
    private final BaseRecurrentLayer<?> layer;
    private final LstmKernel kernel = new LstmKernel();
    private volatile int failures;
    /** The last training forward pass, for the backward pass of the same input. */
    private KernelForward kept;

    /** The layer reads only the network's input: DL4J's training drops the input gradient, so it is zeros here. */
    private final boolean inputGradientUnused;

    FastLstmHelper(BaseRecurrentLayer<?> layer, boolean inputGradientUnused) {
        this.layer = layer;
        this.inputGradientUnused = inputGradientUnused;
    }

    /** A forward pass the kernel computed, with what its backward pass needs. */
    private static final class KernelForward extends FwdPassReturn {
        LstmKernel.Trace trace;
        INDArray input;
        double[] h0, c0;
    }

    @Override
    public boolean checkSupported(IActivation gateActivationFn, IActivation activationFn, boolean hasPeepholeConnections) {
        return gateActivationFn instanceof ActivationSigmoid && activationFn instanceof ActivationTanH && !hasPeepholeConnections;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public void releaseWork() {
        kept = null; // its trace's arrays are freed below
        kernel.releaseWork();
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("kernel work arrays", kernel.workBytes());
    }

    private static boolean covers(NeuralNetConfiguration conf, IActivation gate, INDArray input, INDArray mask, boolean peepholes,
                                  boolean forwards) {
        DataType t = input.dataType();
        IActivation act = ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getLayer()).getActivationFn();
        return mask == null && !peepholes && forwards && input.rank() == 3 && (t == DataType.FLOAT || t == DataType.DOUBLE)
                && gate instanceof ActivationSigmoid && act instanceof ActivationTanH;
    }

    @Override
    public FwdPassReturn activate(Layer layer, NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                  INDArray recurrentWeights, INDArray inputWeights, INDArray biases, boolean training,
                                  INDArray prevOutputActivations, INDArray prevMemCellState, boolean forBackprop,
                                  boolean forwards, String inputWeightKey, INDArray maskArray, boolean hasPeepholeConnections,
                                  LayerWorkspaceMgr workspaceMgr) {
        if (!covers(conf, gateActivationFn, input, maskArray, hasPeepholeConnections, forwards)) return null;
        double[] h0 = prevOutputActivations == null ? null : NdBlas.read(prevOutputActivations, null);
        double[] c0 = prevMemCellState == null ? null : NdBlas.read(prevMemCellState, null);
        KernelForward k = kept;
        kept = null;
        if (forBackprop && k != null && k.input == input && sameState(k.h0, h0) && sameState(k.c0, c0)) return k;

        DataType t = input.dataType();
        int batch = (int) input.size(0), steps = (int) input.size(2), u = (int) recurrentWeights.size(0);
        KernelForward f = new KernelForward();
        f.input = input;
        f.h0 = h0;
        f.c0 = c0;
        f.trace = kernel.forward(training || forBackprop, input, inputWeights, recurrentWeights, NdBlas.read(biases, null), h0, c0);
        f.fwdPassOutput = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, t, new long[] {batch, u, steps}, 'c');
        f.trace.outputsInto(f.fwdPassOutput);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // a kept pass is used after DL4J's working memory has moved on: these must outlive it
            f.lastAct = Nd4j.createUninitialized(t, new long[] {batch, u}, 'c');
            f.lastMemCell = Nd4j.createUninitialized(t, new long[] {batch, u}, 'c');
        }
        f.trace.lastOutputInto(f.lastAct);
        f.trace.lastCellInto(f.lastMemCell);
        if (training && !forBackprop) kept = f;
        return f;
    }

    /** Whether a kept pass started from the same state: null and all zeros are the same start. */
    private static boolean sameState(double[] before, double[] now) {
        boolean keptZero = before == null || Arrays.stream(before).allMatch(v -> v == 0);
        boolean nowZero = now == null || Arrays.stream(now).allMatch(v -> v == 0);
        return keptZero && nowZero || before != null && Arrays.equals(before, now);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                                     INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon,
                                                     boolean truncatedBPTT, int tbpttBackwardLength, FwdPassReturn fwdPass,
                                                     boolean forwards, String inputWeightKey, String recurrentWeightKey,
                                                     String biasWeightKey, Map<String, INDArray> gradientViews, INDArray maskArray,
                                                     boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
        if (!(fwdPass instanceof KernelForward f)) return null; // DL4J's own forward: its own backward follows
        int steps = f.trace.steps();
        if (maskArray != null || epsilon.rank() != 3 || (truncatedBPTT && tbpttBackwardLength < steps)) {
            return dl4jPath(conf, gateActivationFn, input, recurrentWeights, inputWeights, epsilon, truncatedBPTT,
                    tbpttBackwardLength, f, forwards, inputWeightKey, recurrentWeightKey, biasWeightKey, gradientViews,
                    maskArray, hasPeepholeConnections, workspaceMgr);
        }
        try {
            DataType t = f.input.dataType();
            int nIn = f.trace.inputs();
            INDArray gIn = gradientViews.get(inputWeightKey), gRec = gradientViews.get(recurrentWeightKey), gB = gradientViews.get(biasWeightKey);
            long[] shape = {f.trace.batch(), nIn, steps};
            INDArray dx = inputGradientUnused ? workspaceMgr.create(ArrayType.ACTIVATION_GRAD, t, shape, 'c')
                    : workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, t, shape, 'c');
            kernel.backward(f.trace, epsilon, gIn, gRec, gB, inputGradientUnused ? null : dx);
            Gradient grad = new DefaultGradient();
            grad.gradientForVariable().put(inputWeightKey, gIn);
            grad.gradientForVariable().put(recurrentWeightKey, gRec);
            grad.gradientForVariable().put(biasWeightKey, gB);
            return new Pair<>(grad, dx);
        } catch (RuntimeException e) {
            // DL4J's own fallback would need its own forward pass: recompute it here instead
            failures++;
            org.slf4j.LoggerFactory.getLogger(FastLstmHelper.class).warn("the LSTM kernel's backward pass failed; using DL4J's own", e);
            return dl4jPath(conf, gateActivationFn, input, recurrentWeights, inputWeights, epsilon, truncatedBPTT,
                    tbpttBackwardLength, f, forwards, inputWeightKey, recurrentWeightKey, biasWeightKey, gradientViews,
                    maskArray, hasPeepholeConnections, workspaceMgr);
        }
    }

    /** How many backward passes failed in the kernel and were recomputed by DL4J (tests). */
    int failures() {
        return failures;
    }

    /** DL4J's own forward and backward for a call the kernel does not cover after its forward already ran. */
    private Pair<Gradient, INDArray> dl4jPath(NeuralNetConfiguration conf, IActivation gate, INDArray input, INDArray rw,
                                              INDArray iw, INDArray epsilon, boolean tbptt, int tbpttLength, KernelForward f,
                                              boolean forwards, String iwKey, String rwKey, String bKey,
                                              Map<String, INDArray> gradientViews, INDArray mask, boolean peepholes,
                                              LayerWorkspaceMgr mgr) {
        DataType t = f.input.dataType();
        int batch = f.trace.batch(), u = f.trace.units();
        INDArray h0 = f.h0 == null ? null : NdBlas.array(f.h0, t, batch, u), c0 = f.c0 == null ? null : NdBlas.array(f.c0, t, batch, u);
        FwdPassReturn own = LSTMHelpers.activateHelper(layer, conf, gate, f.input, rw, iw, layer.getParam(bKey), true,
                h0, c0, true, forwards, iwKey, mask, peepholes, null, CacheMode.NONE, mgr, true);
        return LSTMHelpers.backpropGradientHelper(layer, conf, gate, input, rw, iw, epsilon, tbptt, tbpttLength, own,
                forwards, iwKey, rwKey, bKey, gradientViews, mask, peepholes, null, mgr, true);
    }
}
