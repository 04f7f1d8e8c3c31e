package org.layerlab.trainer.model;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.OpaqueSpec;

/**
 * DL4J layers LayerLab has no spec for, kept as they are: written to an {@link OpaqueSpec} on import
 * (configuration JSON, shapes, parameter count); {@link org.layerlab.trainer.compile.OpaqueLayers}
 * reads them back when the graph compiles. Any thread.
 */
public final class Opaque {
    private Opaque() {}

    /** Every vertex's output shape, as DL4J works it out from the inputs' shapes. */
    static Map<String, TensorShape> shapes(ComputationGraphConfiguration conf, List<InputSpec> inputs) {
        InputType[] types = new InputType[inputs.size()];
        for (int i = 0; i < types.length; i++) {
            InputSpec s = inputs.get(i);
            types[i] = switch (s.kind()) {
                case VECTOR -> InputType.feedForward(s.features());
                case IMAGE -> InputType.convolutional(s.height(), s.width(), s.channels());
                case SEQUENCE -> InputType.recurrent(s.features(), s.length());
            };
        }
        Map<String, InputType> byVertex = conf.clone().getLayerActivationTypes(true, types);
        Map<String, TensorShape> out = new HashMap<>();
        for (int i = 0; i < types.length; i++) byVertex.putIfAbsent(conf.getNetworkInputs().get(i), types[i]);
        byVertex.forEach((k, t) -> out.put(k, shape(t)));
        return out;
    }

    private static TensorShape shape(InputType t) {
        if (t instanceof InputType.InputTypeConvolutional c) return TensorShape.image((int) c.getHeight(), (int) c.getWidth(), (int) c.getChannels());
        if (t instanceof InputType.InputTypeRecurrent r) return TensorShape.sequence((int) Math.max(1, r.getTimeSeriesLength()), (int) r.getSize());
        return TensorShape.vector((int) t.arrayElementsPerExample());
    }

    /** The layer {@code name} as an opaque spec: what it takes (after DL4J's preprocessor, if any) and gives, and its parameters. */
    static OpaqueSpec of(ComputationGraph net, String name, LayerVertex v, List<String> from, Map<String, TensorShape> shapes) {
        Layer layer = LayerMapping.unfrozen(v.getLayerConf().getLayer());
        TensorShape in = shapes.get(from.get(0));
        if (v.getPreProcessor() != null) in = TensorShape.vector((int) in.size()); // the Flatten node before it
        String json;
        try {
            json = NeuralNetConfiguration.mapper().writer().without(org.nd4j.shade.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(layer);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("layer '" + name + "' cannot be kept: DL4J cannot write its configuration (" + e.getOriginalMessage() + ")");
        }
        return new OpaqueSpec(layer.getClass().getSimpleName(), json, in, shapes.get(name), net.getLayer(name).numParams());
    }
}
