package org.layerlab.trainer.run;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Explains a run that blew up: which layer went non-finite first and what usually fixes it. */
final class Faults {
    private Faults() {}

    static String describe(ComputationGraph net, GraphCompiler.Compiled c, double score, int iteration, TrainingSettings s) {
        String where = null;
        Map<String, INDArray> params = net.paramTable();
        outer:
        for (String id : c.analysis().order()) {
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                if (e.getKey().startsWith(id + "_") && !Double.isFinite(e.getValue().sumNumber().doubleValue())) {
                    Node n = c.graph().node(id);
                    where = n == null ? "'" + id + "'" : n.label();
                    break outer;
                }
            }
        }
        String what = Double.isNaN(score) ? "NaN" : "infinite";
        return "the loss became " + what + " at iteration " + iteration
                + (where == null ? "" : "; the first layer with non-finite weights is " + where)
                + ". Likely fixes: lower the learning rate (now " + s.learningRate() + "), clip gradients "
                + "(clipping = L2_PER_LAYER), or normalize the inputs.";
    }

    /** True for the engine running out of memory: the JVM's or JavaCPP's OutOfMemoryError, or ND4J's allocation failures. */
    static boolean isOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) return true;
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(java.util.Locale.ROOT);
            // libnd4j reports a failed malloc as "Allocation failed: [std::bad_alloc]"
            if (m.contains("cannot allocate") || m.contains("failed to allocate") || m.contains("allocation failed")
                    || m.contains("bad_alloc") || m.contains("out of memory")) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    /**
     * The engine could not allocate what training needs: which layer needs the most (weights with
     * their gradients and optimizer state, plus activations for a batch), and what to change.
     */
    static String outOfMemory(GraphCompiler.Compiled c, int batchSize) {
        String largest = null;
        long most = -1, weights = 0, activations = 0;
        for (String id : c.analysis().order()) {
            Node n = c.graph().node(id);
            if (n == null) continue;
            long params = c.analysis().params().getOrDefault(id, 0L);
            var shape = c.analysis().shapes().get(id);
            long act = shape == null ? 0 : shape.size() * (long) batchSize;
            long bytes = 4L * (4L * params + 3L * act);
            if (bytes > most) {
                most = bytes;
                largest = n.label();
                weights = params;
                activations = act;
            }
        }
        return String.format(java.util.Locale.ROOT, "the engine ran out of memory while training%s. Reduce the batch size (now %d) "
                + "or that layer's size; the window and other runs are not affected.", largest == null ? ""
                : String.format(java.util.Locale.ROOT, "; the layer needing the most is %s (%,d weights, %,d activation values per batch: about %.0f MB)",
                        largest, weights, activations, most / 1e6), batchSize);
    }
}
