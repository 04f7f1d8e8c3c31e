package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first convolution's weight and bias gradients equal the definition — a sum over examples and output
 * positions of δ times the input under each kernel tap — across strides, padding, dilation and shapes, in
 * double (1e-12) and single precision (1e-5). The control drops the dilation from the definition and must
 * be told apart.
 */
class ConvWeightGradientTest {

    /** The geometry of one case: channels, input size, filters, kernel, stride, padding, dilation. */
    record Geometry(int c, int h, int w, int o, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW) {
        int oh() {
            return (h + 2 * pH - (dH * (kH - 1) + 1)) / sH + 1;
        }

        int ow() {
            return (w + 2 * pW - (dW * (kW - 1) + 1)) / sW + 1;
        }
    }

    static List<Arguments> cases() {
        return List.of(Arguments.of("LeNet's first layer", new Geometry(1, 28, 28, 20, 5, 5, 1, 1, 0, 0, 1, 1)),
                Arguments.of("3 channels, 3×3 padded", new Geometry(3, 9, 9, 4, 3, 3, 1, 1, 1, 1, 1, 1)),
                Arguments.of("stride 2, odd size", new Geometry(2, 11, 7, 5, 3, 3, 2, 2, 1, 1, 1, 1)),
                Arguments.of("dilation 2", new Geometry(2, 12, 12, 3, 3, 3, 1, 1, 0, 0, 2, 2)),
                Arguments.of("2×4 kernel, strides 1×2, padding 0×1", new Geometry(3, 8, 11, 6, 2, 4, 1, 2, 0, 1, 1, 1)));
    }

    /** ∂L/∂W straight from the definition, in double precision. */
    static double[] definition(INDArray x, INDArray delta, Geometry g, boolean ignoreDilation) {
        int dH = ignoreDilation ? 1 : g.dH(), dW = ignoreDilation ? 1 : g.dW();
        double[] out = new double[g.o() * g.c() * g.kH() * g.kW()];
        for (int e = 0; e < x.size(0); e++) for (int o = 0; o < g.o(); o++) for (int c = 0; c < g.c(); c++)
            for (int i = 0; i < g.kH(); i++) for (int j = 0; j < g.kW(); j++) for (int y = 0; y < g.oh(); y++) for (int z = 0; z < g.ow(); z++) {
                int iy = y * g.sH() - g.pH() + i * dH, ix = z * g.sW() - g.pW() + j * dW;
                if (iy < 0 || iy >= g.h() || ix < 0 || ix >= g.w()) continue;
                out[((o * g.c() + c) * g.kH() + i) * g.kW() + j] += delta.getDouble(e, o, y, z) * x.getDouble(e, c, iy, ix);
            }
        return out;
    }

    static INDArray[] computed(Geometry g, DataType t, INDArray x, INDArray delta) {
        INDArray gW = Nd4j.zeros(t, g.o(), g.c(), g.kH(), g.kW()), gB = Nd4j.zeros(t, 1, g.o());
        new ConvWeightGradient().compute(x, delta, g.kH(), g.kW(), g.sH(), g.sW(), g.pH(), g.pW(), g.dH(), g.dW(), gW, gB);
        return new INDArray[] {gW, gB};
    }

    static double relativeDifference(double[] a, double[] b) {
        double diff = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return Math.sqrt(diff / Math.max(norm, 1e-300));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void equalsTheDefinitionInBothPrecisions(String name, Geometry g) {
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.randn(t, 3, g.c(), g.h(), g.w()), delta = Nd4j.randn(t, 3, g.o(), g.oh(), g.ow());
            INDArray[] got = computed(g, t, x, delta);
            double tolerance = t == DataType.DOUBLE ? 1e-12 : 1e-5;
            assertThat(relativeDifference(got[0].dup('c').data().asDouble(), definition(x, delta, g, false))).as("%s weights", t)
                    .isLessThan(tolerance);
            double[] bias = new double[g.o()];
            for (int o = 0; o < g.o(); o++) bias[o] = delta.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(o)).sumNumber().doubleValue();
            assertThat(relativeDifference(got[1].data().asDouble(), bias)).as("%s bias", t).isLessThan(tolerance);
        }
    }

    /**
     * A batch large enough to be shared out over the cores (LeNet's first layer, 16 examples): each part's
     * sums added in order still equal the definition, and equal the one-thread result within rounding.
     */
    @Test
    void aBatchSharedOutOverTheCoresEqualsTheDefinition() {
        Geometry g = new Geometry(1, 28, 28, 20, 5, 5, 1, 1, 0, 0, 1, 1);
        assertThat(ChannelSplit.parts(16, 16L * 25 * g.oh() * g.ow())).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            Nd4j.getRandom().setSeed(8);
            INDArray x = Nd4j.randn(t, 16, g.c(), g.h(), g.w()), delta = Nd4j.randn(t, 16, g.o(), g.oh(), g.ow());
            INDArray[] split = computed(g, t, x, delta), whole;
            System.setProperty(ChannelSplit.OFF, "true");
            try {
                whole = computed(g, t, x, delta);
            } finally {
                System.clearProperty(ChannelSplit.OFF);
            }
            double tolerance = t == DataType.DOUBLE ? 1e-12 : 1e-5;
            assertThat(relativeDifference(split[0].dup('c').data().asDouble(), definition(x, delta, g, false))).as("%s weights", t)
                    .isLessThan(tolerance);
            assertThat(relativeDifference(split[0].dup('c').data().asDouble(), whole[0].dup('c').data().asDouble())).isLessThan(tolerance);
            assertThat(relativeDifference(split[1].data().asDouble(), whole[1].data().asDouble())).as("%s bias", t).isLessThan(tolerance);
        }
    }

    @Test
    void controlADefinitionWithoutTheDilationIsToldApart() {
        Geometry g = new Geometry(2, 12, 12, 3, 3, 3, 1, 1, 0, 0, 2, 2);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 3, g.c(), g.h(), g.w()), delta = Nd4j.randn(DataType.DOUBLE, 3, g.o(), g.oh(), g.ow());
        double[] got = computed(g, DataType.DOUBLE, x, delta)[0].dup('c').data().asDouble();
        assertThat(relativeDifference(got, definition(x, delta, g, true))).isGreaterThan(1e-3);
    }
}
