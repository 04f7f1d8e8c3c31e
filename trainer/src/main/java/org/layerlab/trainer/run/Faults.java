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
}
