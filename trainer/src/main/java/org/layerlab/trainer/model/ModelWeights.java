package org.layerlab.trainer.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.trainer.data.DataException;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Puts a trained model's weights into a new run of the same graph, so it starts where the model
 * ended (fine-tuning, or looking at what a colleague's model learned). Every parameter array must be
 * there with the same shape; a graph changed since the model was saved is refused naming the layer.
 */
public final class ModelWeights {
    private ModelWeights() {}

    /** Call before the run starts. */
    public static void apply(TrainingRun run, Path zip) {
        run.inspect(n -> {
            apply(n, zip);
            return null;
        });
    }

    /** Into a network of the same graph (not yet training). */
    public static void apply(ComputationGraph net, Path zip) {
        ComputationGraph trained = ModelFiles.readGraph(zip);
        Map<String, INDArray> from = trained.paramTable();
        Map<String, INDArray> to = net.paramTable();
        String refusal = null;
        for (Map.Entry<String, INDArray> e : to.entrySet()) {
            INDArray w = from.get(e.getKey());
            String layer = e.getKey().substring(0, Math.max(0, e.getKey().lastIndexOf('_')));
            if (w == null) {
                refusal = "layer '" + layer + "' has no weights in the model; the graph changed since it was saved";
                break;
            }
            if (!Arrays.equals(w.shape(), e.getValue().shape())) {
                refusal = "layer '" + layer + "' has weights of shape " + Arrays.toString(w.shape()) + " in the model but "
                        + Arrays.toString(e.getValue().shape()) + " in the graph; the graph changed since the model was saved";
                break;
            }
        }
        if (refusal == null && from.size() != to.size()) refusal = "the model has layers with weights the graph does not have; the graph changed since it was saved";
        if (refusal != null) {
            throw new DataException(zip.toString(), 0, refusal + " (remove the weights from the project to start from fresh ones)");
        }
        for (Map.Entry<String, INDArray> e : to.entrySet()) e.getValue().assign(from.get(e.getKey()));
    }
}
