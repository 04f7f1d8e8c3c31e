package org.layerlab.trainer.backend;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.BatchNormFloat;
import org.layerlab.trainer.kernels.BatchNormKernel;
import org.layerlab.trainer.kernels.NdBlas;
import org.layerlab.trainer.kernels.Scratch;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's batch normalization layer computed by {@link BatchNormKernel}: one read of the input, the
 * statistics and the output in Java, one write. libnd4j's {@code batchnorm_bp} took ≈ 4 ms a call on the
 * residual CNN's 32×16×32×32 maps, of which oneDNN's own backward pass was 0.7 ms (DNNL_VERBOSE), and the
 * forward pass's variance ran as a slow strided reduction ({@code execSummaryStatsTad}, a tenth of a
 * batch). NCHW (or [N, C]) input with trained γ and β; anything else returns null, which sends DL4J to
 * its own path for that call. DL4J updates the running mean and variance from {@link #getMeanCache} and
 * {@link #getVarCache} as it does for its other helpers. Single-precision maps stored as one row-major block
 * go through {@link BatchNormFloat} without a double-precision copy. One thread at a time (it keeps its work arrays).
 */
final class FastBatchNormHelper implements BatchNormalizationHelper {
    private double[] x, y, epsilon, batchMean = new double[0], batchVar = new double[0];
    private INDArray meanCache, varCache;
    private int forwards, backwards, floatPasses;

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("work arrays", 8L * (length(x) + length(y) + length(epsilon)));
    }

    private static long length(double[] a) {
        return a == null ? 0 : a.length;
    }

    /**
     * Shortest run of a channel (the map's size) worth copying on its own: each run is one native copy call,
     * so a dense layer's [N, C] (runs of one value) is converted whole instead.
     */
    private static final int MIN_RUN = 32;

    /**
     * True when {@link BatchNormFloat} computes this layer: FLOAT maps with long runs, unless
     * {@code -Dlayerlab.batchNormFloat.off=true} sends them through the double-precision copies to compare.
     */
    private static boolean singlePrecision(INDArray in, int hw) {
        return in.dataType() == DataType.FLOAT && hw >= MIN_RUN && in.length() <= Integer.MAX_VALUE
                && !Boolean.getBoolean("layerlab.batchNormFloat.off");
    }

    /** The array itself when it is one row-major block, else a C-order copy (a permuted view from DL4J's own convolution). */
    private static INDArray block(INDArray a) {
        return NdBlas.writable(a) ? a : a.dup('c');
    }

    /** True for the arrays {@link BatchNormKernel} reads: float or double, channels on the second axis. */
    private static boolean supported(INDArray in, CNN2DFormat format, INDArray gamma, INDArray beta) {
        DataType t = in.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && gamma != null && beta != null
                && (in.rank() == 2 || in.rank() == 4 && format != CNN2DFormat.NHWC);
    }

    @Override
    public INDArray preOutput(INDArray in, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean, INDArray var,
                              double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(in, format, gamma, beta)) return null;
        int n = (int) in.size(0), c = (int) in.size(1), hw = (int) (in.length() / Math.max(1, (long) n * c));
        double[] g = NdBlas.read(gamma, null), b = NdBlas.read(beta, null);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), in.shape(), 'c');
        boolean floats = singlePrecision(in, hw);
        if (floats) {
            in = block(in);
        } else {
            x = NdBlas.read(in, x);
            y = y != null && y.length >= in.length() ? y : new double[(int) in.length()];
        }
        if (training) {
            if (batchMean.length != c) {
                batchMean = new double[c];
                batchVar = new double[c];
            }
            if (floats) {
                BatchNormFloat.forwardTraining(in.data().addressPointer(), out.data().addressPointer(), n, c, hw, g, b, eps,
                        batchMean, batchVar, Scratch.first(in.length()));
                floatPasses++;
            } else {
                BatchNormKernel.forwardTraining(x, n, c, hw, g, b, eps, batchMean, batchVar, y);
            }
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                if (meanCache == null || meanCache.length() != c || meanCache.dataType() != in.dataType()) {
                    meanCache = Nd4j.createUninitialized(in.dataType(), c);
                    varCache = Nd4j.createUninitialized(in.dataType(), c);
                }
            }
            NdBlas.write(meanCache, batchMean);
            NdBlas.write(varCache, batchVar);
            forwards++;
        } else if (floats) {
            BatchNormFloat.forwardInference(in.data().addressPointer(), out.data().addressPointer(), n, c, hw, g, b,
                    NdBlas.read(mean, null), NdBlas.read(var, null), eps, Scratch.first(in.length()));
        } else {
            BatchNormKernel.forwardInference(x, n, c, hw, g, b, NdBlas.read(mean, null), NdBlas.read(var, null), eps, y);
        }
        if (!floats) NdBlas.write(out, y);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray in, INDArray eps, long[] shape, INDArray gamma, INDArray beta,
                                                     INDArray dGammaView, INDArray dBetaView, double epsValue, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        int n = (int) in.size(0), c = (int) in.size(1), hw = (int) (in.length() / Math.max(1, (long) n * c));
        // the statistics come from this helper's training forward pass over the same input
        if (!supported(in, format, gamma, beta) || dGammaView == null || batchMean.length != c) return null;
        double[] dGamma = new double[c], dBeta = new double[c], gam = NdBlas.read(gamma, null);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c');
        if (singlePrecision(in, hw) && eps.dataType() == DataType.FLOAT && Arrays.equals(in.shape(), eps.shape())) {
            BatchNormFloat.backward(block(in).data().addressPointer(), block(eps).data().addressPointer(), dx.data().addressPointer(), n, c, hw, gam,
                    batchMean, batchVar, epsValue, dGamma, dBeta, Scratch.first(in.length()), Scratch.second(in.length()));
            floatPasses++;
        } else {
            x = NdBlas.read(in, x);
            epsilon = NdBlas.read(eps, epsilon);
            y = y != null && y.length >= in.length() ? y : new double[(int) in.length()];
            BatchNormKernel.backward(x, epsilon, n, c, hw, gam, batchMean, batchVar, epsValue, y, dGamma, dBeta);
            NdBlas.write(dx, y);
        }
        NdBlas.store(dGammaView, dGamma);
        NdBlas.store(dBetaView, dBeta);
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        backwards++;
        return new Pair<>(g, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    /** Training forward and backward passes this helper computed (tests: the fast path really ran). */
    int[] passes() {
        return new int[] {forwards, backwards};
    }

    /** Training passes that went through {@link BatchNormFloat} (tests: which path ran). */
    int singlePrecisionPasses() {
        return floatPasses;
    }
}
