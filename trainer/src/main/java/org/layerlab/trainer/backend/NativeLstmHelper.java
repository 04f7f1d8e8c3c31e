package org.layerlab.trainer.backend;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

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
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@code LSTM} layer through libnd4j's {@code lstmLayer} / {@code lstmLayer_bp} ops: the whole
 * time loop, forward and backward, is one native call each, where DL4J's own path issues a dozen ND4J
 * ops per time step from Java (each a JNI call with its own set-up; for the char-LSTM's 50 steps that
 * was most of an iteration).
 *
 * <p>The maths is the same model: DL4J's "no peephole" LSTM with sigmoid gates and tanh for the block
 * input and the cell output. Only the gate order differs — DL4J keeps the blocks of every weight matrix
 * and the bias as [block input, forget, output, input gate], libnd4j as [input gate, forget, block input,
 * output] — so each call reorders the weights' columns on the way in and the gradients' on the way out.
 * Parameters, their layout and the saved model stay DL4J's.
 *
 * <p>Anything else — masks, other activations, truncated BPTT shorter than the segment, data types other
 * than FLOAT/DOUBLE — takes DL4J's own path for that call: {@link #activate} answers null (DL4J then
 * computes the forward itself) and {@link #backpropGradient} recomputes DL4J's forward and backward.
 */
final class NativeLstmHelper implements LSTMHelper {
    /** libnd4j's activation codes ({@code LSTMActivations} ordinals) and data format: [batch, features, time]. */
    private static final int TANH = 0, SIGMOID = 2, FORMAT_NST = 2;
    /** Where each libnd4j gate block comes from in DL4J's layout: i ← 3, f ← 1, c ← 0, o ← 2. */
    private static final int[] FROM_DL4J = {3, 1, 0, 2};

    private final BaseRecurrentLayer<?> layer;
    private final int[] order;
    private volatile int failures;

    NativeLstmHelper(BaseRecurrentLayer<?> layer) {
        this(layer, FROM_DL4J);
    }

    /** With another gate order: only the tests' control, which shows a wrong layout is caught. */
    NativeLstmHelper(BaseRecurrentLayer<?> layer, int[] order) {
        this.layer = layer;
        this.order = order.clone();
    }

    /** A forward pass this helper computed, with what its backward pass needs. */
    private static final class NativeForward extends FwdPassReturn {
        INDArray x, wx, wr, b, h0, c0;
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
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    private static boolean supported(NeuralNetConfiguration conf, IActivation gate, INDArray input, INDArray mask,
                                     boolean peepholes, boolean forwards) {
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
        if (!supported(conf, gateActivationFn, input, maskArray, hasPeepholeConnections, forwards)) return null;
        DataType t = input.dataType();
        long batch = input.size(0), steps = input.size(2), units = recurrentWeights.size(0);
        NativeForward f = new NativeForward();
        f.x = input;
        f.wx = reorder(inputWeights.castTo(t), units);
        f.wr = reorder(recurrentWeights.castTo(t), units);
        f.b = reorder(biases.castTo(t).reshape(1, 4 * units), units).reshape(4 * units);
        f.h0 = prevOutputActivations == null ? Nd4j.zeros(t, batch, units) : prevOutputActivations.castTo(t);
        f.c0 = prevMemCellState == null ? null : prevMemCellState.castTo(t);
        f.prevAct = prevOutputActivations;
        f.prevMemCell = prevMemCellState;

        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, t, new long[] {batch, units, steps}, 'c');
        f.lastAct = Nd4j.create(t, batch, units);
        f.lastMemCell = Nd4j.create(t, batch, units);
        Nd4j.exec(op("lstmLayer", f, true, true, true).addInputs(inputs(f)).addOutputs(out, f.lastAct, f.lastMemCell).build());
        f.fwdPassOutput = out;
        return f;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(NeuralNetConfiguration conf, IActivation gateActivationFn, INDArray input,
                                                     INDArray recurrentWeights, INDArray inputWeights, INDArray epsilon,
                                                     boolean truncatedBPTT, int tbpttBackwardLength, FwdPassReturn fwdPass,
                                                     boolean forwards, String inputWeightKey, String recurrentWeightKey,
                                                     String biasWeightKey, Map<String, INDArray> gradientViews, INDArray maskArray,
                                                     boolean hasPeepholeConnections, LayerWorkspaceMgr workspaceMgr) {
        if (!(fwdPass instanceof NativeForward f)) return null; // DL4J's own forward: its own backward follows
        long steps = f.x.size(2), units = recurrentWeights.size(0);
        if (maskArray != null || epsilon.rank() != 3 || (truncatedBPTT && tbpttBackwardLength < steps)) {
            return dl4jPath(conf, gateActivationFn, input, recurrentWeights, inputWeights, epsilon, truncatedBPTT,
                    tbpttBackwardLength, f, forwards, inputWeightKey, recurrentWeightKey, biasWeightKey, gradientViews,
                    maskArray, hasPeepholeConnections, workspaceMgr);
        }
        try {
            return nativeBackprop(f, epsilon, units, inputWeightKey, recurrentWeightKey, biasWeightKey, gradientViews, workspaceMgr);
        } catch (RuntimeException e) {
            // DL4J's own fallback would need its own forward pass: recompute it here instead
            failures++;
            org.slf4j.LoggerFactory.getLogger(NativeLstmHelper.class).warn("native LSTM backward failed; using DL4J's own", e);
            return dl4jPath(conf, gateActivationFn, input, recurrentWeights, inputWeights, epsilon, truncatedBPTT,
                    tbpttBackwardLength, f, forwards, inputWeightKey, recurrentWeightKey, biasWeightKey, gradientViews,
                    maskArray, hasPeepholeConnections, workspaceMgr);
        }
    }

    private Pair<Gradient, INDArray> nativeBackprop(NativeForward f, INDArray epsilon, long units, String iwKey, String rwKey,
                                                    String bKey, Map<String, INDArray> gradientViews, LayerWorkspaceMgr mgr) {
        DataType t = f.x.dataType();
        INDArray dx = mgr.create(ArrayType.ACTIVATION_GRAD, t, f.x.shape(), 'c');
        INDArray dwx = Nd4j.create(t, f.wx.shape()), dwr = Nd4j.create(t, f.wr.shape()), db = Nd4j.create(t, 4 * units);
        INDArray[] in = inputs(f);
        in = java.util.Arrays.copyOf(in, in.length + 1);
        in[in.length - 1] = epsilon.castTo(t);
        INDArray[] out = f.c0 == null ? new INDArray[] {dx, dwx, dwr, db, Nd4j.create(t, f.h0.shape())}
                : new INDArray[] {dx, dwx, dwr, db, Nd4j.create(t, f.h0.shape()), Nd4j.create(t, f.c0.shape())};
        Nd4j.exec(op("lstmLayer_bp", f, true, false, false).addInputs(in).addOutputs(out).build());

        INDArray gIn = gradientViews.get(iwKey), gRec = gradientViews.get(rwKey), gB = gradientViews.get(bKey);
        restore(dwx, gIn, units);
        restore(dwr, gRec, units);
        restore(db.reshape(1, 4 * units), gB.reshape(1, 4 * units), units); // a view: DL4J's bias is a vector
        Gradient g = new DefaultGradient();
        g.gradientForVariable().put(iwKey, gIn);
        g.gradientForVariable().put(rwKey, gRec);
        g.gradientForVariable().put(bKey, gB);
        return new Pair<>(g, dx);
    }

    /** How many backward passes failed natively and were recomputed by DL4J (tests). */
    int failures() {
        return failures;
    }

    /** DL4J's own forward and backward for a call this helper does not cover after its forward already ran. */
    private Pair<Gradient, INDArray> dl4jPath(NeuralNetConfiguration conf, IActivation gate, INDArray input, INDArray rw,
                                              INDArray iw, INDArray epsilon, boolean tbptt, int tbpttLength, NativeForward f,
                                              boolean forwards, String iwKey, String rwKey, String bKey,
                                              Map<String, INDArray> gradientViews, INDArray mask, boolean peepholes,
                                              LayerWorkspaceMgr mgr) {
        FwdPassReturn own = LSTMHelpers.activateHelper(layer, conf, gate, f.x, rw, iw, layer.getParam(bKey), true,
                f.prevAct, f.prevMemCell, true, forwards, iwKey, mask, peepholes, null, CacheMode.NONE, mgr, true);
        return LSTMHelpers.backpropGradientHelper(layer, conf, gate, input, rw, iw, epsilon, tbptt, tbpttLength, own,
                forwards, iwKey, rwKey, bKey, gradientViews, mask, peepholes, null, mgr, true);
    }

    private static DynamicCustomOp.DynamicCustomOpsBuilder op(String name, NativeForward f, boolean fullSequence,
                                                              boolean lastOutput, boolean lastCell) {
        return DynamicCustomOp.builder(name)
                .addIntegerArguments(FORMAT_NST, 0, SIGMOID, TANH, TANH) // format, forward, gate / cell / output activations
                .addFloatingPointArguments(0.0) // no cell clipping
                .addBooleanArguments(true, false, true, f.c0 != null, false, fullSequence, lastOutput, lastCell);
    }

    /** x, input weights, recurrent weights, bias, initial output and (when there is one) initial cell state. */
    private static INDArray[] inputs(NativeForward f) {
        return f.c0 == null ? new INDArray[] {f.x, f.wx, f.wr, f.b, f.h0} : new INDArray[] {f.x, f.wx, f.wr, f.b, f.h0, f.c0};
    }

    /** DL4J's gate blocks [block input, forget, output, input gate] → libnd4j's [input gate, forget, block input, output]. */
    private INDArray reorder(INDArray dl4j, long units) {
        INDArray out = Nd4j.create(dl4j.dataType(), dl4j.size(0), 4 * units);
        for (int k = 0; k < 4; k++) {
            out.get(all(), interval(k * units, (k + 1) * units))
                    .assign(dl4j.get(all(), interval(order[k] * units, (order[k] + 1) * units)));
        }
        return out;
    }

    /** The inverse of {@link #reorder}, written into DL4J's gradient view. */
    private void restore(INDArray nd4jOrder, INDArray dl4jView, long units) {
        for (int k = 0; k < 4; k++) {
            dl4jView.get(all(), interval(order[k] * units, (order[k] + 1) * units))
                    .assign(nd4jOrder.get(all(), interval(k * units, (k + 1) * units)));
        }
    }
}
