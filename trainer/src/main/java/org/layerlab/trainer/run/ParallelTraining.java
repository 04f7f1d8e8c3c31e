package org.layerlab.trainer.run;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.model.StartingPoint;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Data-parallel training on one machine with DL4J's {@link ParallelWrapper}: each of N workers fits
 * its own copy of the network on its share of the batches and the copies' parameters are averaged
 * every few batches. With the CUDA build each worker takes a GPU of its own (ND4J hands the devices
 * out in turn); on the CPU the workers are threads. Used by {@code layerlab train --workers N}.
 */
public final class ParallelTraining {
    private ParallelTraining() {}

    /** One epoch: iterations so far, the averaged network's training loss, validation (null without a split), seconds. */
    public record Epoch(int epoch, long iterations, double trainLoss, Evaluation validation, double seconds) {}

    public record Result(ComputationGraph network, List<Epoch> epochs, Evaluation test) {}

    /**
     * @param averagingFrequency batches each worker fits between averages
     * @throws IllegalArgumentException for fewer than two workers, data with several Inputs or Outputs, or weights that do not fit
     */
    public static Result train(GraphCompiler.Compiled c, TrainingSettings s, Prepared data, StartingPoint start, int workers,
                               int averagingFrequency, Consumer<Epoch> progress) {
        if (workers < 2) throw new IllegalArgumentException("--workers needs at least 2 (one worker is the plain trainer)");
        if (data.train().inputCount() > 1 || data.train().outputCount() > 1) {
            throw new IllegalArgumentException("--workers trains graphs with one Input and one Output; this one has "
                    + data.train().inputCount() + " and " + data.train().outputCount());
        }
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        if (start.weights() != null) org.layerlab.trainer.model.ModelWeights.apply(net, start.weights());
        if (!start.frozen().isEmpty()) {
            StartingPoint.check(start.frozen(), c);
            net = new TransferLearning.GraphBuilder(net).setFeatureExtractor(start.frozen().toArray(String[]::new)).build();
        }
        var loss = c.outputSpecs().get(0).loss();
        List<Epoch> epochs = new ArrayList<>();
        long iterations = 0;
        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(workers).prefetchBuffer(2)
                .averagingFrequency(averagingFrequency).reportScoreAfterAveraging(true)
                .trainingMode(ParallelWrapper.TrainingMode.AVERAGING).build();
        try {
            for (int e = 0; e < s.epochs(); e++) {
                long t0 = System.nanoTime();
                List<DataSet> batches = new ArrayList<>();
                for (Dataset b : data.train().shuffled(s.seed() + e).chunks(s.batchSize())) batches.add(new DataSet(b.features(), b.labels()));
                wrapper.fit(new ListDataSetIterator<>(batches, 1));
                iterations += batches.size();
                Evaluation val = data.validation() == null ? null : Evaluation.of(net, data.validation(), loss, s.batchSize());
                Epoch ep = new Epoch(e + 1, iterations, net.score(), val, (System.nanoTime() - t0) / 1e9);
                epochs.add(ep);
                progress.accept(ep);
            }
        } finally {
            wrapper.shutdown();
        }
        Evaluation test = data.test() == null ? null : Evaluation.of(net, data.test(), loss, s.batchSize());
        return new Result(net, epochs, test);
    }
}
