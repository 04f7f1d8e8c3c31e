package org.layerlab.trainer.run;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.compile.MemoryEstimate;
import org.layerlab.trainer.metrics.MetricSink;
import org.layerlab.trainer.metrics.MetricsListener;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a run needs before it can train: its network, built from the seed after the memory check
 * (an allocation the estimate let through but the engine refused is a refusal too), and the
 * listener that turns its hooks into metrics for the layers that have them. Training thread or caller.
 */
final class RunSetup {
    private RunSetup() {}

    /** A fresh, initialized network; refused with the layer that needs the most when it cannot be allocated. */
    static ComputationGraph network(GraphCompiler.Compiled compiled, int batchSize, long seed) {
        MemoryEstimate.check(compiled, batchSize);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph net = new ComputationGraph(compiled.conf());
        try {
            net.init();
        } catch (RuntimeException | OutOfMemoryError e) {
            if (!Faults.isOutOfMemory(e)) throw e;
            // the estimate let it through, the engine could not allocate it anyway: refused like a graph too large
            throw new IllegalArgumentException(Faults.outOfMemory(compiled, batchSize), e);
        }
        return net;
    }

    /** The metrics listener for the layers of {@code net} in graph order; the learning rate is read from the first with parameters. */
    static MetricsListener listener(long runId, MetricSink sink, GraphCompiler.Compiled compiled, ComputationGraph net, int every) {
        List<String> layers = new ArrayList<>();
        String lrLayer = null;
        for (String nodeId : compiled.analysis().order()) {
            if (net.getVertex(nodeId) != null && net.getVertex(nodeId).hasLayer()) {
                layers.add(nodeId);
                if (lrLayer == null && net.getVertex(nodeId).getLayer().numParams() > 0) lrLayer = nodeId;
            }
        }
        MetricsListener listener = new MetricsListener(runId, sink, layers, lrLayer, every);
        if (Evaluation.isClassifier(compiled.outputSpecs().get(0).loss())) listener.recordPredictions(compiled.outputs().get(0));
        return listener;
    }
}
