package org.layerlab.trainer.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.ActivationSpec;
import org.layerlab.graph.spec.AddSpec;
import org.layerlab.graph.spec.BatchNormSpec;
import org.layerlab.graph.spec.ConcatSpec;
import org.layerlab.graph.spec.Conv2DSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.DropoutSpec;
import org.layerlab.graph.spec.FlattenSpec;
import org.layerlab.graph.spec.GlobalPoolingSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.LayerSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.LstmSpec;
import org.layerlab.graph.spec.MultiplySpec;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.Padding;
import org.layerlab.graph.spec.Pool2DSpec;
import org.layerlab.graph.spec.PoolMode;
import org.layerlab.trainer.compile.Dl4jTypes;
import org.layerlab.trainer.data.DataException;

/**
 * A trained DL4J network read back as a LayerLab graph (issue 21): every vertex of its
 * configuration becomes the spec that compiles to it again — so compiling the imported graph gives
 * a network with the same parameter layout, and the saved weights fit it. Layers DL4J attaches
 * implicitly (a flattening preprocessor before a dense layer) become Flatten nodes. A layer type
 * LayerLab has no spec for is refused, naming the layer and its type. Any thread.
 */
public final class ModelImport {
    private ModelImport() {}

    /** The graph and the notes worth telling the user (layers that were added or read approximately). */
    /** {@code frozen}: the layers the saved network kept frozen (DL4J transfer learning), to stay frozen in the project. */
    public record Imported(Graph graph, List<String> notes, List<String> frozen) {}

    public static Imported of(ComputationGraph net, String source) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        List<String> inputs = conf.getNetworkInputs();
        Map<String, String> ids = new HashMap<>();
        List<String> notes = new ArrayList<>();
        List<String> frozen = new ArrayList<>();
        GraphBuilder b = new GraphBuilder();
        for (String in : inputs) b.node(id(in, ids), InputShapes.infer(conf, in, source, notes));
        Map<String, GraphVertex> vertices = conf.getVertices();
        for (int index : net.topologicalSortOrder()) {
            String name = net.getVertices()[index].getVertexName();
            if (inputs.contains(name)) continue;
            GraphVertex v = vertices.get(name);
            List<String> from = new ArrayList<>();
            for (String f : conf.getVertexInputs().get(name)) from.add(ids.get(f));
            // a preprocessor DL4J put in front of a layer (setInputTypes adds them) is a node of its own here
            if (v instanceof LayerVertex lv && lv.getPreProcessor() != null) {
                String pre = id(name + "_flatten", ids);
                b.node(pre, preprocessor(lv.getPreProcessor(), source, name));
                b.wire(from.get(0), pre, 0);
                from = List.of(pre);
                notes.add("'" + name + "' had a DL4J input preprocessor; it is the Flatten node '" + pre + "'");
            }
            String id = id(name, ids);
            if (v instanceof LayerVertex lv && isFrozen(lv.getLayerConf().getLayer())) frozen.add(id);
            LayerSpec spec = spec(v, source, name);
            if (conf.getNetworkOutputs().contains(name) && spec instanceof DenseSpec d) {
                // a network saved without its loss (Keras without a training configuration) ends in a plain dense layer; an Output
                // layer has the same weights, and its loss follows from the activation
                Loss loss = d.activation() == org.layerlab.graph.spec.Activation.SOFTMAX ? Loss.CATEGORICAL_CROSS_ENTROPY
                        : d.activation() == org.layerlab.graph.spec.Activation.SIGMOID ? Loss.BINARY_CROSS_ENTROPY : Loss.MSE;
                spec = new OutputSpec(d.units(), d.activation(), loss);
                notes.add("the model has no loss: its last layer '" + name + "' became an Output with " + loss + ", chosen by its "
                        + d.activation() + " activation");
            }
            b.node(id, spec);
            for (int port = 0; port < from.size(); port++) b.wire(from.get(port), id, port);
        }
        return new Imported(layered(b.build()), notes, List.copyOf(frozen));
    }

    /** Nodes in columns by their distance from the inputs, branches stacked, so an imported graph reads left to right. */
    static Graph layered(Graph g) {
        Map<String, Integer> depth = new HashMap<>();
        List<Node> order = new ArrayList<>(g.nodes());
        boolean changed = true;
        for (Node n : order) depth.put(n.id(), 0);
        for (int pass = 0; changed && pass < order.size(); pass++) {
            changed = false;
            for (org.layerlab.graph.Edge e : g.edges()) {
                int d = depth.get(e.from()) + 1;
                if (d > depth.get(e.to())) {
                    depth.put(e.to(), d);
                    changed = true;
                }
            }
        }
        Map<Integer, Integer> rows = new HashMap<>();
        List<Node> placed = new ArrayList<>();
        for (Node n : order) {
            int col = depth.get(n.id()), row = rows.merge(col, 1, Integer::sum) - 1;
            placed.add(new Node(n.id(), n.spec(), 60 + 220.0 * col, 120 + 140.0 * row));
        }
        return Graph.of(placed, g.edges());
    }

    /** A valid, unique node id for a DL4J vertex name ("0" → "layer0"). */
    private static String id(String name, Map<String, String> ids) {
        String id = name.replaceAll("[^A-Za-z0-9_-]", "_");
        if (id.isEmpty() || !Character.isLetter(id.charAt(0))) id = "layer" + id;
        if (id.length() > 64) id = id.substring(0, 64);
        String unique = id;
        for (int k = 2; ids.containsValue(unique); k++) unique = id + "_" + k;
        if (!Node.ID_PATTERN.matcher(unique).matches()) unique = "layer" + ids.size();
        ids.put(name, unique);
        return unique;
    }

    private static LayerSpec preprocessor(InputPreProcessor p, String source, String before) {
        if (p instanceof CnnToFeedForwardPreProcessor) return new FlattenSpec();
        throw new DataException(source, 0, "layer '" + before + "' reshapes its input with DL4J's " + p.getClass().getSimpleName()
                + ", which LayerLab cannot show yet");
    }

    private static LayerSpec spec(GraphVertex v, String source, String name) {
        if (v instanceof ElementWiseVertex e) {
            String op = String.valueOf(e.getOp());
            if (op.equals("Add")) return new AddSpec();
            if (op.equals("Product")) return new MultiplySpec();
        }
        if (v instanceof MergeVertex) return new ConcatSpec();
        // LayerLab compiles Flatten of a vector as a scale by 1 and of an image as a CNN-to-dense preprocessor
        if (v instanceof ScaleVertex s && s.getScaleFactor() == 1.0) return new FlattenSpec();
        if (v instanceof PreprocessorVertex p && p.getPreProcessor() instanceof CnnToFeedForwardPreProcessor) return new FlattenSpec();
        if (v instanceof LayerVertex lv) return layer(lv.getLayerConf().getLayer(), source, name);
        throw new DataException(source, 0, "vertex '" + name + "' is DL4J's " + v.getClass().getSimpleName() + ", which LayerLab cannot show yet");
    }

    private static boolean isFrozen(Layer l) {
        return InputShapes.unfrozen(l) != l;
    }

    private static LayerSpec layer(Layer wrapped, String source, String name) {
        Layer l = InputShapes.unfrozen(wrapped); // a layer frozen for fine-tuning is the same layer; the project keeps it frozen
        if (l instanceof BaseOutputLayer o) {
            return new OutputSpec((int) o.getNOut(), activation(o.getActivationFn(), source, name), loss(o, source, name));
        }
        if (l instanceof DenseLayer d) return new DenseSpec((int) d.getNOut(), activation(d.getActivationFn(), source, name), d.hasBias());
        if (l instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class) {
            int[] k = c.getKernelSize(), s = c.getStride(), d = c.getDilation();
            if (d[0] != d[1]) throw new DataException(source, 0, "layer '" + name + "' dilates its kernel differently in height and width");
            return new Conv2DSpec((int) c.getNOut(), k[0], k[1], s[0], s[1], padding(c.getConvolutionMode(), c.getPadding(), source, name), d[0],
                    activation(c.getActivationFn(), source, name), c.hasBias());
        }
        if (l instanceof SubsamplingLayer p && p.getClass() == SubsamplingLayer.class) {
            int[] k = p.getKernelSize(), s = p.getStride();
            return new Pool2DSpec(pool(p.getPoolingType(), source, name), k[0], k[1], s[0], s[1], padding(p.getConvolutionMode(), p.getPadding(), source, name));
        }
        if (l instanceof GlobalPoolingLayer g) return new GlobalPoolingSpec(pool(g.getPoolingType(), source, name));
        if (l instanceof BatchNormalization bn) return new BatchNormSpec(bn.getEps(), bn.getDecay());
        if (l instanceof DropoutLayer d) {
            // DL4J keeps values with probability p; LayerLab's rate is the share dropped
            double keep = d.getIDropout() instanceof org.deeplearning4j.nn.conf.dropout.Dropout x ? x.getP() : 1.0;
            return new DropoutSpec(Math.round((1.0 - keep) * 1e9) / 1e9); // 1 − 0.7 is 0.30000000000000004
        }
        if (l instanceof ActivationLayer a) return new ActivationSpec(activation(a.getActivationFn(), source, name));
        if (l instanceof LastTimeStep t && t.getUnderlying() instanceof LSTM lstm) {
            return new LstmSpec((int) lstm.getNOut(), activation(lstm.getActivationFn(), source, name), false);
        }
        if (l instanceof LSTM lstm) return new LstmSpec((int) lstm.getNOut(), activation(lstm.getActivationFn(), source, name), true);
        throw new DataException(source, 0, "layer '" + name + "' is DL4J's " + l.getClass().getSimpleName() + ", which LayerLab cannot show yet");
    }

    private static Activation activation(org.nd4j.linalg.activations.IActivation a, String source, String name) {
        for (Activation x : Activation.values()) {
            if (Dl4jTypes.activation(x).getClass() == a.getClass() && Dl4jTypes.activation(x).equals(a)) return x;
        }
        throw new DataException(source, 0, "layer '" + name + "' uses the activation " + a + ", which LayerLab does not offer");
    }

    private static Loss loss(BaseOutputLayer o, String source, String name) {
        for (Loss x : Loss.values()) {
            if (Dl4jTypes.loss(x).getILossFunction().getClass() == o.getLossFn().getClass()) return x;
        }
        throw new DataException(source, 0, "output '" + name + "' uses the loss " + o.getLossFn() + ", which LayerLab does not offer");
    }

    private static PoolMode pool(PoolingType t, String source, String name) {
        if (t == PoolingType.MAX) return PoolMode.MAX;
        if (t == PoolingType.AVG) return PoolMode.AVG;
        throw new DataException(source, 0, "layer '" + name + "' pools by " + t + "; LayerLab pools by max or average");
    }

    private static Padding padding(ConvolutionMode m, int[] pad, String source, String name) {
        if (m == ConvolutionMode.Same) return Padding.SAME;
        if (m == ConvolutionMode.Causal) return Padding.CAUSAL;
        if (pad != null) for (int p : pad) if (p != 0) {
            throw new DataException(source, 0, "layer '" + name + "' pads by " + java.util.Arrays.toString(pad)
                    + " pixels; LayerLab pads none (valid) or to keep the size (same)");
        }
        return Padding.VALID;
    }

}
