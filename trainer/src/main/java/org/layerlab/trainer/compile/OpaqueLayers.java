package org.layerlab.trainer.compile;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.layerlab.graph.spec.OpaqueSpec;
import org.nd4j.shade.jackson.core.JsonProcessingException;

/** The DL4J layer an {@link OpaqueSpec} keeps, read back from its configuration to compile. Any thread. */
public final class OpaqueLayers {
    private OpaqueLayers() {}

    /**
     * The DL4J layer an opaque spec keeps, ready to add to a graph: its own settings, except that the
     * project's optimizer, initialization and clipping apply to it as to every other layer.
     * @throws IllegalArgumentException when the configuration is not a DL4J layer's
     */
    public static Layer build(OpaqueSpec spec) {
        Layer l;
        try {
            var tree = NeuralNetConfiguration.mapper().readTree(spec.configuration());
            var cls = tree == null ? null : tree.get("@class");
            // only DL4J's own layer classes are created from a project file
            if (cls == null || !cls.isTextual() || !cls.asText().startsWith("org.deeplearning4j.nn.conf.layers.")) {
                throw new IllegalArgumentException("the DL4J layer '" + spec.dl4jType() + "' has no DL4J layer configuration; open the model again");
            }
            l = NeuralNetConfiguration.mapper().treeToValue(tree, Layer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the DL4J layer '" + spec.dl4jType() + "' has a damaged configuration; open the model again");
        }
        if (l instanceof BaseLayer b) {
            b.setIUpdater(null);
            b.setBiasUpdater(null);
            b.setWeightInitFn(null);
            b.setGradientNormalization(null);
            b.setRegularization(null);
            b.setRegularizationBias(null);
        }
        return l;
    }
}
