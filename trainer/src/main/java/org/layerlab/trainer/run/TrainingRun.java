package org.layerlab.trainer.run;

import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.RecordProperties;
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

/**
 * One training run of a compiled graph, on a kept training thread while it runs ({@link TrainerThreads}):
 * its lifecycle, forks and access to its network. The batch loop itself ({@link TrainingLoop}) is ours:
 * one {@code fit(batch)} per step, checking pause and stop between batches. Control methods
 * ({@link #pause}, {@link #resume}, {@link #step}, {@link #stop}, {@link #setLearningRate},
 * {@link #fork}) are safe from any thread. Samples go to the sink and to this run's
 * {@link #history()}. Two runs may be stepped alternately (GAN-style) with {@link #step}.
 */
public final class TrainingRun {

    private static final AtomicLong IDS = new AtomicLong();

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
    private final BestParameters best;
    private final TrainingLoop loop;
    /** Opens when the run's work on its thread is over; null before {@link #start}. */
    private volatile CountDownLatch finished;

    /**
     * Prepares a run: checks memory, builds and initializes the network (seeded).
     * @param validation may be null; otherwise evaluated after every epoch
     * @param metricsEvery per-layer statistics every this many iterations
     */
    public TrainingRun(String name, GraphCompiler.Compiled compiled, TrainingSettings settings, Dataset train,
                       Dataset validation, MetricSink sink, int metricsEvery) {
        this(name, compiled, settings, train, validation, sink, metricsEvery, null, TrainingLoop.Start.FRESH);
    }

    private TrainingRun(String name, GraphCompiler.Compiled compiled, TrainingSettings settings, Dataset train,
                        Dataset validation, MetricSink sink, int metricsEvery, ComputationGraph existing,
                        TrainingLoop.Start start) {
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
        listener.startAt(start.iteration(), start.epoch());
        net.setListeners(listener);
        this.network = new RunNetwork(name, net);
        this.loop = new TrainingLoop(id, name, compiled, settings, train, network, listener, this.sink, best, gate, start);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public RunState state() {
        return loop.state();
    }

    /** Why the run failed (names the layer and a fix), or null. */
    public String failure() {
        return loop.failure();
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
        return loop.epoch();
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
        if (state() != RunState.NEW) throw new IllegalStateException("freeze layers before starting the run");
        network.replace(n -> {
            ComputationGraph frozen = new TransferLearning.GraphBuilder(n).setFeatureExtractor(layerIds.toArray(String[]::new)).build();
            FastLayers.install(frozen);
            frozen.setListeners(listener);
            return frozen;
        });
    }

    /** Starts the run on a training thread; {@code paused} starts it paused so it can be stepped. */
    public void start(boolean paused) {
        synchronized (gate) {
            if (!loop.markStarted(paused)) throw new IllegalStateException("run '" + name + "' was started already");
            gate.startPaused(paused);
        }
        finished = TrainerThreads.start(loop, "layerlab-train-" + id + "-" + name);
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

    /**
     * Checked before every batch (the check itself throttles): a message when the data files this run
     * was loaded from changed or vanished, which stops the run; null while they are as they were.
     */
    public void setDataWatch(Supplier<String> watch) {
        loop.setDataWatch(watch);
    }

    /** Changes each training batch just before it is fitted (augmentation; one Input and one Output); forks inherit it. Set before start. */
    public void setBatchTransform(UnaryOperator<DataSet> transform) {
        loop.setBatchTransform(transform);
    }

    /** Sets a fixed learning rate from the next batch on (replacing the schedule); marked on the charts. */
    public void setLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate must be a positive number, not " + lr);
        loop.requestLearningRate(lr);
    }

    /** Waits until the run is over; true if it ended within the timeout. */
    public boolean await(long millis) throws InterruptedException {
        CountDownLatch f = finished;
        if (f == null) return state().isOver();
        return f.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits until at least {@code n} iterations are done or the run is over. */
    public void awaitIterations(int n, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (iteration() < n && !state().isOver() && System.currentTimeMillis() < end) Thread.sleep(2);
    }

    /**
     * A new run continuing from this one's current parameters and optimizer state (at a batch
     * boundary), with other settings (e.g. a different learning rate or more epochs), reporting to
     * {@code forkSink} (may be null) and its own history. Not started.
     */
    public TrainingRun fork(String forkName, TrainingSettings newSettings, MetricSink forkSink) {
        ComputationGraph copy;
        TrainingLoop.Start at;
        synchronized (network) { // between batches: the position belongs to the copied state
            copy = network.copyToContinue();
            at = loop.position();
        }
        if (at.epoch() >= newSettings.epochs()) {
            // a finished run: the branch trains the settings' epochs beyond where this one ended
            newSettings = withEpochs(newSettings, at.epoch() + newSettings.epochs());
        }
        TrainingRun child = new TrainingRun(forkName, compiled, newSettings, train, validation, forkSink, metricsEvery, copy, at);
        if (newSettings.learningRate() != settings.learningRate()) child.setLearningRate(newSettings.learningRate());
        child.setBatchTransform(loop.batchTransform());
        sink.accept(new MetricSample.Event(id, at.iteration(), EventKind.FORKED,
                "forked into '" + forkName + "' at iteration " + at.iteration()));
        return child;
    }

    /** The settings' epochs raised to {@code epochs}, within the range TrainingSettings allows. */
    private static TrainingSettings withEpochs(TrainingSettings s, int epochs) {
        return RecordProperties.with(s, "epochs", Math.min(epochs, 1_000_000));
    }

    /**
     * Frees the network's native memory once the run is over (parameters, gradients, optimizer state).
     * The history stays; fork, inspect and save are no longer possible. Any thread; waits for the run's work to end.
     */
    public void release() throws InterruptedException {
        stop();
        CountDownLatch f = finished;
        if (f != null) f.await();
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
    public <T> T inspect(Function<ComputationGraph, T> f) {
        return network.with(f);
    }

    /** A copy of the network (for saving). */
    public ComputationGraph network() {
        return network.with(ComputationGraph::clone);
    }
}
