package org.layerlab.trainer.run;

import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.backend.FastLayers;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.DataFit;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;
import org.layerlab.trainer.metrics.MetricSample.EventKind;
import org.layerlab.trainer.metrics.MetricSink;
import org.layerlab.trainer.metrics.MetricsListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training run of a compiled graph on its own named thread. The batch loop is ours: one
 * {@code fit(batch)} per step, checking pause and stop between batches. Control methods
 * ({@link #pause}, {@link #resume}, {@link #step}, {@link #stop}, {@link #setLearningRate},
 * {@link #fork}) are safe from any thread. Samples go to the sink and to this run's
 * {@link #history()}. Two runs may be stepped alternately (GAN-style) with {@link #step}.
 */
public final class TrainingRun {

    private static final AtomicLong IDS = new AtomicLong();
    private static final int TALLIED_BATCHES = 16;

    private final long id = IDS.incrementAndGet();
    private final String name;
    private final GraphCompiler.Compiled compiled;
    private final TrainingSettings settings;
    private final Dataset train;
    private final Dataset validation;
    private final MetricHistory history = new MetricHistory();
    private final MetricSink sink;
    private final MetricsListener listener;
    private final OutputSpec output;
    private final int metricsEvery;
    private final RunGate gate = new RunGate();

    private final RunNetwork network;
    private Thread thread;
    private volatile RunState state = RunState.NEW;
    private volatile String failure;
    private volatile Double pendingLearningRate;
    private volatile UnaryOperator<DataSet> batchTransform = UnaryOperator.identity();
    private int startEpoch;
    private int startBatch;
    private volatile int epoch;
    private volatile int batchInEpoch;
    /** Epochs trained to their end (a fork of a finished run starts after them). */
    private volatile int epochsDone;
    private final BestParameters best;
    private volatile java.util.function.Supplier<String> dataWatch = () -> null;

    /**
     * Prepares a run: checks memory, builds and initializes the network (seeded).
     * @param validation may be null; otherwise evaluated after every epoch
     * @param metricsEvery per-layer statistics every this many iterations
     */
    public TrainingRun(String name, GraphCompiler.Compiled compiled, TrainingSettings settings, Dataset train,
                       Dataset validation, MetricSink sink, int metricsEvery) {
        this(name, compiled, settings, train, validation, sink, metricsEvery, null, 0, 0, 0);
    }

    private TrainingRun(String name, GraphCompiler.Compiled compiled, TrainingSettings settings, Dataset train,
                        Dataset validation, MetricSink sink, int metricsEvery, ComputationGraph existing,
                        int iteration, int epoch, int batch) {
        Backend.init();
        this.name = name;
        this.compiled = compiled;
        this.settings = settings;
        this.train = train;
        this.validation = validation;
        this.sink = sink == null ? history : s -> {
            history.accept(s);
            sink.accept(s);
        };
        DataFit.checkArrays("training", train, compiled);
        if (validation != null) DataFit.checkArrays("validation", validation, compiled);
        this.output = compiled.outputSpecs().get(0); // with several Outputs, accuracy describes the first
        this.best = new BestParameters(validation, output.loss(), settings.batchSize());
        this.metricsEvery = metricsEvery;
        ComputationGraph net = existing == null ? RunSetup.network(compiled, settings.batchSize(), settings.seed()) : existing;
        FastLayers.install(net); // a clone's layers are new objects: they need it too
        listener = RunSetup.listener(id, this.sink, compiled, net, metricsEvery);
        listener.startAt(iteration, epoch);
        startEpoch = epoch;
        startBatch = batch;
        this.epoch = epoch;
        net.setListeners(listener);
        this.network = new RunNetwork(name, net);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public RunState state() {
        return state;
    }

    /** Why the run failed (names the layer and a fix), or null. */
    public String failure() {
        return failure;
    }

    public MetricHistory history() {
        return history;
    }

    public TrainingSettings settings() {
        return settings;
    }

    public GraphCompiler.Compiled compiled() {
        return compiled;
    }

    /** Iterations done so far. */
    public int iteration() {
        return listener.iteration();
    }

    public int epoch() {
        return epoch;
    }

    /** The last validation evaluation, or null. */
    public Evaluation lastValidation() {
        return best.last();
    }

    /** Loss and quality on other data (a test set), in inference mode; waits for the current batch. */
    public Evaluation evaluate(Dataset data) {
        return network.with(n -> Evaluation.of(n, data, output.loss(), settings.batchSize()));
    }

    /** Freezes the given layers and everything before them (transfer learning). Before {@link #start} only. */
    public void freeze(Collection<String> layerIds) {
        if (state != RunState.NEW) throw new IllegalStateException("freeze layers before starting the run");
        network.replace(n -> {
            ComputationGraph frozen = new TransferLearning.GraphBuilder(n).setFeatureExtractor(layerIds.toArray(String[]::new)).build();
            FastLayers.install(frozen);
            frozen.setListeners(listener);
            return frozen;
        });
    }

    /** Starts the run's thread; {@code paused} starts it paused so it can be stepped. */
    public void start(boolean paused) {
        synchronized (gate) {
            if (state != RunState.NEW) throw new IllegalStateException("run '" + name + "' was started already");
            gate.startPaused(paused);
            state = paused ? RunState.PAUSED : RunState.RUNNING;
        }
        thread = new Thread(this::loop, "layerlab-train-" + id + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public void start() { start(false); }

    public void pause() {
        gate.pause();
    }

    public void resume() {
        gate.resume();
    }

    /** While paused: train exactly one more batch, then stay paused. */
    public void step() {
        gate.step();
    }

    public void stop() {
        gate.stop();
    }

    /** Changes each training batch just before it is fitted (augmentation; one Input and one Output); forks inherit it. Set before start. */
    /**
     * Checked before every batch (the check itself throttles): a message when the data files this run
     * was loaded from changed or vanished, which stops the run; null while they are as they were.
     */
    public void setDataWatch(java.util.function.Supplier<String> watch) {
        this.dataWatch = watch == null ? () -> null : watch;
    }

    public void setBatchTransform(UnaryOperator<DataSet> transform) {
        batchTransform = transform;
    }

    /** Sets a fixed learning rate from the next batch on (replacing the schedule); marked on the charts. */
    public void setLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be a positive number, not " + lr);
        pendingLearningRate = lr;
    }

    /** Waits until the run is over; true if it ended within the timeout. */
    public boolean await(long millis) throws InterruptedException {
        Thread t = thread;
        if (t == null) return state.isOver();
        t.join(millis);
        return !t.isAlive();
    }

    /** Waits until at least {@code n} iterations are done or the run is over. */
    public void awaitIterations(int n, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (iteration() < n && !state.isOver() && System.currentTimeMillis() < end) Thread.sleep(2);
    }

    /**
     * A new run continuing from this one's current parameters and optimizer state (at a batch
     * boundary), with other settings (e.g. a different learning rate or more epochs), reporting to
     * {@code forkSink} (may be null) and its own history. Not started.
     */
    public TrainingRun fork(String forkName, TrainingSettings newSettings, MetricSink forkSink) {
        ComputationGraph copy;
        int it;
        int ep;
        int batch;
        synchronized (network) { // between batches: the counters belong to the copied state
            copy = network.copyToContinue();
            it = listener.iteration();
            ep = epoch;
            batch = batchInEpoch;
        }
        if (batch == 0 && epochsDone > ep) ep = epochsDone; // between epochs: the next one starts afresh
        if (ep >= newSettings.epochs()) {
            // a finished run: the branch trains the settings' epochs beyond where this one ended
            newSettings = withEpochs(newSettings, ep + newSettings.epochs());
        }
        TrainingRun child = new TrainingRun(forkName, compiled, newSettings, train, validation, forkSink, metricsEvery, copy, it, ep, batch);
        if (newSettings.learningRate() != settings.learningRate()) child.setLearningRate(newSettings.learningRate());
        child.batchTransform = batchTransform;
        sink.accept(new MetricSample.Event(id, it, EventKind.FORKED, "forked into '" + forkName + "' at iteration " + it));
        return child;
    }

    /** The settings' epochs raised to {@code epochs}, within the range TrainingSettings allows. */
    private static TrainingSettings withEpochs(TrainingSettings s, int epochs) {
        return org.layerlab.graph.spec.RecordProperties.with(s, "epochs", Math.min(epochs, 1_000_000));
    }

    /**
     * Frees the network's native memory once the run is over (parameters, gradients, optimizer state).
     * The history stays; fork, inspect and save are no longer possible. Any thread; waits for the run's thread.
     */
    public void release() throws InterruptedException {
        stop();
        Thread t = thread;
        if (t != null) t.join();
        network.free(best::release);
    }

    /** The training split this run learns from. */
    public Dataset trainingData() {
        return train;
    }

    /** False once {@link #release} has freed the network. */
    public boolean hasNetwork() {
        return network.present();
    }

    /**
     * Runs {@code f} on the network between batches (inference: feature maps, outputs, filters).
     * {@code f} must copy what it keeps; any thread.
     */
    public <T> T inspect(java.util.function.Function<ComputationGraph, T> f) {
        return network.with(f);
    }

    /** A copy of the network (for saving). */
    public ComputationGraph network() {
        return network.with(ComputationGraph::clone);
    }

    private void loop() {
        try (EpochBatches source = new EpochBatches(train, settings.batchSize(), settings.seed(), "layerlab-batches-" + id)) {
            EpochBatches.Epoch upcoming = source.prepare(startEpoch);
            Nd4j.getRandom().setSeed(settings.seed());
            emit(EventKind.STARTED, "run '" + name + "' on " + Backend.init());
            int patienceLeft = settings.earlyStoppingPatience();
            boolean sparse = output.loss() == org.layerlab.graph.spec.Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY;
            for (int e = startEpoch; e < settings.epochs(); e++) {
                epoch = e;
                listener.setEpoch(e);
                EpochBatches.Epoch batches = upcoming;
                if (e + 1 < settings.epochs()) upcoming = source.prepare(e + 1); // cut while this epoch trains
                EpochTally tally = new EpochTally(sparse);
                // training accuracy from up to TALLIED_BATCHES batches spread over the epoch
                listener.setPredictionStride(batches.count() / TALLIED_BATCHES);
                for (int b = 0; b < batches.count(); b++) {
                    Dataset batch = batches.next();
                    if (e == startEpoch && b < startBatch) continue; // a fork resumes mid-epoch
                    if (!awaitPermission()) {
                        finish(RunState.STOPPED, "stopped by the user at iteration " + iteration());
                        return;
                    }
                    String changed = dataWatch.get();
                    if (changed != null) {
                        finish(RunState.FAILED, changed);
                        return;
                    }
                    Double lr = pendingLearningRate;
                    pendingLearningRate = null;
                    boolean single = batch.inputCount() == 1 && batch.outputCount() == 1;
                    DataSet fitted = single ? batchTransform.apply(new DataSet(batch.features(), batch.labels())) : null;
                    int done = b + 1;
                    double score = network.with(n -> {
                        if (lr != null) {
                            n.setLearningRate(lr);
                            emit(EventKind.LEARNING_RATE_CHANGED, "learning rate set to " + lr);
                        }
                        if (single) n.fit(fitted);
                        else n.fit(batch.toMultiDataSet());
                        batchInEpoch = done;
                        return n.score();
                    });
                    if (!Double.isFinite(score)) {
                        finish(RunState.FAILED, network.with(n -> Faults.describe(n, compiled, score, iteration() - 1, settings)));
                        return;
                    }
                    int[] predicted = listener.takePredictions();
                    tally.add(score, predicted, single ? fitted.getLabels() : batch.labels(0));
                    if (predicted != null) sink.accept(new MetricSample.RunningAccuracy(id, iteration(), e, tally.accuracy()));
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
            // ND4J's workspaces belong to the thread that used them and outlive it unless destroyed here:
            // each finished run would keep its training buffers (hundreds of MB for a CNN) until exit
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
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

    /** Blocks while paused; false if the run should stop. Runs on the training thread. */
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
