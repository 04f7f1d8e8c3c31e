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
import org.layerlab.graph.shape.TensorShape;
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
 * implicitly (a flattening preprocessor before a dense layer) become Flatten nodes. A layer LayerLab
 * has no spec for is kept as an opaque DL4J layer (its configuration, shapes and parameter count);
 * a vertex LayerLab has no spec for is refused, naming it and its type. Any thread.
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
        Map<String, TensorShape> shapes = null; // worked out when a layer has to be kept opaque
        GraphBuilder b = new GraphBuilder();
        List<InputSpec> inputSpecs = new ArrayList<>();
        for (String in : inputs) {
            inputSpecs.add(InputShapes.infer(conf, in, source, notes));
            b.node(id(in, ids), inputSpecs.get(inputSpecs.size() - 1));
        }
        Map<String, GraphVertex> vertices = conf.getVertices();
        for (int index : net.topologicalSortOrder()) {
            String name = net.getVertices()[index].getVertexName();
            if (inputs.contains(name)) continue;
            GraphVertex v = vertices.get(name);
            List<String> from = new ArrayList<>();
            for (String f : conf.getVertexInputs().get(name)) from.add(ids.get(f));
            // a preprocessor DL4J put in front of a layer (setInputTypes adds them) is a node of its own here
            if (v instanceof LayerVertex lv && lv.getPreProcessor() != null && !isNoOp(lv.getPreProcessor(), vertices.get(conf.getVertexInputs().get(name).get(0)))) {
                String pre = id(name + "_flatten", ids);
                try {
                    b.node(pre, LayerMapping.preprocessor(lv.getPreProcessor()));
                } catch (LayerMapping.Unmapped u) {
                    throw new DataException(source, 0, "layer '" + name + "' cannot be shown: " + u.getMessage());
                }
                b.wire(from.get(0), pre, 0);
                from = List.of(pre);
                notes.add("'" + name + "' had a DL4J input preprocessor; it is the Flatten node '" + pre + "'");
            }
            String id = id(name, ids);
            if (v instanceof LayerVertex lv && LayerMapping.unfrozen(lv.getLayerConf().getLayer()) != lv.getLayerConf().getLayer()) frozen.add(id);
            LayerSpec spec;
            try {
                spec = v instanceof LayerVertex lv ? LayerMapping.layer(lv.getLayerConf().getLayer()) : LayerMapping.vertex(v, null);
            } catch (LayerMapping.Unmapped u) {
                if (!(v instanceof LayerVertex lv)) {
                    throw new DataException(source, 0, "vertex '" + name + "' cannot be shown: " + u.getMessage() + ", which LayerLab cannot show yet");
                }
                if (shapes == null) shapes = Opaque.shapes(conf, inputSpecs);
                spec = Opaque.of(net, name, lv, conf.getVertexInputs().get(name), shapes);
                notes.add("'" + name + "' is kept as the DL4J layer it is (" + u.getMessage() + "): it trains and saves as it did, but cannot be edited");
            }
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

    /**
     * DL4J puts a sequence-to-dense preprocessor after global pooling and last-time-step layers, whose
     * output is already a vector; it passes that through unchanged, and compiling adds it again.
     */
    private static boolean isNoOp(InputPreProcessor p, GraphVertex before) {
        if (!(p instanceof org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor) || !(before instanceof LayerVertex lv)) return false;
        Layer l = LayerMapping.unfrozen(lv.getLayerConf().getLayer());
        return l instanceof org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer || l instanceof LastTimeStep;
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
}
