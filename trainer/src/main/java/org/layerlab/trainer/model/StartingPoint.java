package org.layerlab.trainer.model;

import java.nio.file.Path;
import java.util.List;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.run.TrainingRun;

/**
 * Where a run starts: a trained model's weights (null: fresh ones) and the layers it keeps unchanged —
 * each named layer and every layer between an Input and it, as DL4J's transfer learning freezes a
 * feature extractor. Immutable.
 */
public record StartingPoint(Path weights, List<String> frozen) {

    public StartingPoint {
        frozen = frozen == null ? List.of() : List.copyOf(frozen);
    }

    public static StartingPoint fresh() {
        return new StartingPoint(null, List.of());
    }

    /**
     * Loads the weights, then freezes; call before the run starts.
     * @throws IllegalArgumentException naming a frozen id that is not a trainable layer of the graph, and the fix
     */
    public void applyTo(TrainingRun run) {
        if (weights != null) ModelWeights.apply(run, weights);
        if (frozen.isEmpty()) return;
        check(frozen, run.compiled());
        run.freeze(frozen);
    }

    /** Each id must be a layer between the Inputs and the Outputs (freezing an Output would leave nothing to train). */
    public static void check(List<String> frozen, GraphCompiler.Compiled c) {
        for (String id : frozen) {
            if (c.inputs().contains(id)) {
                throw new IllegalArgumentException("Input '" + id + "' has no weights to freeze; freeze the layers after it instead");
            }
            if (c.outputs().contains(id)) {
                throw new IllegalArgumentException("Output '" + id + "' cannot be frozen: nothing would be left to train; freeze the layers before it");
            }
            if (!c.conf().getVertices().containsKey(id)) {
                throw new IllegalArgumentException("layer '" + id + "' is frozen but not in the graph; unfreeze it on the Train tab");
            }
        }
    }
}
