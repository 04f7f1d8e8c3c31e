package org.layerlab.trainer.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The learning-rate range test (Smith, 2015): a fresh copy of the network trains for one epoch
 * while the rate grows exponentially from {@code lrMin} to {@code lrMax}, one step per batch; the
 * loss against the rate shows where learning starts and where it blows up. Stops early once the
 * smoothed loss is four times its best. The suggestion is the rate where the smoothed loss falls
 * fastest (per decade of rate) well before its minimum: near the minimum a batch's noise swings the
 * curve more than learning does, so the search stops a quarter of the minimum's rate. Runs on the
 * caller's thread.
 */
public final class LrRangeTest {
    /** Fewer batches than this in an epoch are cycled so the curve has enough points. */
    static final int MIN_STEPS = 100;
    static final int MAX_STEPS = 400;
    private static final double SMOOTHING = 0.9;

    private LrRangeTest() {}

    /** One step: the rate used, the batch's loss and the debiased moving average of the losses. */
    public record Point(double learningRate, double loss, double smoothed) {}

    /** The curve and the suggested rate (NaN with a reason when the curve never fell). */
    public record Result(List<Point> points, double suggested, String note) {
        public Result {
            points = List.copyOf(points);
        }
    }

    public static Result run(GraphCompiler.Compiled compiled, TrainingSettings settings, Dataset train,
                             UnaryOperator<DataSet> transform, double lrMin, double lrMax,
                             Consumer<Point> progress, BooleanSupplier cancelled) {
        if (!(lrMin > 0 && lrMax > lrMin)) throw new IllegalArgumentException("need 0 < lrMin < lrMax, got " + lrMin + ", " + lrMax);
        Backend.init();
        Nd4j.getRandom().setSeed(settings.seed());
        ComputationGraph net = new ComputationGraph(compiled.conf());
        net.init();
        org.layerlab.trainer.backend.FastLayers.install(net);
        List<DataSet> batches = train.shuffled(settings.seed()).batches(settings.batchSize());
        int steps = Math.min(MAX_STEPS, Math.max(MIN_STEPS, batches.size()));
        List<Point> points = new ArrayList<>();
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < steps && !cancelled.getAsBoolean(); i++) {
            double lr = lrMin * Math.pow(lrMax / lrMin, i / (double) (steps - 1));
            net.setLearningRate(lr);
            org.layerlab.trainer.backend.FastLayers.beforeFit(net);
            net.fit(transform.apply(batches.get(i % batches.size())));
            double loss = net.score();
            if (!Double.isFinite(loss)) break;
            avg = SMOOTHING * avg + (1 - SMOOTHING) * loss;
            double smoothed = avg / (1 - Math.pow(SMOOTHING, i + 1));
            Point p = new Point(lr, loss, smoothed);
            points.add(p);
            progress.accept(p);
            best = Math.min(best, smoothed);
            if (i > 10 && smoothed > 4 * best) break;
        }
        return suggest(points);
    }

    /** Steepest fall of the smoothed loss per decade of rate, below a quarter of the minimum's rate; skips the first tenth. */
    static Result suggest(List<Point> points) {
        if (points.size() < 10) return new Result(points, Double.NaN, "too few steps before the loss diverged; lower the maximum rate");
        int min = 0;
        for (int i = 1; i < points.size(); i++) if (points.get(i).smoothed() < points.get(min).smoothed()) min = i;
        int from = Math.max(1, points.size() / 10);
        int window = Math.max(3, points.size() / 12);
        double limit = points.get(min).learningRate() / 4;
        double steepest = 0;
        int at = -1;
        for (int i = from; i + window <= min && points.get(i + window).learningRate() <= limit; i++) {
            Point a = points.get(i);
            Point b = points.get(i + window);
            double slope = (b.smoothed() - a.smoothed()) / (Math.log10(b.learningRate()) - Math.log10(a.learningRate()));
            if (slope < steepest) {
                steepest = slope;
                at = i + window / 2;
            }
        }
        if (at < 0) return new Result(points, Double.NaN, "the loss did not fall over the range; try a wider range or check the data");
        double first = points.get(0).smoothed();
        if (points.get(min).smoothed() > 0.98 * first) {
            return new Result(points, Double.NaN, "the loss barely fell over the range; check the data and the graph");
        }
        return new Result(points, points.get(at).learningRate(),
                String.format(java.util.Locale.ROOT, "steepest fall at %.2g; lowest loss at %.2g", points.get(at).learningRate(),
                        points.get(min).learningRate()));
    }
}
