package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.layerlab.trainer.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM kernel's batch parts at the char-LSTM benchmark's shapes, in single precision: the two parts'
 * time loops on two cores give the same results bit for bit as the same parts one after the other on one
 * core, and agree with one undivided part within float rounding. FastLstmTest holds the parts to DL4J's
 * LSTM in double precision.
 */
class LstmKernelTest {
    static final int BATCH = 32, INPUTS = 83, STEPS = 50, UNITS = 128;
    static final String[] NAMES = {"output", "input weight gradient", "recurrent weight gradient", "bias gradient", "input gradient"};

    @Test
    void twoPartsOnTwoCoresEqualTheSamePartsOnOneCoreBitForBit() {
        assertThat(BatchParts.of(BATCH, (long) STEPS * BATCH * 4 * UNITS)).isEqualTo(2);
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(ChannelSplit.parts(2, (long) STEPS * BATCH * 4 * UNITS)).as("the parts are offered to a second core").isEqualTo(2);
        }
        INDArray[] twoCores = pass();
        INDArray[] oneCore = withProperty(ChannelSplit.OFF, this::pass);
        for (int i = 0; i < NAMES.length; i++) {
            assertThat(twoCores[i].data().asFloat()).as(NAMES[i]).isEqualTo(oneCore[i].data().asFloat());
        }
        // control: the comparison sees a change in the last bit of one value
        float[] nudged = twoCores[2].data().asFloat();
        nudged[5] = Math.nextUp(nudged[5]);
        assertThat(nudged).isNotEqualTo(oneCore[2].data().asFloat());
    }

    @Test
    void twoPartsAgreeWithOneUndividedPartWithinFloatRounding() {
        INDArray[] parts = pass();
        INDArray[] whole = withProperty(BatchParts.OFF, this::pass);
        for (int i = 0; i < NAMES.length; i++) {
            double largest = whole[i].amaxNumber().doubleValue(), worst = parts[i].sub(whole[i]).amaxNumber().doubleValue();
            assertThat(worst).as(NAMES[i]).isLessThanOrEqualTo(1e-5 * largest); // measured: at most 6e-7 of the largest
        }
        // control: one recurrent weight gradient 0.01 % of the largest off is seen
        INDArray nudged = parts[2].dup();
        double largest = whole[2].amaxNumber().doubleValue();
        nudged.putScalar(7, nudged.getDouble(7) + 1e-4 * largest);
        assertThat(nudged.sub(whole[2]).amaxNumber().doubleValue()).isGreaterThan(1e-5 * largest);
    }

    private INDArray[] pass() {
        Backend.init();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, INPUTS, STEPS);
        INDArray wx = Nd4j.randn(DataType.FLOAT, INPUTS, 4 * UNITS).muli(0.1), wr = Nd4j.randn(DataType.FLOAT, UNITS, 4 * UNITS).muli(0.1);
        INDArray eps = Nd4j.randn(DataType.FLOAT, BATCH, UNITS, STEPS);
        double[] bias = new double[4 * UNITS];
        for (int i = 0; i < bias.length; i++) bias[i] = 0.01 * (i % 7);
        LstmKernel kernel = new LstmKernel();
        LstmKernel.Trace tr = kernel.forward(true, x, wx, wr, bias, null, null);
        INDArray out = Nd4j.create(DataType.FLOAT, BATCH, UNITS, STEPS);
        tr.outputsInto(out);
        INDArray gWx = Nd4j.create(DataType.FLOAT, INPUTS, 4 * UNITS), gWr = Nd4j.create(DataType.FLOAT, UNITS, 4 * UNITS);
        INDArray gB = Nd4j.create(DataType.FLOAT, 1, 4 * UNITS), gX = Nd4j.create(DataType.FLOAT, BATCH, INPUTS, STEPS);
        kernel.backward(tr, eps, gWx, gWr, gB, gX);
        kernel.releaseWork();
        return new INDArray[] {out, gWx, gWr, gB, gX};
    }

    private static INDArray[] withProperty(String property, java.util.function.Supplier<INDArray[]> body) {
        System.setProperty(property, "true");
        try {
            return body.get();
        } finally {
            System.clearProperty(property);
        }
    }
}
