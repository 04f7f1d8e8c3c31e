package org.layerlab.trainer.backend;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.pooling.GlobalPoolingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.ChannelSplit;
import org.layerlab.trainer.kernels.NdBlas;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's global average pooling over [B, C, H, W] maps, as one pass over each H×W plane, shared out
 * over the cores: the mean of each plane forward, and each plane filled with its gradient over H·W
 * backward. DL4J's runs a reduction op forward, and backward a broadcast copy then a division over the
 * whole maps (≈ 4 % of a residual-CNN batch together). The backward result is DL4J's bit for bit (the
 * same single-precision division); the forward mean adds up in double precision, so it can differ from
 * DL4J's in the last bit. Masks, other pooling types and dimensions, uncollapsed outputs and inputs that
 * are not FLOAT stay DL4J's.
 */
final class FastAveragePoolingLayer extends GlobalPoolingLayer {
    private int fastForwards, fastBackwards;

    FastAveragePoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** Average pooling over both spatial dimensions of NCHW maps with collapsed output: what this layer covers. */
    static boolean covers(org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer c) {
        int[] dims = c.getPoolingDimensions();
        return c.getPoolingType() == PoolingType.AVG && c.isCollapseDimensions() && (dims == null || Arrays.equals(dims, new int[] {2, 3}));
    }

    /** The input's H×W planes as one block each ({@code x.stride(2) == W}, unit stride), FLOAT, no mask. */
    private boolean fits(INDArray x) {
        return x != null && maskArray == null && x.rank() == 4 && x.dataType() == DataType.FLOAT && x.stride(3) == 1
                && x.stride(2) == x.size(3) && x.length() <= Integer.MAX_VALUE;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        INDArray x = input;
        if (!fits(x)) return super.activate(training, mgr);
        int batch = (int) x.size(0), channels = (int) x.size(1), plane = (int) (x.size(2) * x.size(3));
        long sB = x.stride(0), sC = x.stride(1);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {batch, channels}, 'c');
        float[] means = new float[batch * channels];
        Pointer from = x.data().addressPointer();
        ChannelSplit.run(batch * channels, x.length(), (first, end) -> {
            float[] values = new float[plane];
            for (int p = first; p < end; p++) {
                new FloatPointer(from).position((p / channels) * sB + (p % channels) * sC).get(values, 0, plane);
                double sum = 0;
                for (float v : values) sum += v;
                means[p] = (float) (sum / plane);
            }
        });
        new FloatPointer(out.data().addressPointer()).put(means, 0, means.length);
        fastForwards++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        INDArray x = input;
        if (!fits(x) || epsilon.rank() != 2 || epsilon.dataType() != DataType.FLOAT) return super.backpropGradient(epsilon, mgr);
        int batch = (int) x.size(0), channels = (int) x.size(1), plane = (int) (x.size(2) * x.size(3));
        double[] g = NdBlas.read(epsilon, null); // [B, C] row-major, any layout
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        Pointer to = out.data().addressPointer();
        float n = plane;
        ChannelSplit.run(batch * channels, x.length(), (first, end) -> {
            float[] values = new float[plane];
            for (int p = first; p < end; p++) {
                Arrays.fill(values, (float) g[p] / n); // DL4J: the gradient copied over the plane, then divided in single precision
                new FloatPointer(to).position((long) p * plane).put(values, 0, plane);
            }
        });
        fastBackwards++;
        return new Pair<>(new DefaultGradient(), out);
    }

    int fastForwards() {
        return fastForwards;
    }

    int fastBackwards() {
        return fastBackwards;
    }
}
