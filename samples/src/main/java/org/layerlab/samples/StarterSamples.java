package org.layerlab.samples;

import java.util.List;
import java.util.Map;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.project.ViewState;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.Conv2DSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.FlattenSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.LstmSpec;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.Padding;
import org.layerlab.graph.spec.Pool2DSpec;
import org.layerlab.graph.spec.RecordProperties;

/**
 * The starter projects of File ▸ Open Sample and the welcome page, each a graph with its data set
 * and settings chosen so that it learns as it is. Pure; any thread.
 */
public final class StarterSamples {
    private StarterSamples() {}

    /** Moby-Dick's distinct characters (the bundled text's vocabulary). */
    public static final int MOBY_DICK_VOCABULARY = 83;

    public static List<Sample> all() {
        return List.of(
                new Sample("xor", "XOR", "The smallest problem a single layer cannot solve: 2 → 8 → 2.",
                        project("XOR", xorGraph(), DatasetRef.of("xor"), settings(0.03, 16, 60, 0.0))),
                new Sample("spiral", "Spiral classifier", "Three interleaved arms; two hidden layers bend the boundary.",
                        project("Spiral classifier", Examples.spiralMlp(), DatasetRef.of("spiral"), settings(0.01, 32, 60, 0.1))),
                new Sample("mnist-mlp", "MNIST MLP", "Handwritten digits with 784-256-128-10 dense layers.",
                        project("MNIST MLP", Examples.mlp(), DatasetRef.of("mnist"), settings(1e-3, 128, 3, 0.1))),
                new Sample("lenet", "LeNet on MNIST", "The classic convolutional network: two conv + pool stages, then dense.",
                        project("LeNet on MNIST", Examples.lenet(), DatasetRef.of("mnist"), settings(1e-3, 64, 2, 0.1))),
                new Sample("fashion-cnn", "Fashion-MNIST CNN", "Clothing images: a small CNN with ReLU and max pooling.",
                        project("Fashion-MNIST CNN", fashionCnn(), DatasetRef.of("fashion-mnist"), settings(1e-3, 64, 3, 0.1))),
                new Sample("digits-autoencoder", "Digits autoencoder", "8×8 digits squeezed through 8 numbers and rebuilt.",
                        project("Digits autoencoder", autoencoder(), new DatasetRef("digits", Map.of("target", "input")),
                                settings(3e-3, 32, 60, 0.1))),
                new Sample("char-lstm", "Moby-Dick character LSTM", "Predicts the next character of Moby-Dick.",
                        project("Moby-Dick character LSTM", charLstm(), new DatasetRef("moby-dick", Map.of("length", "50", "size", "4000")),
                                settings(3e-3, 32, 5, 0.1))),
                new Sample("sunspots", "Sunspots LSTM", "Next year's sunspot number from the last twelve.",
                        project("Sunspots LSTM", sunspotsLstm(), DatasetRef.of("sunspots"), settings(3e-3, 16, 80, 0.1))));
    }

    public static Sample byId(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample '" + id + "'; samples are "
                        + all().stream().map(Sample::id).toList()));
    }

    private static Project project(String name, Graph g, DatasetRef data, TrainingSettings t) {
        return new Project(name, g, ViewState.initial(), data, t);
    }

    private static TrainingSettings settings(double lr, int batch, int epochs, double validation) {
        TrainingSettings t = TrainingSettings.defaults();
        t = RecordProperties.with(t, "learningRate", lr);
        t = RecordProperties.with(t, "batchSize", batch);
        t = RecordProperties.with(t, "epochs", epochs);
        return RecordProperties.with(t, "validationSplit", validation);
    }

    static Graph xorGraph() {
        return new GraphBuilder()
                .layer("in", InputSpec.vector(2))
                .layer("hidden", new DenseSpec(8, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }

    static Graph fashionCnn() {
        return new GraphBuilder()
                .layer("in", InputSpec.image(28, 28, 1))
                .layer("conv1", Conv2DSpec.of(16, 3, 1, Padding.SAME, Activation.RELU))
                .layer("pool1", Pool2DSpec.max(2, 2))
                .layer("conv2", Conv2DSpec.of(32, 3, 1, Padding.SAME, Activation.RELU))
                .layer("pool2", Pool2DSpec.max(2, 2))
                .layer("flat", new FlattenSpec())
                .layer("dense", new DenseSpec(64, Activation.RELU, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }

    static Graph autoencoder() {
        return new GraphBuilder()
                .layer("in", InputSpec.image(8, 8, 1))
                .layer("flat", new FlattenSpec())
                .layer("enc", new DenseSpec(32, Activation.RELU, true))
                .layer("code", new DenseSpec(8, Activation.RELU, true))
                .layer("dec", new DenseSpec(32, Activation.RELU, true))
                .layer("out", new OutputSpec(64, Activation.SIGMOID, Loss.MSE))
                .build();
    }

    static Graph charLstm() {
        return new GraphBuilder()
                .layer("in", InputSpec.sequence(50, MOBY_DICK_VOCABULARY))
                .layer("lstm", new LstmSpec(128, Activation.TANH, true))
                .layer("out", new OutputSpec(MOBY_DICK_VOCABULARY, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
    }

    static Graph sunspotsLstm() {
        return new GraphBuilder()
                .layer("in", InputSpec.sequence(12, 1))
                .layer("lstm", new LstmSpec(32, Activation.TANH, false))
                .layer("out", new OutputSpec(1, Activation.IDENTITY, Loss.MSE))
                .build();
    }
}
