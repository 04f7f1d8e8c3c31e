package org.layerlab.trainer.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns DL4J's per-iteration hooks into {@link MetricSample}s. Score and learning rate every
 * iteration (nearly free); per-layer gradient norms, update ratios, activation statistics and
 * histograms every {@code every} iterations, because they cost a pass over every array (computed in
 * Java from bulk copies of the flat parameter and gradient vectors, see {@link FlatVector}).
 * Only numbers leave the hooks: the arrays live in a workspace that dies after each hook.
 * Runs on the training thread.
 */
public final class MetricsListener extends BaseTrainingListener {

    /** Histogram bins for weights and gradients. */
    public static final int BINS = 32;

    private final long runId;
    private final MetricSink sink;
    private final List<String> layers;
    private final String lrLayer;
    private volatile int every;
    private int iteration;
    private int epoch;
    private final Map<String, double[]> activation = new HashMap<>();
    private final Map<String, Double> gradientNorm = new HashMap<>();
    private volatile String classifierOutput;
    private volatile int predictionStride = 1;
    private int[] predicted;
    private ComputationGraph laidOut;
    private FlatVector layout;
    // reused copies: a fresh float[] of every parameter per sample was G1's humongous garbage (≈1 MB each)
    private float[] gradientCopy;
    private float[] paramCopy;
    /** By length: layers with maps of one size share a copy (each is read to its end before the next is copied). */
    private final Map<Long, float[]> activationCopy = new HashMap<>();

    /**
     * @param layers ids of layers to report, in graph order
     * @param every sample per-layer statistics every this many iterations (1 = always)
     */
    public MetricsListener(long runId, MetricSink sink, List<String> layers, String lrLayer, int every) {
        this.runId = runId;
        this.sink = sink;
        this.layers = List.copyOf(layers);
        this.lrLayer = lrLayer;
        this.every = Math.max(1, every);
    }

    public void setEvery(int every) {
        this.every = Math.max(1, every);
    }

    /** Continue numbering from a given iteration (forks, restored runs). */
    public void startAt(int iteration, int epoch) {
        this.iteration = iteration;
        this.epoch = epoch;
    }

    /**
     * Records the classes this classifier output predicted during training (every iteration, or every
     * {@link #setPredictionStride stride}), so the run can report training accuracy without a second pass.
     */
    public void recordPredictions(String outputId) {
        this.classifierOutput = outputId;
    }

    /** Record predictions only every {@code stride} iterations: each costs a few native calls (~4 % of an MLP step). */
    public void setPredictionStride(int stride) {
        this.predictionStride = Math.max(1, stride);
    }

    /** The classes predicted in the last training forward pass, or null; each pass is handed out once. */
    public int[] takePredictions() {
        int[] p = predicted;
        predicted = null;
        return p;
    }

    private boolean sampling() {
        return iteration % every == 0;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        if (!sampling()) return;
        activation.clear();
        for (String id : layers) {
            INDArray a = activations.get(id);
            if (a == null) continue;
            float[] v = values(a, activationCopy.get(a.length()));
            activationCopy.put(a.length(), v);
            activation.put(id, FlatVector.activationStats(v, a.shape()));
        }
    }

    /**
     * The output layer is not in {@code onForwardPass}'s map, but here its input is still set (dropout
     * already applied): the fast output layer kept its probabilities from the backward pass; otherwise its
     * activation is one small matrix product away, computed outside workspaces.
     */
    @Override
    public void onBackwardPass(Model model) {
        String out = classifierOutput;
        if (out == null || iteration % predictionStride != 0) return;
        org.deeplearning4j.nn.api.Layer layer = ((ComputationGraph) model).getLayer(out);
        // a per-step output (rank-3 input) is not tallied: computing it cost the char-LSTM 14 % of its iteration
        if (layer == null || layer.input() == null || layer.input().rank() != 2) return;
        if (layer instanceof org.layerlab.trainer.backend.FastOutputLayer f && (predicted = f.lastPredictions()) != null) return;
        INDArray a = layer.activate(true, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        predicted = a.rank() == 2 ? Classes.predicted(a) : null;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!sampling()) return;
        gradientNorm.clear();
        ComputationGraph net = (ComputationGraph) model;
        Map<String, INDArray> grads = model.gradient().gradientForVariable();
        FlatVector layout = layout(net);
        float[] flat = layout == null ? null : (gradientCopy = flatValues(net.getFlattenedGradients(), net, gradientCopy));
        Map<String, double[]> sums = flat != null ? layout.sumOfSquaresByLayer(flat, grads.keySet()) : sumOfSquaresByLayer(grads);
        for (Map.Entry<String, double[]> e : sums.entrySet()) gradientNorm.put(e.getKey(), Math.sqrt(e.getValue()[0]));
        for (String id : layers) {
            INDArray w = grads.get(id + "_W");
            if (w == null) continue;
            FlatVector.Segment seg = flat == null ? null : layout.weights(id);
            sink.accept(seg != null ? histogram(id, MetricSample.Histogram.Kind.GRADIENTS, flat, seg.from(), seg.to())
                    : histogram(id, MetricSample.Histogram.Kind.GRADIENTS, w));
        }
    }

    /** Called by the run before each epoch (the run drives epochs itself). */
    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    @Override
    public void iterationDone(Model model, int dl4jIteration, int dl4jEpoch) {
        ComputationGraph net = (ComputationGraph) model;
        Double lr = lrLayer == null ? null : net.getLearningRate(lrLayer);
        sink.accept(new MetricSample.Iteration(runId, iteration, epoch, model.score(), lr == null ? Double.NaN : lr));
        if (sampling()) {
            // here model.gradient() (the flattened gradient vector) holds the update the updater produced, not the raw gradient
            Map<String, INDArray> paramTable = net.paramTable();
            FlatVector layout = layout(net);
            // the raw gradients copied in onGradientCalculation are used up: their buffer takes the updates
            float[] flatUpdates = layout == null ? null : (gradientCopy = flatValues(net.getFlattenedGradients(), net, gradientCopy));
            float[] flatParams = flatUpdates == null ? null : (paramCopy = flatValues(net.params(), net, paramCopy));
            boolean fast = flatParams != null;
            Map<String, double[]> updates = fast ? layout.sumOfSquaresByLayer(flatUpdates, model.gradient().gradientForVariable().keySet())
                    : sumOfSquaresByLayer(model.gradient().gradientForVariable());
            Map<String, double[]> params = fast ? layout.sumOfSquaresByLayer(flatParams, paramTable.keySet()) : sumOfSquaresByLayer(paramTable);
            for (String id : layers) {
                double[] act = activation.get(id);
                double[] u = updates.get(id);
                double[] p = params.get(id);
                double ratio = u == null || p == null || p[0] == 0 ? Double.NaN : Math.sqrt(u[0]) / Math.sqrt(p[0]);
                INDArray w = paramTable.get(id + "_W");
                FlatVector.Segment seg = fast && w != null ? layout.weights(id) : null;
                float[] weights = seg != null ? flatParams : w != null ? values(w) : null;
                int from = seg != null ? seg.from() : 0, to = seg != null ? seg.to() : weights == null ? 0 : weights.length;
                sink.accept(new MetricSample.Layer(runId, iteration, id, gradientNorm.getOrDefault(id, Double.NaN), ratio,
                        act == null ? Double.NaN : act[0], act == null ? Double.NaN : act[1], act == null ? Double.NaN : act[2],
                        weights == null ? Double.NaN : smallFraction(weights, from, to)));
                if (weights != null) sink.accept(histogram(id, MetricSample.Histogram.Kind.WEIGHTS, weights, from, to));
            }
        }
        iteration++;
    }

    public int iteration() {
        return iteration;
    }

    private static Map<String, double[]> sumOfSquaresByLayer(Map<String, INDArray> arrays) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('_');
            String layer = cut < 0 ? key : key.substring(0, cut);
            double n = e.getValue().norm2Number().doubleValue();
            out.computeIfAbsent(layer, k -> new double[1])[0] += n * n;
        }
        return out;
    }

    private MetricSample.Histogram histogram(String layer, MetricSample.Histogram.Kind kind, INDArray a) {
        float[] v = values(a);
        return histogram(layer, kind, v, 0, v.length);
    }

    private MetricSample.Histogram histogram(String layer, MetricSample.Histogram.Kind kind, float[] v, int from, int to) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float x = v[i];
            if (x < min) min = x;
            if (x > max) max = x;
        }
        return new MetricSample.Histogram(runId, iteration, layer, kind, min, max, counts(v, from, to, min, max, BINS));
    }

    /** The share of elements [from, to) smaller than {@link MetricSample.Layer#SMALL_WEIGHT} in size. */
    static double smallFraction(float[] v, int from, int to) {
        if (to <= from) return Double.NaN;
        int small = 0;
        for (int i = from; i < to; i++) if (Math.abs(v[i]) < MetricSample.Layer.SMALL_WEIGHT) small++;
        return small / (double) (to - from);
    }

    /** The layout of this network's flat vectors (recomputed when the network object changes, e.g. after freezing). */
    private FlatVector layout(ComputationGraph net) {
        if (net != laidOut) {
            laidOut = net;
            layout = FlatVector.of(net.paramTable(), net.numParams());
        }
        return layout;
    }

    /** A flat vector's values (into {@code reuse} when it fits), or null when it is missing or not the length of the layout. */
    private static float[] flatValues(INDArray flat, ComputationGraph net, float[] reuse) {
        return flat == null || flat.length() != net.numParams() ? null : values(flat, reuse);
    }

    /**
     * The values in C order, copied in bulk from the native buffer: {@code data().asFloat()} reads one
     * element at a time and made histograms the largest cost of per-layer sampling (a 784×256 layer).
     */
    static float[] values(INDArray a) {
        return values(a, null);
    }

    /** {@link #values(INDArray)} written into {@code reuse} when it has exactly the length needed. */
    static float[] values(INDArray a, float[] reuse) {
        INDArray c = a.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        // a view that starts its buffer and spans all of it (DL4J's flat vectors) reads as it is
        boolean whole = c.offset() == 0 && c.ordering() == 'c' && c.elementWiseStride() == 1 && c.data().length() == c.length();
        if (!whole) c = c.dup('c');
        float[] v = reuse != null && reuse.length == c.length() ? reuse : new float[(int) c.length()];
        c.data().asNio().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer().get(v);
        return v;
    }

    /** Counts in {@code bins} equal bins over [min, max]; the maximum lands in the last bin, NaN nowhere. */
    static int[] counts(float[] v, float min, float max, int bins) {
        return counts(v, 0, v.length, min, max, bins);
    }

    /** {@link #counts(float[], float, float, int)} over elements [from, to). */
    static int[] counts(float[] v, int from, int to, float min, float max, int bins) {
        int[] counts = new int[bins];
        float scale = max > min ? bins / (max - min) : 0;
        for (int i = from; i < to; i++) {
            float x = v[i];
            if (x != x) continue; // NaN
            int b = (int) ((x - min) * scale);
            counts[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
        }
        return counts;
    }
}
