package org.layerlab.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The histogram's bulk copy reads the right values whatever the array's layout, and bins them right. */
class HistogramValuesTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @Test
    void valuesOfViewsTransposesAndOtherTypesAreTheElementsInCOrder() {
        INDArray flat = Nd4j.linspace(DataType.FLOAT, 1, 24, 1);
        INDArray f = flat.get(NDArrayIndex.interval(6, 18)).reshape('f', 3, 4); // a view in F order, like DL4J's weights
        float[] expected = new float[12];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) expected[i * 4 + j] = f.getFloat(i, j);
        assertThat(MetricsListener.values(f)).containsExactly(expected);
        assertThat(MetricsListener.values(f.transpose())).hasSize(12).contains(7f, 18f);
        assertThat(MetricsListener.values(Nd4j.createFromArray(1.5, -2.0).reshape(1, 2))).containsExactly(1.5f, -2f);
        assertThat(MetricsListener.values(flat)).hasSize(24).startsWith(1f, 2f).endsWith(24f);
        assertThat(MetricsListener.values(flat.get(NDArrayIndex.interval(0, 5)))).containsExactly(1f, 2f, 3f, 4f, 5f);
        assertThat(MetricsListener.values(flat.reshape(1, 24))).hasSize(24).startsWith(1f, 2f).endsWith(24f);
        INDArray rows = flat.reshape(4, 6).get(NDArrayIndex.interval(0, 2), NDArrayIndex.all());
        assertThat(MetricsListener.values(rows)).containsExactly(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f);
    }

    @Test
    void valuesFillAReusedArrayOnlyWhenItIsExactlyTheRightLength() {
        INDArray flat = Nd4j.linspace(DataType.FLOAT, 1, 24, 1);
        float[] buffer = new float[24];
        assertThat(MetricsListener.values(flat, buffer)).isSameAs(buffer).startsWith(1f, 2f).endsWith(24f);
        float[] refilled = MetricsListener.values(flat.mul(2), buffer);
        assertThat(refilled).isSameAs(buffer).startsWith(2f, 4f).endsWith(48f);
        float[] wrongLength = new float[25];
        assertThat(MetricsListener.values(flat, wrongLength)).isNotSameAs(wrongLength).hasSize(24);
        INDArray f = flat.get(NDArrayIndex.interval(6, 18)).reshape('f', 3, 4);
        assertThat(MetricsListener.values(f, new float[12])).containsExactly(MetricsListener.values(f));
    }

    @Test
    void countsPutEachValueInItsBinTheMaximumInTheLastAndSkipNaN() {
        float[] v = {0f, 0.24f, 0.25f, 0.5f, 0.99f, 1f, Float.NaN};
        assertThat(MetricsListener.counts(v, 0f, 1f, 4)).containsExactly(2, 1, 1, 2);
        assertThat(MetricsListener.counts(new float[] {3f, 3f}, 3f, 3f, 4)).containsExactly(2, 0, 0, 0);
    }
}
