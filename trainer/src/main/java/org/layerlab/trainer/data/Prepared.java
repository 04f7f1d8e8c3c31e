package org.layerlab.trainer.data;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Data split and scaled for one run: validation split off the (seeded, shuffled) training examples by
 * the settings' fraction; the normalizer fitted on the remaining training examples only and applied
 * to all three parts; augmentation kept for training batches. Immutable.
 */
public record Prepared(Dataset train, Dataset validation, Dataset test, Normalizer normalizer, Augmentation augmentation, DataInfo info) {

    /** Reads {@code normalize} and {@code augment.*} from the reference's options. */
    public static Prepared of(LoadedData data, TrainingSettings settings, DatasetRef ref) {
        Dataset train = data.train();
        Dataset validation = null;
        if (settings.validationSplit() > 0 && train.size() >= 2) {
            Dataset[] split = train.split(settings.validationSplit(), settings.seed());
            train = split[0];
            validation = split[1].size() == 0 ? null : split[1];
        }
        Normalizer n = Normalizer.fit(Normalizer.mode(ref.options().get("normalize")), train);
        Augmentation a = Augmentation.of(ref.options());
        if (!a.isNone() && (train.inputCount() > 1 || train.outputCount() > 1)) {
            throw new IllegalArgumentException("augment.* options change the examples of one Input; this data feeds "
                    + train.inputCount() + " Inputs and " + train.outputCount() + " Outputs, so remove the augment options");
        }
        return new Prepared(n.apply(train), n.apply(validation), n.apply(data.test()), n, a, data.info());
    }

    /** The same data in the compiled graph's Input layout, after checking that it fits (see {@link DataFit}). */
    public Prepared fitTo(String datasetName, org.layerlab.trainer.compile.GraphCompiler.Compiled c) {
        return new Prepared(DataFit.adapt(datasetName, train, info, c), DataFit.adapt(datasetName, validation, info, c),
                DataFit.adapt(datasetName, test, info, c), normalizer, augmentation, info);
    }

    /** The per-batch transform for the run (identity without augmentation), seeded. */
    public UnaryOperator<DataSet> batchTransform(long seed) {
        if (augmentation.isNone()) return UnaryOperator.identity();
        Random r = new Random(seed);
        return b -> augmentation.apply(b, r);
    }
}
