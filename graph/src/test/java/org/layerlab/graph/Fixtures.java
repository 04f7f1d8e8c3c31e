package org.layerlab.graph;

import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.Conv2DSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.FlattenSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.Padding;
import org.layerlab.graph.spec.Pool2DSpec;

/** Graphs used by several tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Graph mlp() {
        return new GraphBuilder()
                .layer("in", InputSpec.vector(784))
                .layer("d1", new DenseSpec(256, Activation.RELU, true))
                .layer("d2", new DenseSpec(128, Activation.RELU, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }

    /** LeNet as in STACK.md: 20c5-mp-50c5-mp-500-10. */
    public static Graph lenet() {
        return new GraphBuilder()
                .layer("in", InputSpec.image(28, 28, 1))
                .layer("c1", Conv2DSpec.of(20, 5, 1, Padding.VALID, Activation.IDENTITY))
                .layer("p1", Pool2DSpec.max(2, 2))
                .layer("c2", Conv2DSpec.of(50, 5, 1, Padding.VALID, Activation.IDENTITY))
                .layer("p2", Pool2DSpec.max(2, 2))
                .layer("flat", new FlattenSpec())
                .layer("d1", new DenseSpec(500, Activation.RELU, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }
}
