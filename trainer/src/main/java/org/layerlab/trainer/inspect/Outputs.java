package org.layerlab.trainer.inspect;

import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A network's outputs for a few examples as plain arrays (reconstructions, predictions). */
public final class Outputs {
    private Outputs() {}

    /** One flattened output per example of {@code inputs} (inference mode). */
    public static float[][] of(TrainingRun run, INDArray inputs) {
        INDArray out = run.inspect(net -> net.outputSingle(false, inputs.castTo(net.params().dataType())).castTo(DataType.FLOAT).dup('c'));
        int n = (int) out.size(0);
        int per = (int) (out.length() / n);
        float[] flat = out.data().asFloat();
        float[][] rows = new float[n][per];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * per, rows[i], 0, per);
        return rows;
    }

    /** Each example's features flattened (the inputs shown beside their reconstructions). */
    public static float[][] rows(INDArray examples) {
        INDArray a = examples.castTo(DataType.FLOAT).dup('c');
        int n = (int) a.size(0);
        int per = (int) (a.length() / n);
        float[] flat = a.data().asFloat();
        float[][] rows = new float[n][per];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * per, rows[i], 0, per);
        return rows;
    }
}
