package org.layerlab.trainer.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * One example through a small network, as numbers (lesson 6): every layer's activations, the loss,
 * and for every parameter the gradient backpropagation computes beside a central finite-difference
 * estimate, (L(θ + ε) − L(θ − ε)) / 2ε, from the network's own score. Refuses networks with more than
 * {@link #MAX_PARAMETERS} parameters (two forward passes each). The network is left as it was. Not
 * thread-safe: the caller owns the network.
 */
public final class StepThrough {
    public static final int MAX_PARAMETERS = 200;
    public static final double EPSILON = 1e-3;

    private StepThrough() {}

    /**
     * A parameter: its layer, "W" (weight from unit {@code from} of the layer's input to unit {@code to})
     * or "b" (bias of unit {@code to}, from = −1), its value, its gradient and the estimate.
     */
    public record Param(String layer, String kind, int from, int to, double value, double gradient, double finiteDifference) {
        public double error() {
            return Math.abs(gradient - finiteDifference);
        }
    }

    /** @param activations by vertex id in graph order, the input's values first */
    public record Trace(double loss, Map<String, double[]> activations, List<Param> params) {
        public double maxError() {
            return params.stream().mapToDouble(Param::error).max().orElse(0);
        }

        public Param param(String layer, String kind, int from, int to) {
            return params.stream().filter(p -> p.layer.equals(layer) && p.kind.equals(kind) && p.from == from && p.to == to)
                    .findFirst().orElseThrow();
        }
    }

    public static Trace of(ComputationGraph net, INDArray features, INDArray labels) {
        if (net.numParams() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("the step-through shows networks of up to " + MAX_PARAMETERS + " parameters; this one has " + net.numParams());
        }
        MultiDataSet example = new MultiDataSet(features, labels);
        Map<String, double[]> activations = new LinkedHashMap<>();
        Map<String, INDArray> ff = net.feedForward(new INDArray[] {features}, false);
        for (String id : topological(net)) {
            INDArray a = ff.get(id);
            if (a != null) activations.put(id, a.dup('c').reshape(a.length()).toDoubleVector());
        }

        net.setInputs(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double loss = net.score();
        Map<String, double[]> gradients = new LinkedHashMap<>();
        net.gradient().gradientForVariable().forEach((k, v) -> gradients.put(k, v.dup('c').reshape(v.length()).toDoubleVector()));
        net.clear();

        List<Param> params = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('_');
            String layer = key.substring(0, cut), kind = key.substring(cut + 1);
            INDArray p = e.getValue();
            double[] g = gradients.get(key);
            long cols = p.rank() == 2 ? p.size(1) : p.length();
            for (int i = 0; i < p.length(); i++) {
                // C-order index → (row, column): the gradient was copied in C order too; DL4J keeps weights in F order
                long[] at = p.rank() == 2 ? new long[] {i / cols, i % cols} : new long[] {i};
                int from = kind.equals("W") && p.rank() == 2 ? (int) (i / cols) : -1;
                int to = (int) (i % cols);
                double value = p.getDouble(at);
                p.putScalar(at, value + EPSILON);
                double up = net.score(example, false);
                p.putScalar(at, value - EPSILON);
                double down = net.score(example, false);
                p.putScalar(at, value);
                params.add(new Param(layer, kind, from, to, value, g == null ? Double.NaN : g[i], (up - down) / (2 * EPSILON)));
            }
        }
        return new Trace(loss, activations, params);
    }

    private static String[] topological(ComputationGraph net) {
        int[] order = net.topologicalSortOrder();
        String[] out = new String[order.length];
        for (int i = 0; i < order.length; i++) out[i] = net.getVertices()[order[i]].getVertexName();
        return out;
    }
}
