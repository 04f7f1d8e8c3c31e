package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The single-precision passes on native maps give, bit for bit, the floats of {@link BatchNormKernel}'s
 * double-precision passes over the same values widened (whose gradients BatchNormKernelTest checks by
 * finite differences): training forward, inference and backward, for maps small enough for one thread,
 * large enough to be split over the cores, and read from a view that starts inside its buffer. The
 * control: the same comparison sees a one-ulp change of a single output.
 */
class BatchNormFloatTest {
    private static final double EPS = 1e-5;

    private record Maps(int n, int c, int hw, INDArray x, INDArray dy, double[] gamma, double[] beta) {
        static Maps random(int n, int c, int hw, long seed, boolean view) {
            Random r = new Random(seed);
            float[] x = new float[n * c * hw], dy = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (1.5 * r.nextGaussian() + 0.7 * (i % 3));
                dy[i] = (float) r.nextGaussian();
            }
            double[] g = new double[c], b = new double[c];
            for (int i = 0; i < c; i++) {
                g[i] = 0.5 + r.nextDouble();
                b[i] = r.nextGaussian();
            }
            INDArray xs = Nd4j.create(x, new long[] {n, c, hw}, 'c');
            if (view) { // the same values as examples 1…n of a larger batch: the view starts at an offset
                INDArray big = Nd4j.rand(DataType.FLOAT, n + 2, c, hw);
                big.get(NDArrayIndex.interval(1, n + 1), NDArrayIndex.all(), NDArrayIndex.all()).assign(xs);
                xs = big.get(NDArrayIndex.interval(1, n + 1), NDArrayIndex.all(), NDArrayIndex.all());
                assertThat(xs.offset()).isPositive();
                assertThat(NdBlas.writable(xs)).isTrue();
            }
            return new Maps(n, c, hw, xs, Nd4j.create(dy, new long[] {n, c, hw}, 'c'), g, b);
        }

        double[] wide(INDArray a) {
            return a.dup('c').data().asDouble();
        }
    }

    private static float[] rounded(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /** Runs both kernels on the maps and returns {float outputs, double-kernel outputs rounded} for forward, inference, backward. */
    private static float[][] bothPaths(Maps m) {
        int n = m.n, c = m.c, hw = m.hw, len = n * c * hw;
        double[] mean = new double[c], var = new double[c], y = new double[len];
        BatchNormKernel.forwardTraining(m.wide(m.x), n, c, hw, m.gamma, m.beta, EPS, mean, var, y);
        double[] meanF = new double[c], varF = new double[c];
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n, c, hw);
        BatchNormFloat.forwardTraining(m.x.data().addressPointer(), out.data().addressPointer(), n, c, hw, m.gamma, m.beta, EPS,
                meanF, varF, new float[len]);
        assertThat(meanF).as("batch mean").containsExactly(mean);
        assertThat(varF).as("batch variance").containsExactly(var);

        double[] running = {0.3, -0.2, 1.1}, spread = {0.9, 1.7, 0.4};
        double[] rm = new double[c], rv = new double[c];
        for (int i = 0; i < c; i++) {
            rm[i] = running[i % 3];
            rv[i] = spread[i % 3];
        }
        double[] yi = new double[len];
        BatchNormKernel.forwardInference(m.wide(m.x), n, c, hw, m.gamma, m.beta, rm, rv, EPS, yi);
        INDArray outI = Nd4j.createUninitialized(DataType.FLOAT, n, c, hw);
        BatchNormFloat.forwardInference(m.x.data().addressPointer(), outI.data().addressPointer(), n, c, hw, m.gamma, m.beta, rm, rv,
                EPS, new float[len]);

        double[] dx = new double[len], dGamma = new double[c], dBeta = new double[c];
        BatchNormKernel.backward(m.wide(m.x), m.wide(m.dy), n, c, hw, m.gamma, mean, var, EPS, dx, dGamma, dBeta);
        double[] dGammaF = new double[c], dBetaF = new double[c];
        INDArray dxF = Nd4j.createUninitialized(DataType.FLOAT, n, c, hw);
        BatchNormFloat.backward(m.x.data().addressPointer(), m.dy.data().addressPointer(), dxF.data().addressPointer(), n, c, hw,
                m.gamma, meanF, varF, EPS, dGammaF, dBetaF, new float[len], new float[len]);
        assertThat(dGammaF).as("dγ").containsExactly(dGamma);
        assertThat(dBetaF).as("dβ").containsExactly(dBeta);
        return new float[][] {floats(out), rounded(y), floats(outI), rounded(yi), floats(dxF), rounded(dx)};
    }

    private static void assertSame(float[][] r) {
        assertThat(r[0]).as("training output").containsExactly(r[1]);
        assertThat(r[2]).as("inference output").containsExactly(r[3]);
        assertThat(r[4]).as("input gradient").containsExactly(r[5]);
    }

    @Test
    void smallMapsWithOddRunsEqualTheDoubleKernel() {
        Maps m = Maps.random(5, 7, 37, 1, false);
        assertThat(ChannelSplit.parts(m.c, (long) m.n * m.c * m.hw)).isEqualTo(1);
        assertSame(bothPaths(m));
    }

    @Test
    void mapsSplitOverTheCoresEqualTheDoubleKernel() {
        Maps m = Maps.random(8, 16, 1024, 2, false);
        assertThat(ChannelSplit.parts(m.c, (long) m.n * m.c * m.hw)).as("split when the machine has more than one core")
                .isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
        assertSame(bothPaths(m));
    }

    @Test
    void aViewStartingInsideItsBufferIsReadFromItsStart() {
        assertSame(bothPaths(Maps.random(4, 3, 50, 3, true)));
    }

    @Test
    void controlOneUlpInOneOutputIsSeen() {
        float[][] r = bothPaths(Maps.random(5, 7, 37, 4, false));
        r[4][100] = Math.nextUp(r[4][100]);
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertSame(r));
    }
}
