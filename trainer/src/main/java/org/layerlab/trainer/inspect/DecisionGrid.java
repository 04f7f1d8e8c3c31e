package org.layerlab.trainer.inspect;

import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A classifier's answer over a square grid of 2-D inputs, as TensorFlow Playground paints it:
 * the class probabilities at the centre of each of {@code n × n} cells spanning [x0, x1] × [y0, y1]
 * (row 0 at y1, the top). A one-unit sigmoid output counts as two classes. Immutable.
 */
public record DecisionGrid(int n, int classes, double x0, double x1, double y0, double y1, float[] probabilities) {

    public DecisionGrid {
        probabilities = probabilities.clone();
    }

    /** Probability of class {@code k} in cell (row, col). */
    public float probability(int row, int col, int k) {
        return probabilities[(row * n + col) * classes + k];
    }

    /** Evaluates the run's network (inference mode) on the grid; the network must take 2 features. */
    public static DecisionGrid of(TrainingRun run, double x0, double x1, double y0, double y1, int n) {
        INDArray points = Nd4j.create(DataType.FLOAT, (long) n * n, 2);
        for (int r = 0; r < n; r++) {
            double y = y1 - (r + 0.5) / n * (y1 - y0);
            for (int c = 0; c < n; c++) {
                points.putScalar(r * n + c, 0, x0 + (c + 0.5) / n * (x1 - x0));
                points.putScalar(r * n + c, 1, y);
            }
        }
        INDArray out = run.inspect(net -> net.outputSingle(false, points.castTo(net.params().dataType())).castTo(DataType.FLOAT).dup());
        if (out.rank() != 2) throw new IllegalArgumentException("the network's output is not a vector per example");
        float[] p = out.data().asFloat();
        int k = (int) out.size(1);
        if (k == 1) {
            float[] two = new float[n * n * 2];
            for (int i = 0; i < n * n; i++) {
                two[2 * i] = 1 - p[i];
                two[2 * i + 1] = p[i];
            }
            return new DecisionGrid(n, 2, x0, x1, y0, y1, two);
        }
        return new DecisionGrid(n, k, x0, x1, y0, y1, p);
    }
}
