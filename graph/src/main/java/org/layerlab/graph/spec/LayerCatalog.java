package org.layerlab.graph.spec;

import java.util.List;

/**
 * Every layer the palette offers: a display name, its family, a default spec and a one- or
 * two-sentence description for tooltips. Immutable; any thread.
 */
public final class LayerCatalog {

    /** One palette entry. */
    public record Entry(String name, LayerFamily family, LayerSpec defaults, String description) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry("Input (vector)", LayerFamily.INPUT, InputSpec.vector(2),
                    "Feeds a feature vector into the network, e.g. 2 coordinates or 784 pixels."),
            new Entry("Input (image)", LayerFamily.INPUT, InputSpec.image(28, 28, 1),
                    "Feeds an image of height × width × channels, e.g. 28×28×1 for MNIST."),
            new Entry("Input (sequence)", LayerFamily.INPUT, InputSpec.sequence(50, 1),
                    "Feeds a sequence of length × features, e.g. 50 time steps of one value."),
            new Entry("Dense", LayerFamily.CORE, new DenseSpec(64, Activation.RELU, true),
                    "Every output is a weighted sum of every input plus a bias, then the activation."),
            new Entry("Activation", LayerFamily.CORE, new ActivationSpec(Activation.RELU),
                    "Applies a non-linearity to each value; without one, stacked layers stay linear."),
            new Entry("Flatten", LayerFamily.CORE, new FlattenSpec(),
                    "Unrolls an image or sequence into one long vector so Dense layers can read it."),
            new Entry("Reshape", LayerFamily.CORE, ReshapeSpec.image(28, 28, 1),
                    "Reinterprets the same values as another shape with the same number of elements."),
            new Entry("Conv2D", LayerFamily.CONVOLUTION, Conv2DSpec.of(16, 3, 1, Padding.SAME, Activation.RELU),
                    "Slides small learned filters over an image; each filter detects one local pattern."),
            new Entry("Conv1D", LayerFamily.CONVOLUTION,
                    new Conv1DSpec(16, 3, 1, Padding.SAME, 1, Activation.RELU, true),
                    "Slides learned filters along a sequence; causal padding never looks into the future."),
            new Entry("Deconv2D", LayerFamily.CONVOLUTION,
                    new Deconv2DSpec(16, 2, 2, 2, 2, Padding.SAME, Activation.RELU, true),
                    "Transposed convolution: learns to upsample an image, as in decoders and generators."),
            new Entry("ZeroPadding2D", LayerFamily.CONVOLUTION, new ZeroPadding2DSpec(1, 1, 1, 1),
                    "Adds a border of zeros around an image so convolutions keep its size."),
            new Entry("Upsampling2D", LayerFamily.CONVOLUTION, new Upsampling2DSpec(2),
                    "Repeats each pixel size × size times: a fixed, parameter-free enlargement."),
            new Entry("MaxPool2D", LayerFamily.POOLING, Pool2DSpec.max(2, 2),
                    "Keeps the largest value in each window, halving height and width with 2×2 windows."),
            new Entry("AvgPool2D", LayerFamily.POOLING, Pool2DSpec.avg(2, 2),
                    "Averages each window of the image, a smoother way to shrink it than max pooling."),
            new Entry("MaxPool1D", LayerFamily.POOLING, new Pool1DSpec(PoolMode.MAX, 2, 2, Padding.VALID),
                    "Keeps the largest value in each window of a sequence."),
            new Entry("AvgPool1D", LayerFamily.POOLING, new Pool1DSpec(PoolMode.AVG, 2, 2, Padding.VALID),
                    "Averages each window of a sequence."),
            new Entry("GlobalAvgPool", LayerFamily.POOLING, new GlobalPoolingSpec(PoolMode.AVG),
                    "Averages each channel over the whole image (or each feature over time) into one vector."),
            new Entry("GlobalMaxPool", LayerFamily.POOLING, new GlobalPoolingSpec(PoolMode.MAX),
                    "Takes each channel's largest value over the whole image (or time) into one vector."),
            new Entry("SimpleRNN", LayerFamily.RECURRENT, new SimpleRnnSpec(32, Activation.TANH, true),
                    "Carries a hidden state from step to step; simple, but forgets over long sequences."),
            new Entry("LSTM", LayerFamily.RECURRENT, new LstmSpec(32, Activation.TANH, true),
                    "A recurrent layer with gates and a memory cell that keeps information over long spans."),
            new Entry("GRU", LayerFamily.RECURRENT, new GruSpec(32, true),
                    "A lighter gated recurrent layer: update and reset gates, no separate memory cell."),
            new Entry("Bidirectional", LayerFamily.RECURRENT,
                    new BidirectionalSpec(RecurrentCell.LSTM, 32, Activation.TANH, MergeMode.CONCAT, true),
                    "Reads the sequence forwards and backwards so each step sees past and future context."),
            new Entry("Embedding", LayerFamily.ATTENTION, new EmbeddingSpec(1000, 32, false),
                    "Turns each token index into a learned vector; the first layer of most text models."),
            new Entry("PositionalEncoding", LayerFamily.ATTENTION, new PositionalEncodingSpec(10000),
                    "Adds sine and cosine signals that tell attention where each step sits in the sequence."),
            new Entry("SelfAttention", LayerFamily.ATTENTION, new SelfAttentionSpec(2, 16, 32),
                    "Each step attends to every step, weighting them by query-key similarity, per head."),
            new Entry("Add", LayerFamily.MERGE, new AddSpec(),
                    "Sums equally shaped inputs element-wise: the join of a residual (skip) connection."),
            new Entry("Concat", LayerFamily.MERGE, new ConcatSpec(),
                    "Joins inputs along their last axis (features or channels), in port order."),
            new Entry("Multiply", LayerFamily.MERGE, new MultiplySpec(),
                    "Multiplies equally shaped inputs element-wise, e.g. to gate one branch by another."),
            new Entry("BatchNorm", LayerFamily.NORMALIZATION, new BatchNormSpec(1e-5, 0.9),
                    "Normalizes each feature over the batch, then rescales; lets deep nets train at higher rates."),
            new Entry("LayerNorm", LayerFamily.NORMALIZATION, new LayerNormSpec(1e-5),
                    "Normalizes each example over its features; the normalization of transformers and RNNs."),
            new Entry("Dropout", LayerFamily.NORMALIZATION, new DropoutSpec(0.5),
                    "Randomly zeroes values while training so the network cannot rely on any single unit."),
            new Entry("Output", LayerFamily.OUTPUT,
                    new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY),
                    "The final layer and its loss: what the network predicts and how wrong it was."));

    private LayerCatalog() {}

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry with this display name, or null. */
    public static Entry byName(String name) {
        for (Entry e : ENTRIES) if (e.name().equals(name)) return e;
        return null;
    }
}
