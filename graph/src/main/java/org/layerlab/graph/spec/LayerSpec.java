package org.layerlab.graph.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.layerlab.graph.shape.TensorShape;

/**
 * The hyper-parameters of one layer: an immutable record per layer type. Numeric properties carry
 * {@link Range} annotations; {@link RecordProperties} validates and edits them generically.
 * Implementations must be pure functions of their fields; any thread.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InputSpec.class, name = "Input"),
    @JsonSubTypes.Type(value = DenseSpec.class, name = "Dense"),
    @JsonSubTypes.Type(value = OutputSpec.class, name = "Output"),
    @JsonSubTypes.Type(value = ActivationSpec.class, name = "Activation"),
    @JsonSubTypes.Type(value = DropoutSpec.class, name = "Dropout"),
    @JsonSubTypes.Type(value = BatchNormSpec.class, name = "BatchNorm"),
    @JsonSubTypes.Type(value = LayerNormSpec.class, name = "LayerNorm"),
    @JsonSubTypes.Type(value = Conv1DSpec.class, name = "Conv1D"),
    @JsonSubTypes.Type(value = Conv2DSpec.class, name = "Conv2D"),
    @JsonSubTypes.Type(value = Deconv2DSpec.class, name = "Deconv2D"),
    @JsonSubTypes.Type(value = Pool1DSpec.class, name = "Pool1D"),
    @JsonSubTypes.Type(value = Pool2DSpec.class, name = "Pool2D"),
    @JsonSubTypes.Type(value = GlobalPoolingSpec.class, name = "GlobalPooling"),
    @JsonSubTypes.Type(value = FlattenSpec.class, name = "Flatten"),
    @JsonSubTypes.Type(value = ReshapeSpec.class, name = "Reshape"),
    @JsonSubTypes.Type(value = ZeroPadding2DSpec.class, name = "ZeroPadding2D"),
    @JsonSubTypes.Type(value = Upsampling2DSpec.class, name = "Upsampling2D"),
    @JsonSubTypes.Type(value = SimpleRnnSpec.class, name = "SimpleRNN"),
    @JsonSubTypes.Type(value = LstmSpec.class, name = "LSTM"),
    @JsonSubTypes.Type(value = GruSpec.class, name = "GRU"),
    @JsonSubTypes.Type(value = BidirectionalSpec.class, name = "Bidirectional"),
    @JsonSubTypes.Type(value = EmbeddingSpec.class, name = "Embedding"),
    @JsonSubTypes.Type(value = SelfAttentionSpec.class, name = "SelfAttention"),
    @JsonSubTypes.Type(value = PositionalEncodingSpec.class, name = "PositionalEncoding"),
    @JsonSubTypes.Type(value = AddSpec.class, name = "Add"),
    @JsonSubTypes.Type(value = ConcatSpec.class, name = "Concat"),
    @JsonSubTypes.Type(value = MultiplySpec.class, name = "Multiply"),
    @JsonSubTypes.Type(value = OpaqueSpec.class, name = "DL4J"),
})
public sealed interface LayerSpec permits InputSpec, DenseSpec, OutputSpec, ActivationSpec, DropoutSpec,
        BatchNormSpec, LayerNormSpec, Conv1DSpec, Conv2DSpec, Deconv2DSpec, Pool1DSpec, Pool2DSpec,
        GlobalPoolingSpec, FlattenSpec, ReshapeSpec, ZeroPadding2DSpec, Upsampling2DSpec, SimpleRnnSpec,
        LstmSpec, GruSpec, BidirectionalSpec, EmbeddingSpec, SelfAttentionSpec, PositionalEncodingSpec,
        AddSpec, ConcatSpec, MultiplySpec, OpaqueSpec {

    /** Display name of the layer type, e.g. "Dense" or "MaxPool2D". */
    @JsonIgnore
    String typeName();

    @JsonIgnore
    LayerFamily family();

    /** Minimum number of inputs. */
    @JsonIgnore
    default int minInputs() {
        return 1;
    }

    /** Maximum number of inputs ({@link Integer#MAX_VALUE} for merges). */
    @JsonIgnore
    default int maxInputs() {
        return 1;
    }

    /**
     * Output shape for the given input shapes (ordered by input port), or the reason there is none.
     * {@code who} names the node in messages, e.g. {@code Conv2D 'c1'}. Never throws.
     */
    Inferred infer(String who, List<TensorShape> inputs);

    /** Trainable plus state parameters exactly as DL4J counts them, given valid input shapes. */
    default long paramCount(List<TensorShape> inputs, TensorShape output) {
        return 0;
    }
}
