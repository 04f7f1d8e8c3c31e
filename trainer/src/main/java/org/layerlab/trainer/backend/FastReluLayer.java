package org.layerlab.trainer.backend;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.ChannelSplit;
import org.layerlab.trainer.kernels.NdBlas;
import org.layerlab.trainer.kernels.Scratch;
import org.layerlab.trainer.kernels.PointActivation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's activation layer for a plain ReLU whose backward pass is one branch-free Java loop over the
 * input and the incoming gradient. DL4J's copies the input, allocates the result and runs libnd4j's
 * {@code relu_bp}, which calls a {@code std::function} per element (≈ 1.3 ms a call on the residual
 * CNN's 32×16×32×32 maps; the loop with its two copies in and one out ≈ 0.35 ms alone, ≈ 0.9 ms within a
 * batch, now shared out over the cores); training's forward pass likewise (see {@link #activate}). Any
 * input that is not FLOAT stays DL4J's.
 */
final class FastReluLayer extends ActivationLayer {
    /** Values per chunk of the backward pass's split over the cores. */
    private static final int CHUNK = 1 << 14;
    private int fastForwards, fastBackwards;

    FastReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Training's forward pass: max(x, 0) written straight into the activation array, shared out over the
     * cores. DL4J's copies the input first (the backward pass needs it unchanged) and then runs libnd4j's
     * ReLU over the copy: two passes over the maps where this makes one (≈ 4 % of a residual-CNN batch).
     * The input may be one FLOAT block or maps [B, C, H, W] whose H×W planes are each one block in any
     * order (oneDNN's convolution returns channel-major [C, B, H, W] memory seen as [B, C, H, W]).
     * Inference, and other inputs, stay DL4J's.
     */
    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        INDArray x = input;
        if (!training || x == null || x.dataType() != DataType.FLOAT || x.length() > Integer.MAX_VALUE) return super.activate(training, mgr);
        int n = (int) x.length();
        boolean block = NdBlas.writable(x);
        boolean planes = !block && x.rank() == 4 && x.stride(3) == 1 && x.stride(2) == x.size(3);
        if (!block && !planes) return super.activate(training, mgr);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        Pointer from = x.data().addressPointer(), to = out.data().addressPointer();
        float[] values = Scratch.first(n);
        if (block) {
            ChannelSplit.inChunks(n, CHUNK, (at, len) -> relu(from, at, to, at, len, values));
        } else {
            int channels = (int) x.size(1), plane = (int) (x.size(2) * x.size(3));
            long sB = x.stride(0), sC = x.stride(1);
            ChannelSplit.run((int) x.size(0) * channels, n, (first, end) -> {
                for (int p = first; p < end; p++) relu(from, (p / channels) * sB + (p % channels) * sC, to, (long) p * plane, plane, values);
            });
        }
        fastForwards++;
        return out;
    }

    /** to[toAt …] = max(from[fromAt …], 0) for len values, through {@code values}[toAt …] (each range its own part of it). */
    private static void relu(Pointer from, long fromAt, Pointer to, long toAt, int len, float[] values) {
        int at = (int) toAt;
        new FloatPointer(from).position(fromAt).get(values, at, len);
        for (int i = at; i < at + len; i++) values[i] = Math.max(values[i], 0f);
        new FloatPointer(to).position(toAt).put(values, at, len);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = input;
        if (x == null || x.dataType() != DataType.FLOAT || epsilon.dataType() != DataType.FLOAT
                || !Arrays.equals(x.shape(), epsilon.shape()) || x.length() > Integer.MAX_VALUE) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        // a permuted view (DL4J's own convolution returns them) is copied to C order first, as DL4J's path copies too
        if (!NdBlas.writable(x)) x = x.dup('c');
        if (!NdBlas.writable(epsilon)) epsilon = epsilon.dup('c');
        int n = (int) x.length();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        Pointer from = x.data().addressPointer(), incoming = epsilon.data().addressPointer(), to = out.data().addressPointer();
        float[] in = Scratch.first(n), grad = Scratch.second(n);
        // in chunks over the cores: each copies its range in, applies the mask and copies it out
        ChannelSplit.inChunks(n, CHUNK, (at, len) -> {
            new FloatPointer(from).position(at).get(in, at, len);
            new FloatPointer(incoming).position(at).get(grad, at, len);
            for (int i = at; i < at + len; i++) grad[i] = PointActivation.passIfPositive(in[i], grad[i]);
            new FloatPointer(to).position(at).put(grad, at, len);
        });
        fastBackwards++;
        return new Pair<>(new DefaultGradient(), out);
    }

    int fastBackwards() {
        return fastBackwards;
    }

    int fastForwards() {
        return fastForwards;
    }
}
