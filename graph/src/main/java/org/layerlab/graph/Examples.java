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

/** The reference networks quoted in docs, benchmarks and tests. Any thread. */
public final class Examples {
    private Examples() {}

    /** MLP 784-256-128-10 (235,146 parameters). */
    public static Graph mlp() {
        return new GraphBuilder()
                .layer("in", InputSpec.vector(784))
                .layer("d1", new DenseSpec(256, Activation.RELU, true))
                .layer("d2", new DenseSpec(128, Activation.RELU, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }

    /** LeNet 20c5-mp-50c5-mp-500-10 on 28×28×1 (431,080 parameters). */
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

    /** The spiral classifier: 2 coordinates → 32 → 32 → 3 arms (1,283 parameters). */
    public static Graph spiralMlp() {
        return new GraphBuilder()
                .layer("in", InputSpec.vector(2))
                .layer("h1", new DenseSpec(32, Activation.RELU, true))
                .layer("h2", new DenseSpec(32, Activation.RELU, true))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }
}
