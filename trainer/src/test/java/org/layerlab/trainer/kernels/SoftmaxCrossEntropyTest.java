package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Softmax with cross-entropy: each row's probabilities and p − y against a direct computation, and the
 * char-LSTM's 1,600 × 83 shared out over the cores bit for bit equal to one thread (the control: the
 * split really happens on a machine with more than one core, and a one-ulp change is seen).
 */
class SoftmaxCrossEntropyTest {

    private static double[][] batch(int rows, int width, long seed) {
        Random r = new Random(seed);
        double[] z = new double[rows * width], y = new double[rows * width];
        for (int i = 0; i < z.length; i++) z[i] = 3 * r.nextGaussian();
        for (int row = 0; row < rows; row++) y[row * width + r.nextInt(width)] = 1;
        return new double[][] {z, y};
    }

    @Test
    void rowsAreSoftmaxMinusTheLabelsAndTheLossIsTheirCrossEntropy() {
        int rows = 5, width = 7;
        double[][] b = batch(rows, width, 1);
        SoftmaxCrossEntropy k = new SoftmaxCrossEntropy();
        double[] d = k.gradient(b[0], b[1], rows, width).clone();
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < width; c++) sum += Math.exp(b[0][r * width + c]);
            for (int c = 0; c < width; c++) {
                double p = Math.exp(b[0][r * width + c]) / sum;
                assertThat(d[r * width + c]).isCloseTo(p - b[1][r * width + c], org.assertj.core.data.Offset.offset(1e-12));
                if (b[1][r * width + c] != 0) loss -= Math.log(p);
            }
        }
        assertThat(k.loss(1e-15)).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void manyRowsSplitOverTheCoresEqualOneThreadBitForBit() {
        int rows = 1600, width = 83;
        double[][] b = batch(rows, width, 2);
        assertThat(ChannelSplit.parts(rows, (long) rows * width)).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
        double[] split = new SoftmaxCrossEntropy().gradient(b[0], b[1], rows, width).clone();
        double[] one;
        System.setProperty(ChannelSplit.OFF, "true");
        try {
            one = new SoftmaxCrossEntropy().gradient(b[0], b[1], rows, width).clone();
        } finally {
            System.clearProperty(ChannelSplit.OFF);
        }
        assertThat(split).containsExactly(one);
        one[1234] = Math.nextUp(one[1234]);
        assertThat(split).as("control: one ulp is seen").isNotEqualTo(one);
    }
}
