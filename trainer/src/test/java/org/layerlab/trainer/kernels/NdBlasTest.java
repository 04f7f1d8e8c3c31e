package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reading and writing single-precision arrays as doubles: a large one goes in chunks over the cores,
 * each chunk at its own place in the array's memory (here a row of a larger array, so at an offset).
 */
class NdBlasTest {

    @Test
    void aLargeRowAtAnOffsetReadsAndWritesEveryValueInPlace() {
        int n = 200_003; // over two parts' worth, and not a whole number of chunks
        INDArray whole = Nd4j.rand(DataType.FLOAT, 3, n);
        INDArray row = whole.getRow(1);
        assertThat(row.offset()).isEqualTo(n);
        double[] v = NdBlas.read(row, null);
        assertThat(v).containsExactly(row.toDoubleVector());

        INDArray before = whole.dup();
        for (int i = 0; i < n; i++) v[i] = i * 0.5;
        NdBlas.write(row, v);
        float[] written = row.toFloatVector();
        for (int i = 0; i < n; i++) assertThat(written[i]).as("value %d", i).isEqualTo((float) (i * 0.5));
        // the rows around it are untouched
        assertThat(whole.getRow(0)).isEqualTo(before.getRow(0));
        assertThat(whole.getRow(2)).isEqualTo(before.getRow(2));
    }

    @Test
    void smallAndDoubleArraysToo() {
        INDArray f = Nd4j.rand(DataType.FLOAT, 7, 5), d = Nd4j.rand(DataType.DOUBLE, 7, 5);
        assertThat(NdBlas.read(f, null)).containsExactly(f.ravel().toDoubleVector());
        assertThat(NdBlas.read(d, new double[100])).startsWith(d.ravel().toDoubleVector());
    }
}
