package org.layerlab.trainer.run;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.spec.Loss;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.metrics.Classes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Loss and quality of a network on a data set: for classifiers accuracy and a confusion matrix
 * (rows = true class, columns = predicted), for regression MSE and MAE. Immutable.
 */
public record Evaluation(double loss, double accuracy, int[][] confusion, double mse, double mae, int examples) {

    public static boolean isClassifier(Loss loss) {
        return loss == Loss.CATEGORICAL_CROSS_ENTROPY || loss == Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY || loss == Loss.BINARY_CROSS_ENTROPY;
    }

    /** Evaluates in batches of {@code batchSize} (inference mode: no dropout). Training thread only. */
    public static Evaluation of(ComputationGraph net, Dataset data, Loss loss, int batchSize) {
        boolean classifier = isClassifier(loss);
        double lossSum = 0;
        long correct = 0;
        double se = 0;
        double ae = 0;
        long values = 0;
        int[][] confusion = null;
        for (DataSet b : data.batches(batchSize)) {
            int n = (int) b.getFeatures().size(0);
            lossSum += net.score(b, false) * n;
            INDArray out = net.outputSingle(false, b.getFeatures());
            INDArray labels = b.getLabels();
            if (classifier && out.rank() == 2) {
                int classes = (int) out.size(1);
                if (confusion == null) confusion = new int[Math.max(2, classes)][Math.max(2, classes)];
                int[] predicted = Classes.predicted(out);
                int[] actual = Classes.actual(labels, loss == Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY, classes);
                for (int i = 0; i < n; i++) {
                    confusion[actual[i]][predicted[i]]++;
                    if (predicted[i] == actual[i]) correct++;
                }
            } else if (!classifier) {
                INDArray diff = out.sub(labels);
                se += diff.mul(diff).sumNumber().doubleValue();
                ae += org.nd4j.linalg.ops.transforms.Transforms.abs(diff).sumNumber().doubleValue();
                values += diff.length();
            }
        }
        int n = data.size();
        return new Evaluation(n == 0 ? Double.NaN : lossSum / n,
                classifier && confusion != null ? correct / (double) n : Double.NaN, confusion,
                values == 0 ? Double.NaN : se / values, values == 0 ? Double.NaN : ae / values, n);
    }
}
