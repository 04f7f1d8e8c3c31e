package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NdBlas#gemmOnCores}: a large product cut into two column bands equals the whole product to float
 * rounding, for every layout a dense layer passes (its forward product into a row-major output, its
 * weight gradient into DL4J's column-major view, its input gradient against transposed weights); the
 * bands on two cores equal the same bands on one core bit for bit; small products stay whole. Controls:
 * a value 0.01 % off, and one a single ulp off, are seen by the same comparisons.
 */
class NdBlasBandsTest {
    private static INDArray rand(long rows, long cols, char order, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.5).dup(order);
    }

    /** c = op(a)·op(b) whole and in bands: {whole, banded}. */
    private static INDArray[] both(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c) {
        INDArray whole = c.dup(c.ordering());
        NdBlas.gemm(a, ta, b, tb, whole);
        long before = NdBlas.bandedProducts();
        NdBlas.gemmOnCores(a, ta, b, tb, c);
        assertThat(NdBlas.bandedProducts()).as("cut into bands").isEqualTo(before + 1);
        return new INDArray[] {whole, c};
    }

    private static void assertClose(INDArray whole, INDArray banded) {
        float[] w = whole.dup('c').data().asFloat(), b = banded.dup('c').data().asFloat();
        double largest = 0;
        for (float v : w) largest = Math.max(largest, Math.abs(v));
        for (int i = 0; i < w.length; i++) {
            assertThat((double) b[i]).as("value %d", i).isCloseTo(w[i], org.assertj.core.data.Offset.offset(1e-6 * largest));
        }
    }

    @Test
    void aForwardProductInBandsEqualsTheWholeProduct() {
        INDArray x = rand(128, 784, 'c', 1), w = rand(784, 256, 'f', 2);
        INDArray[] r = both(x, false, w, false, Nd4j.create(DataType.FLOAT, new long[] {128, 256}, 'c'));
        assertClose(r[0], r[1]);
    }

    @Test
    void aWeightGradientIntoAColumnMajorViewInBandsEqualsTheWholeProduct() {
        INDArray x = rand(128, 784, 'c', 3), delta = rand(128, 256, 'c', 4);
        INDArray[] r = both(x, true, delta, false, Nd4j.create(DataType.FLOAT, new long[] {784, 256}, 'f'));
        assertClose(r[0], r[1]);
    }

    @Test
    void anInputGradientAgainstTransposedWeightsInBandsEqualsTheWholeProduct() {
        INDArray delta = rand(64, 500, 'c', 5), w = rand(800, 500, 'f', 6);
        INDArray[] r = both(delta, false, w, true, Nd4j.create(DataType.FLOAT, new long[] {64, 800}, 'c'));
        assertClose(r[0], r[1]);
    }

    @Test
    void bandsOnTwoCoresEqualTheSameBandsOnOneCoreBitForBit() {
        INDArray x = rand(128, 784, 'c', 7), w = rand(784, 256, 'f', 8);
        INDArray two = Nd4j.create(DataType.FLOAT, 128, 256), one = two.ulike();
        NdBlas.gemmOnCores(x, false, w, false, two);
        System.setProperty(ChannelSplit.OFF, "true");
        try {
            NdBlas.gemmOnCores(x, false, w, false, one);
        } finally {
            System.clearProperty(ChannelSplit.OFF);
        }
        assertThat(one.data().asFloat()).containsExactly(two.data().asFloat());
        // control: one value one ulp off is seen
        float[] off = one.data().asFloat();
        off[1000] = Math.nextUp(off[1000]);
        assertThrows(AssertionError.class, () -> assertThat(off).containsExactly(two.data().asFloat()));
    }

    @Test
    void smallProductsStayWhole() {
        INDArray a = rand(128, 256, 'c', 9), b = rand(256, 128, 'c', 10), c = Nd4j.create(DataType.FLOAT, 128, 128);
        long before = NdBlas.bandedProducts();
        NdBlas.gemmOnCores(a, false, b, false, c); // 4.2 million multiply-adds (the MLP's second layer), under the cut
        assertThat(NdBlas.bandedProducts()).isEqualTo(before);
        INDArray whole = c.ulike();
        NdBlas.gemm(a, false, b, false, whole);
        assertThat(c.data().asFloat()).containsExactly(whole.data().asFloat());
    }

    @Test
    void controlAValueOffByATenThousandthIsSeen() {
        INDArray x = rand(128, 784, 'c', 11), w = rand(784, 256, 'f', 12);
        INDArray[] r = both(x, false, w, false, Nd4j.create(DataType.FLOAT, new long[] {128, 256}, 'c'));
        INDArray wrong = r[1].dup();
        double v = wrong.getDouble(5, 7);
        wrong.putScalar(5, 7, v + 1e-4 * Math.max(1e-3, Math.abs(r[0].amaxNumber().doubleValue())));
        assertThrows(AssertionError.class, () -> assertClose(r[0], wrong));
    }
}
