package org.layerlab.trainer.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every layout a sequence or a weight view arrives in reads as the same time-major rows / row-major values. */
class SequencesTest {
    private static final int B = 3, F = 4, T = 5;

    @Test
    void sequencesInEveryLayoutBecomeTheSameTimeMajorRows() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray c = Nd4j.rand(type, B, F, T);
            INDArray f = c.dup('f'); // what DL4J's last-time-step layer hands back
            INDArray permuted = c.permute(2, 0, 1).dup('c').permute(1, 2, 0); // strided view, same values
            INDArray wide = Nd4j.rand(type, B, F + 2, T).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1 + F), org.nd4j.linalg.indexing.NDArrayIndex.all());
            wide.assign(c); // a view with gaps
            for (INDArray x : new INDArray[] {c, f, permuted, wide}) {
                NativeMatrix rows = NativeMatrix.allocate(type == DataType.FLOAT, T * B, F);
                Sequences.toTimeMajor(x, rows, T, B, F);
                for (int s = 0; s < T; s++)
                    for (int e = 0; e < B; e++)
                        for (int k = 0; k < F; k++)
                            assertEquals(c.getDouble(e, k, s), rows.get((s * B + e) * F + k), 0.0, type + " " + x.ordering() + " e" + e + " k" + k + " s" + s);
                INDArray back = Nd4j.create(type, new long[] {B, F, T}, 'f');
                Sequences.fromTimeMajor(rows, 0, T, B, F, back);
                assertEquals(c, back);
            }
        }
    }

    @Test
    void weightViewsInEitherOrderLoadRowMajor() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray c = Nd4j.rand(type, F, T);
            for (INDArray x : new INDArray[] {c, c.dup('f'), c.transpose().dup('c').transpose()}) {
                NativeMatrix m = NativeMatrix.allocate(type == DataType.FLOAT, F, T);
                Sequences.load(m, x);
                for (int r = 0; r < F; r++)
                    for (int k = 0; k < T; k++) assertEquals(c.getDouble(r, k), m.get(r * T + k), 0.0, type + " " + x.ordering() + " " + r + "," + k);
            }
        }
    }
}
