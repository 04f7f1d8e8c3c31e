package org.layerlab.trainer.run;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.spec.Loss;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.metrics.Classes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss and quality of a network on a data set: for classifiers accuracy and a confusion matrix
 * (rows = true class, columns = predicted), for regression MSE and MAE. With several Outputs the loss
 * is their sum (what DL4J trains on) and the rest describes the first Output. {@code outputSumError} is the
 * largest |Σ outputs − 1| of one example (0 for softmax outputs, up to rounding), NaN unless the outputs
 * are vectors. Immutable.
 */
public record Evaluation(double loss, double accuracy, int[][] confusion, double mse, double mae, int examples, double outputSumError) {

    public static boolean isClassifier(Loss loss) {
        return loss == Loss.CATEGORICAL_CROSS_ENTROPY || loss == Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY || loss == Loss.BINARY_CROSS_ENTROPY;
    }

    /** Evaluates in batches of {@code batchSize} (inference mode: no dropout). Training thread only. */
    /** @param loss the first Output's loss, which says whether it is a classifier */
    public static Evaluation of(ComputationGraph net, Dataset data, Loss loss, int batchSize) {
        boolean classifier = isClassifier(loss);
        double lossSum = 0;
        long correct = 0;
        double se = 0;
        double ae = 0;
        long values = 0;
        int[][] confusion = null;
        double sumError = Double.NaN;
        INDArray[] inputs = new INDArray[data.inputCount()];
        for (Dataset b : data.chunks(batchSize)) {
            int n = b.size();
            lossSum += net.score(b.toMultiDataSet(), false) * n;
            for (int i = 0; i < inputs.length; i++) inputs[i] = b.features(i);
            INDArray out = net.output(false, inputs)[0];
            INDArray labels = b.labels(0);
            if (out.rank() == 2) {
                double worst = out.sum(1).subi(1).amaxNumber().doubleValue();
                sumError = Double.isNaN(sumError) ? worst : Math.max(sumError, worst);
            }
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
                values == 0 ? Double.NaN : se / values, values == 0 ? Double.NaN : ae / values, n, sumError);
    }
}
