package org.layerlab.trainer.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-resolution history of one run in compact primitive arrays: score and learning rate per
 * iteration, per-layer statistics per sampled iteration, epochs and events. Written by the training
 * thread, read by any thread (each series is synchronized).
 */
public final class MetricHistory implements MetricSink {

    /** Per-layer series; {@code iterations} says which iteration each value belongs to. */
    public static final class LayerSeries {
        public final IntSeries iterations = new IntSeries();
        public final FloatSeries gradientNorm = new FloatSeries();
        public final FloatSeries updateRatio = new FloatSeries();
        public final FloatSeries activationMean = new FloatSeries();
        public final FloatSeries activationStd = new FloatSeries();
        public final FloatSeries deadFraction = new FloatSeries();
        public final FloatSeries smallWeightFraction = new FloatSeries();

        long bytes() {
            return iterations.bytes() + gradientNorm.bytes() + updateRatio.bytes() + activationMean.bytes()
                    + activationStd.bytes() + deadFraction.bytes() + smallWeightFraction.bytes();
        }
    }

    private final IntSeries iterations = new IntSeries();
    private final FloatSeries score = new FloatSeries();
    private final FloatSeries learningRate = new FloatSeries();
    /** Where each epoch's iterations begin (index into iterations) and its number: a few entries, not one per iteration. */
    private final IntSeries epochStarts = new IntSeries();
    private final IntSeries epochNumbers = new IntSeries();
    private final IntSeries runningAccuracyIterations = new IntSeries();
    private final FloatSeries runningAccuracy = new FloatSeries();
    private final Map<String, LayerSeries> layers = new LinkedHashMap<>();
    private final List<MetricSample.Epoch> epochs = new ArrayList<>();
    private final List<MetricSample.Event> events = new ArrayList<>();
    private volatile MetricSample.Restored restored;
    private final Map<String, HistogramSeries> histograms = new LinkedHashMap<>();

    @Override
    public void accept(MetricSample s) {
        if (s instanceof MetricSample.Iteration it) {
            iterations.add(it.iteration());
            score.add(it.score());
            learningRate.add(it.learningRate());
            int n = epochNumbers.size();
            if (n == 0 || epochNumbers.get(n - 1) != it.epoch()) {
                epochStarts.add(iterations.size() - 1);
                epochNumbers.add(it.epoch());
            }
        } else if (s instanceof MetricSample.RunningAccuracy a) {
            runningAccuracyIterations.add(a.iteration());
            runningAccuracy.add(a.accuracy());
        } else if (s instanceof MetricSample.Layer l) {
            LayerSeries ls;
            synchronized (layers) {
                ls = layers.computeIfAbsent(l.layer(), k -> new LayerSeries());
            }
            ls.iterations.add(l.iteration());
            ls.gradientNorm.add(l.gradientNorm());
            ls.updateRatio.add(l.updateRatio());
            ls.activationMean.add(l.activationMean());
            ls.activationStd.add(l.activationStd());
            ls.deadFraction.add(l.deadFraction());
            ls.smallWeightFraction.add(l.smallWeightFraction());
        } else if (s instanceof MetricSample.Epoch e) {
            synchronized (epochs) {
                epochs.add(e);
            }
        } else if (s instanceof MetricSample.Restored r) {
            restored = r;
        } else if (s instanceof MetricSample.Event e) {
            synchronized (events) {
                events.add(e);
            }
        } else if (s instanceof MetricSample.Histogram h) {
            HistogramSeries hs;
            synchronized (histograms) {
                hs = histograms.computeIfAbsent(h.layer() + "/" + h.kind(), k -> new HistogramSeries(h.counts().length));
            }
            hs.add(h.iteration(), h.min(), h.max(), h.counts());
        }
    }

    /** The epoch (0-based) of each iteration in {@link #iterations()}, as a new array. */
    public int[] iterationEpochs() {
        int n = iterations.size();
        int[] out = new int[n];
        int[] starts = epochStarts.toArray();
        int[] numbers = epochNumbers.toArray();
        for (int k = 0; k < starts.length; k++) {
            int end = k + 1 < starts.length ? Math.min(n, starts[k + 1]) : n;
            java.util.Arrays.fill(out, Math.min(starts[k], n), end, numbers[k]);
        }
        return out;
    }

    /** Iterations at which the running training accuracy was measured. */
    public IntSeries runningAccuracyIterations() {
        return runningAccuracyIterations;
    }

    /** The epoch's training accuracy so far, at each of {@link #runningAccuracyIterations()}. */
    public FloatSeries runningAccuracy() {
        return runningAccuracy;
    }

    public IntSeries iterations() {
        return iterations;
    }

    public FloatSeries score() {
        return score;
    }

    public FloatSeries learningRate() {
        return learningRate;
    }

    public Map<String, LayerSeries> layers() {
        synchronized (layers) {
            return Map.copyOf(layers);
        }
    }

    /** What early stopping restored, or null if it never did. */
    public MetricSample.Restored restored() {
        return restored;
    }

    public List<MetricSample.Epoch> epochs() {
        synchronized (epochs) {
            return List.copyOf(epochs);
        }
    }

    public List<MetricSample.Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The histograms of a layer's weights or gradients over the run, or null if none were sampled. */
    public HistogramSeries histograms(String layer, MetricSample.Histogram.Kind kind) {
        synchronized (histograms) {
            return histograms.get(layer + "/" + kind);
        }
    }

    /** The newest histogram of a layer's weights or gradients, or null. */
    public HistogramSeries.Entry lastHistogram(String layer, MetricSample.Histogram.Kind kind) {
        HistogramSeries h = histograms(layer, kind);
        return h == null || h.size() == 0 ? null : h.get(h.size() - 1);
    }

    /** Approximate bytes held by the primitive series. */
    public long bytes() {
        long b = iterations.bytes() + score.bytes() + learningRate.bytes() + epochStarts.bytes() + epochNumbers.bytes()
                + runningAccuracyIterations.bytes() + runningAccuracy.bytes();
        for (LayerSeries l : layers().values()) b += l.bytes();
        synchronized (histograms) {
            for (HistogramSeries h : histograms.values()) b += h.bytes();
        }
        return b;
    }
}
