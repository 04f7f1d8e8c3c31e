package org.layerlab.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Picking rows copies exactly those examples, for every rank and layout, contiguous or not. */
class DatasetRowsTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static void assertRows(INDArray features, INDArray labels, int[] idx) {
        Dataset picked = new Dataset(features, labels).rows(idx);
        features = features.dup('c'); // the expected rows, read from a plain copy
        labels = labels.dup('c');
        assertThat(picked.features().shape()[0]).isEqualTo(idx.length);
        for (int i = 0; i < idx.length; i++) {
            assertThat(row(picked.features(), i)).as("features of row " + i).isEqualTo(row(features, idx[i]));
            assertThat(row(picked.labels(), i)).as("labels of row " + i).isEqualTo(row(labels, idx[i]));
        }
    }

    private static INDArray row(INDArray a, int i) {
        org.nd4j.linalg.indexing.INDArrayIndex[] ix = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        ix[0] = NDArrayIndex.point(i);
        for (int d = 1; d < ix.length; d++) ix[d] = NDArrayIndex.all();
        return a.get(ix).dup('c');
    }

    @Test
    void rowsOfImagesSequencesAndVectorsInAnyOrder() {
        int[] idx = {4, 0, 4, 2};
        INDArray labels = Nd4j.arange(10).castTo(DataType.FLOAT).reshape(5, 2);
        assertRows(Nd4j.rand(DataType.FLOAT, 5, 3, 4, 4), labels, idx);
        assertRows(Nd4j.rand(DataType.FLOAT, 5, 2, 7), labels, idx);
        assertRows(Nd4j.rand(DataType.DOUBLE, 5, 6), labels.castTo(DataType.DOUBLE), idx);
    }

    @Test
    void rowsOfViewsAndFortranOrderedArraysToo() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 9, 6);
        INDArray view = big.get(NDArrayIndex.interval(2, 7), NDArrayIndex.all());
        INDArray labels = Nd4j.rand(DataType.FLOAT, 5, 3);
        assertRows(view, labels, new int[] {3, 1});
        assertRows(Nd4j.rand(DataType.FLOAT, 5, 6).dup('f'), labels.dup('f'), new int[] {0, 4, 1});
    }
}
