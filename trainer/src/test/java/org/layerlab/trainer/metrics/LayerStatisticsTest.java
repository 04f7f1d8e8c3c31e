package org.layerlab.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.Dl4jArrays;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-layer statistics computed in Java from the flat vectors equal ND4J's own reductions of each
 * array, taken at the same moments of the same batch: gradient norms before the updater, update
 * ratios after it, activation mean / std / dead units, and both histograms.
 */
class LayerStatisticsTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** ND4J's per-array numbers (norms in double precision), recorded by a listener that runs right after the MetricsListener. */
    static final class Reference extends BaseTrainingListener {
        final List<String> layers;
        final Map<String, double[]> activation = new HashMap<>();
        final Map<String, Double> gradientNorm = new HashMap<>();
        final Map<String, float[]> gradientW = new HashMap<>();
        final Map<String, Double> updateRatio = new HashMap<>();
        final Map<String, float[]> weights = new HashMap<>();

        Reference(List<String> layers) {
            this.layers = layers;
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            for (String id : layers) {
                INDArray a = activations.get(id);
                if (a == null) continue;
                INDArray abs = org.nd4j.linalg.ops.transforms.Transforms.abs(a, true);
                INDArray max = a.rank() == 2 ? abs.max(0) : a.rank() == 3 ? abs.max(0, 2) : abs.max(0, 2, 3);
                double dead = max.eq(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                activation.put(id, new double[] {a.meanNumber().doubleValue(), a.stdNumber().doubleValue(), dead});
            }
        }

        @Override
        public void onGradientCalculation(Model model) {
            sums(model.gradient().gradientForVariable()).forEach((k, v) -> gradientNorm.put(k, Math.sqrt(v)));
            model.gradient().gradientForVariable().forEach((k, v) -> {
                if (k.endsWith("_W")) gradientW.put(k.substring(0, k.length() - 2), MetricsListener.values(v));
            });
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            ComputationGraph net = (ComputationGraph) model;
            Map<String, Double> u = sums(model.gradient().gradientForVariable());
            Map<String, Double> p = sums(net.paramTable());
            u.forEach((k, v) -> updateRatio.put(k, Math.sqrt(v) / Math.sqrt(p.get(k))));
            net.paramTable().forEach((k, v) -> {
                if (k.endsWith("_W")) weights.put(k.substring(0, k.length() - 2), MetricsListener.values(v));
            });
        }

        static Map<String, Double> sums(Map<String, INDArray> arrays) {
            Map<String, Double> out = new HashMap<>();
            arrays.forEach((k, v) -> out.merge(k.substring(0, k.lastIndexOf('_')), Math.pow(v.castTo(DataType.DOUBLE).norm2Number().doubleValue(), 2), Double::sum));
            return out;
        }
    }

    static Graph recurrent() {
        return new GraphBuilder().node("in", InputSpec.sequence(7, 3))
                .after("in", "gru", new GruSpec(6, true))
                .after("gru", "lstm", new LstmSpec(5, Activation.TANH, false))
                .after("lstm", "out", new OutputSpec(4, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    @Test
    void javaStatisticsEqualNd4jsForDenseConvolutionalAndRecurrentLayers() throws Exception {
        for (Graph g : List.of(Examples.mlp(), Examples.lenet(), recurrent())) check(g, false);
    }

    @Test
    void frozenLayersReportNoGradientAndTheRestStillAgree() throws Exception {
        check(Examples.mlp(), true);
    }

    private static void check(Graph graph, boolean freezeFirst) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(graph, TrainingSettings.defaults());
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        List<String> layers = new ArrayList<>();
        for (String id : c.analysis().order()) if (net.getVertex(id) != null && net.getVertex(id).hasLayer()) layers.add(id);
        if (freezeFirst) net = new TransferLearning.GraphBuilder(net).setFeatureExtractor(layers.get(0)).build();
        List<MetricSample> samples = new ArrayList<>();
        MetricsListener metrics = new MetricsListener(1, samples::add, layers, layers.get(0), 1);
        Reference ref = new Reference(layers);
        net.setListeners(metrics, ref);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, Dl4jArrays.batchShape(c.inputShapes().get(0), 16)).subi(0.3);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, net.getOutputLayer(0).getParam("b").length());
        for (int i = 0; i < 16; i++) y.putScalar(i, i % y.columns(), 1f);
        net.fit(new DataSet(x, y));

        int layerSamples = 0;
        java.util.Set<String> weightHistograms = new java.util.HashSet<>(), gradientHistograms = new java.util.HashSet<>();
        String outputLayer = c.outputs().get(0);
        for (MetricSample s : samples) {
            if (s instanceof MetricSample.Layer l) {
                layerSamples++;
                String id = l.layer();
                Double norm = ref.gradientNorm.get(id);
                if (norm == null) assertThat(l.gradientNorm()).as(id).isNaN();
                else assertThat(l.gradientNorm()).as(id + " gradient norm").isCloseTo(norm, within(1e-6 * norm + 1e-12));
                Double ratio = ref.updateRatio.get(id);
                if (ratio == null) assertThat(l.updateRatio()).as(id).isNaN();
                else assertThat(l.updateRatio()).as(id + " update ratio").isCloseTo(ratio, within(1e-6 * ratio + 1e-12));
                float[] w = ref.weights.get(id);
                if (w == null) assertThat(l.smallWeightFraction()).as(id).isNaN();
                else {
                    int small = 0;
                    for (float f : w) if (Math.abs(f) < MetricSample.Layer.SMALL_WEIGHT) small++;
                    assertThat(l.smallWeightFraction()).as(id + " small weights").isEqualTo(small / (double) w.length);
                }
                double[] act = ref.activation.get(id);
                if (act == null) {
                    // DL4J's forward-pass hook leaves out only the output layer, whose statistics are then not reported
                    assertThat(id).as("a layer without forward-pass activations").isEqualTo(outputLayer);
                    assertThat(l.activationMean()).as(id).isNaN();
                    continue;
                }
                assertThat(l.activationMean()).as(id + " mean").isCloseTo(act[0], within(1e-5 + 1e-4 * Math.abs(act[0])));
                assertThat(l.activationStd()).as(id + " std").isCloseTo(act[1], within(1e-5 + 1e-4 * act[1]));
                assertThat(l.deadFraction()).as(id + " dead").isEqualTo(act[2]);
            } else if (s instanceof MetricSample.Histogram h) {
                (h.kind() == MetricSample.Histogram.Kind.WEIGHTS ? weightHistograms : gradientHistograms).add(h.layer());
                float[] v = (h.kind() == MetricSample.Histogram.Kind.WEIGHTS ? ref.weights : ref.gradientW).get(h.layer());
                assertThat(v).as(h.layer() + " " + h.kind()).isNotNull();
                float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
                for (float f : v) {
                    min = Math.min(min, f);
                    max = Math.max(max, f);
                }
                assertThat(h.min()).isEqualTo(min);
                assertThat(h.max()).isEqualTo(max);
                assertThat(h.counts()).as(h.layer() + " " + h.kind()).containsExactly(MetricsListener.counts(v, min, max, MetricsListener.BINS));
            }
        }
        assertThat(layerSamples).isEqualTo(layers.size());
        // every layer with weights sent both histograms (a frozen one only its weights): none was skipped silently
        assertThat(weightHistograms).as("layers with weight histograms").isEqualTo(ref.weights.keySet()).isNotEmpty();
        assertThat(gradientHistograms).as("layers with gradient histograms").isEqualTo(ref.gradientW.keySet()).isNotEmpty();
        assertThat(ref.activation).as("layers compared on activations").hasSize(layers.size() - 1);
        if (freezeFirst) {
            assertThat(ref.gradientNorm).doesNotContainKey(layers.get(0));
            assertThat(samples).filteredOn(s -> s instanceof MetricSample.Histogram h && h.layer().equals(layers.get(0))
                    && h.kind() == MetricSample.Histogram.Kind.GRADIENTS).isEmpty();
        }
    }
}
