package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.layerlab.trainer.kernels.ChannelSplit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam in a Java loop in place of ND4J's Adam op, on the same state arrays. The op takes ≈ 1.1–3 ms for
 * an MLP's 235k parameters here; the loop ≈ 0.1 ms with its copies. The arithmetic is the op's
 * (libnd4j's {@code adamUpdater}): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², update = α·m / (√v + ε)
 * with α = lr·√(1−β₂ᵗ⁺¹)/(1−β₁ᵗ⁺¹). The updater object lives in DL4J's updater, which DL4J rebuilds when
 * the learning rate changes, so {@link #ensure} runs before every {@code fit}. Single precision only;
 * other types keep the op. Set {@code -Dlayerlab.fastAdam.off=true} to compare.
 */
public final class FastAdam {
    private static final Field UPDATER = Dl4jFields.field(UpdaterBlock.class, "gradientUpdater");

    private FastAdam() {}

    /** Swaps in the loop for every Adam block of the network's updater, once it exists (after the first fit); returns how many. */
    public static int ensure(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastAdam.off")) return 0;
        ComputationGraphUpdater u = net.getUpdater(false);
        if (u == null) return 0;
        int n = 0;
        for (UpdaterBlock b : u.getUpdaterBlocks()) {
            try {
                if (UPDATER.get(b) instanceof AdamUpdater a && a.getClass() == AdamUpdater.class) {
                    UPDATER.set(b, new Loop(a));
                    n++;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot replace DL4J's Adam updater", e);
            }
        }
        return n;
    }

    /** True when every updater block of {@code net} with Adam runs the loop (tests). */
    public static boolean inUse(ComputationGraph net) {
        ComputationGraphUpdater u = net.getUpdater(false);
        if (u == null) return false;
        for (UpdaterBlock b : u.getUpdaterBlocks()) if (b.getGradientUpdater() instanceof AdamUpdater) return false;
        return true;
    }

    /** DL4J's Adam updater with the loop in front; state and configuration stay the wrapped updater's. */
    static final class Loop implements GradientUpdater<Adam> {
        private final AdamUpdater inner;
        /** Values per chunk of the loop's split over the cores. */
        private static final int CHUNK = 1 << 14;
        private float[] gBuf, mBuf, vBuf;

        Loop(AdamUpdater inner) {
            this.inner = inner;
        }

        @Override
        public Adam getConfig() {
            return inner.getConfig();
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            inner.setState(stateMap, initialize);
        }

        @Override
        public Map<String, INDArray> getState() {
            return inner.getState();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            inner.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            INDArray ms = inner.getM(), vs = inner.getV();
            if (!contiguousFloat(gradient) || !contiguousFloat(ms) || !contiguousFloat(vs) || ms.length() != gradient.length()) {
                inner.applyUpdater(gradient, iteration, epoch);
                return;
            }
            Adam c = inner.getConfig();
            float beta1 = (float) c.getBeta1(), beta2 = (float) c.getBeta2(), eps = (float) c.getEpsilon();
            if (eps == 0) eps = 1e-7f;
            float t = iteration + 1;
            float alpha = (float) (c.getLearningRate(iteration, epoch) * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
            if (!Float.isFinite(alpha) || alpha == 0) alpha = eps; // as the op does
            int n = (int) gradient.length();
            if (gBuf == null || gBuf.length != n) {
                gBuf = new float[n];
                mBuf = new float[n];
                vBuf = new float[n];
            }
            float[] g = gBuf, m = mBuf, v = vBuf;
            Pointer gp = gradient.data().addressPointer(), mp = ms.data().addressPointer(), vp = vs.data().addressPointer();
            float b1 = 1 - beta1, b2 = 1 - beta2, a = alpha, e = eps;
            // in chunks over the cores (each value on its own: the same bits as one loop), each chunk copying its range in and out
            ChannelSplit.inChunks(n, CHUNK, (at, len) -> {
                new FloatPointer(gp).position(at).get(g, at, len);
                new FloatPointer(mp).position(at).get(m, at, len);
                new FloatPointer(vp).position(at).get(v, at, len);
                for (int i = at; i < at + len; i++) {
                    float gi = g[i];
                    float mi = beta1 * m[i] + gi * b1;
                    float vi = beta2 * v[i] + gi * gi * b2;
                    m[i] = mi;
                    v[i] = vi;
                    g[i] = mi * a / ((float) Math.sqrt(vi) + e);
                }
                new FloatPointer(gp).position(at).put(g, at, len);
                new FloatPointer(mp).position(at).put(m, at, len);
                new FloatPointer(vp).position(at).put(v, at, len);
            });
        }

        private static boolean contiguousFloat(INDArray x) {
            return x.dataType() == DataType.FLOAT && x.elementWiseStride() == 1;
        }
    }
}
