package org.layerlab.trainer.run;

import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.backend.FastLayers;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.metrics.MetricSample;
import org.layerlab.trainer.metrics.MetricSample.EventKind;
import org.layerlab.trainer.metrics.MetricSink;
import org.layerlab.trainer.metrics.MetricsListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link TrainingRun} does on its training thread: epochs of batches, one {@code fit} each,
 * the gate checked between them, validation and early stopping after each epoch. It also holds what
 * other threads read of that work (state, position) and the requests they leave for it (a new
 * learning rate, a batch transform, a data watch), all in volatile fields.
 */
final class TrainingLoop implements Runnable {

    /** Training accuracy is tallied from up to this many batches spread over an epoch. */
    private static final int TALLIED_BATCHES = 16;

    /** Where a run begins: at the start, or where the run it was forked from stood. */
    record Start(int iteration, int epoch, int batch) {
        static final Start FRESH = new Start(0, 0, 0);
    }

    private final long id;
    private final String name;
    private final GraphCompiler.Compiled compiled;
    private final TrainingSettings settings;
    private final Dataset train;
    private final OutputSpec output;
    private final RunNetwork network;
    private final MetricsListener listener;
    private final MetricSink sink;
    private final BestParameters best;
    private final RunGate gate;
    private final Start start;

    private volatile RunState state = RunState.NEW;
    private volatile String failure;
    private volatile int epoch;
    private volatile int batchInEpoch;
    /** Epochs trained to their end (a fork of a finished run starts after them). */
    private volatile int epochsDone;
    private volatile Double pendingLearningRate;
    private volatile UnaryOperator<DataSet> batchTransform = UnaryOperator.identity();
    private volatile Supplier<String> dataWatch = () -> null;

    TrainingLoop(long id, String name, GraphCompiler.Compiled compiled, TrainingSettings settings, Dataset train,
                 RunNetwork network, MetricsListener listener, MetricSink sink, BestParameters best, RunGate gate, Start start) {
        this.id = id;
        this.name = name;
        this.compiled = compiled;
        this.settings = settings;
        this.train = train;
        this.output = compiled.outputSpecs().get(0); // with several Outputs, accuracy describes the first
        this.network = network;
        this.listener = listener;
        this.sink = sink;
        this.best = best;
        this.gate = gate;
        this.start = start;
        this.epoch = start.epoch();
    }

    RunState state() {
        return state;
    }

    String failure() {
        return failure;
    }

    int epoch() {
        return epoch;
    }

    int iteration() {
        return listener.iteration();
    }

    /** Marks the run started; false if it was started before. Call under the gate's lock. */
    boolean markStarted(boolean paused) {
        if (state != RunState.NEW) return false;
        state = paused ? RunState.PAUSED : RunState.RUNNING;
        return true;
    }

    /**
     * Where a continuation begins. Call while holding the network, so the position belongs to the
     * parameters copied under the same lock.
     */
    Start position() {
        int ep = epoch;
        int batch = batchInEpoch;
        if (batch == 0 && epochsDone > ep) ep = epochsDone; // between epochs: the next one starts afresh
        return new Start(listener.iteration(), ep, batch);
    }

    void requestLearningRate(double lr) {
        pendingLearningRate = lr;
    }

    UnaryOperator<DataSet> batchTransform() {
        return batchTransform;
    }

    void setBatchTransform(UnaryOperator<DataSet> transform) {
        batchTransform = transform == null ? UnaryOperator.identity() : transform;
    }

    void setDataWatch(Supplier<String> watch) {
        dataWatch = watch == null ? () -> null : watch;
    }

    @Override
    public void run() {
        try (EpochBatches source = new EpochBatches(train, settings.batchSize(), settings.seed(), "layerlab-batches-" + id)) {
            EpochBatches.Epoch upcoming = source.prepare(start.epoch());
            Nd4j.getRandom().setSeed(settings.seed());
            emit(EventKind.STARTED, "run '" + name + "' on " + Backend.init());
            int patienceLeft = settings.earlyStoppingPatience();
            for (int e = start.epoch(); e < settings.epochs(); e++) {
                epoch = e;
                listener.setEpoch(e);
                EpochBatches.Epoch batches = upcoming;
                if (e + 1 < settings.epochs()) upcoming = source.prepare(e + 1); // cut while this epoch trains
                EpochTally tally = new EpochTally(output.loss() == Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY);
                listener.setPredictionStride(batches.count() / TALLIED_BATCHES);
                for (int b = 0; b < batches.count(); b++) {
                    Dataset batch = batches.next();
                    boolean skipped = e == start.epoch() && b < start.batch(); // a fork resumes mid-epoch
                    boolean goOn = skipped || trainBatch(batch, b + 1, e, tally);
                    batches.done(batch);
                    if (!goOn) return;
                }
                batchInEpoch = 0;
                epochsDone = e + 1;
                if (endEpoch(e, tally.loss(), tally.accuracy())) {
                    patienceLeft = settings.earlyStoppingPatience();
                } else if (settings.earlyStoppingPatience() > 0 && --patienceLeft <= 0) {
                    restoreBest();
                    emit(EventKind.EARLY_STOPPED, "no validation improvement for " + settings.earlyStoppingPatience()
                            + " epochs; restored the best parameters (validation loss " + best.bestLoss() + ")");
                    finish(RunState.FINISHED, "early stopped after epoch " + (e + 1));
                    return;
                }
            }
            if (settings.earlyStoppingPatience() > 0) restoreBest();
            finish(RunState.FINISHED, "finished " + settings.epochs() + " epochs");
        } catch (RuntimeException | Error | ExecutionException ex) {
            Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
            finish(RunState.FAILED, Faults.isOutOfMemory(cause) ? Faults.outOfMemory(compiled, settings.batchSize())
                    : "training failed: " + cause);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            finish(RunState.STOPPED, "interrupted");
        } finally {
            try {
                // the kernels' work arrays go back to this thread's allocator now, for the next run to reuse
                network.with(FastLayers::releaseWork);
            } finally {
                // ND4J's workspaces belong to the thread that used them and outlive the run unless destroyed here:
                // each finished run would keep its training buffers (hundreds of MB for a CNN) until exit.
                // One by one: ND4J's destroyAllWorkspacesForCurrentThread also calls System.gc(), a full
                // collection of 20-46 ms at the end of every run (a hitch in the window, a cost in the benchmark)
                var workspaces = Nd4j.getWorkspaceManager();
                for (var w : workspaces.getAllWorkspacesForCurrentThread()) workspaces.destroyWorkspace(w);
            }
        }
    }

    /** Fits one batch once the gate lets it; false when the run ended instead (stopped, data changed, diverged). */
    private boolean trainBatch(Dataset batch, int done, int e, EpochTally tally) {
        if (!awaitPermission()) {
            finish(RunState.STOPPED, "stopped by the user at iteration " + iteration());
            return false;
        }
        String changed = dataWatch.get();
        if (changed != null) {
            finish(RunState.FAILED, changed);
            return false;
        }
        Double lr = pendingLearningRate;
        pendingLearningRate = null;
        boolean single = batch.inputCount() == 1 && batch.outputCount() == 1;
        DataSet fitted = single ? batchTransform.apply(new DataSet(batch.features(), batch.labels())) : null;
        double score = network.with(n -> {
            if (lr != null) {
                n.setLearningRate(lr);
                emit(EventKind.LEARNING_RATE_CHANGED, "learning rate set to " + lr);
            }
            FastLayers.beforeFit(n);
            if (single) n.fit(fitted);
            else n.fit(batch.toMultiDataSet());
            n.clear(); // the graph keeps its last inputs and labels: the batch's arrays are freed after this step
            batchInEpoch = done;
            return n.score();
        });
        if (!Double.isFinite(score)) {
            finish(RunState.FAILED, network.with(n -> Faults.describe(n, compiled, score, iteration() - 1, settings)));
            return false;
        }
        int[] predicted = listener.takePredictions();
        tally.add(score, predicted, single ? fitted.getLabels() : batch.labels(0));
        if (predicted != null) sink.accept(new MetricSample.RunningAccuracy(id, iteration(), e, tally.accuracy()));
        return true;
    }

    /** Evaluates validation data (inference mode) after an epoch; true if validation loss improved. */
    private boolean endEpoch(int e, double trainLoss, double trainAccuracy) {
        Evaluation valEval = network.with(n -> best.evaluate(n, e));
        sink.accept(new MetricSample.Epoch(id, e, iteration(), trainLoss, valEval == null ? Double.NaN : valEval.loss(),
                trainAccuracy, valEval == null ? Double.NaN : valEval.accuracy(), valEval == null ? Double.NaN : valEval.outputSumError()));
        return best.improved();
    }

    private void restoreBest() {
        Evaluation again = network.with(best::restore);
        if (again != null) sink.accept(new MetricSample.Restored(id, iteration(), best.bestEpoch(), again.loss(), again.accuracy()));
    }

    /** Blocks while paused; false if the run should stop. */
    private boolean awaitPermission() {
        return gate.pass(new RunGate.Listener() {
            @Override
            public void paused() {
                state = RunState.PAUSED;
                emit(EventKind.PAUSED, "paused at iteration " + iteration());
            }

            @Override
            public void running(boolean afterPause) {
                if (afterPause) emit(EventKind.RESUMED, "resumed at iteration " + iteration());
                state = RunState.RUNNING;
            }
        });
    }

    private void finish(RunState end, String message) {
        if (end == RunState.FAILED) failure = message;
        state = end;
        emit(end == RunState.FAILED ? EventKind.FAILED : end == RunState.STOPPED ? EventKind.STOPPED : EventKind.FINISHED, message);
    }

    private void emit(EventKind kind, String message) {
        sink.accept(new MetricSample.Event(id, iteration(), kind, message));
    }
}
