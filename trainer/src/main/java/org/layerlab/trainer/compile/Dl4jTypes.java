package org.layerlab.trainer.compile;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.weights.WeightInit;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.MergeMode;
import org.layerlab.graph.spec.Padding;
import org.layerlab.graph.spec.PoolMode;
import org.layerlab.trainer.layers.StepActivation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Translations between LayerLab's vocabulary and DL4J's. DL4J layouts: vectors [batch, features],
 * images NCHW [batch, channels, h, w], sequences [batch, features, time]. Pure; any thread.
 */
public final class Dl4jTypes {
    private Dl4jTypes() {}

    public static InputType inputType(TensorShape s) {
        return switch (s.kind()) {
            case VECTOR -> InputType.feedForward(s.lastDim());
            case IMAGE -> InputType.convolutional(s.height(), s.width(), s.channels());
            case SEQUENCE -> InputType.recurrent(s.lastDim(), s.length());
        };
    }

    public static IActivation activation(Activation a) {
        return switch (a) {
            case IDENTITY -> org.nd4j.linalg.activations.Activation.IDENTITY.getActivationFunction();
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID.getActivationFunction();
            case TANH -> org.nd4j.linalg.activations.Activation.TANH.getActivationFunction();
            case RELU -> org.nd4j.linalg.activations.Activation.RELU.getActivationFunction();
            case LEAKY_RELU -> org.nd4j.linalg.activations.Activation.LEAKYRELU.getActivationFunction();
            case ELU -> org.nd4j.linalg.activations.Activation.ELU.getActivationFunction();
            case SELU -> org.nd4j.linalg.activations.Activation.SELU.getActivationFunction();
            case SWISH -> org.nd4j.linalg.activations.Activation.SWISH.getActivationFunction();
            case GELU -> org.nd4j.linalg.activations.Activation.GELU.getActivationFunction();
            case SOFTMAX -> org.nd4j.linalg.activations.Activation.SOFTMAX.getActivationFunction();
            case SOFTPLUS -> org.nd4j.linalg.activations.Activation.SOFTPLUS.getActivationFunction();
            case HARD_SIGMOID -> org.nd4j.linalg.activations.Activation.HARDSIGMOID.getActivationFunction();
            case STEP -> new StepActivation();
        };
    }

    public static LossFunctions.LossFunction loss(Loss l) {
        return switch (l) {
            case MSE -> LossFunctions.LossFunction.MSE;
            case MAE -> LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR;
            case BINARY_CROSS_ENTROPY -> LossFunctions.LossFunction.XENT;
            case CATEGORICAL_CROSS_ENTROPY -> LossFunctions.LossFunction.MCXENT;
            case SPARSE_CATEGORICAL_CROSS_ENTROPY -> LossFunctions.LossFunction.SPARSE_MCXENT;
        };
    }

    public static ConvolutionMode mode(Padding p) {
        return switch (p) {
            case VALID -> ConvolutionMode.Truncate;
            case SAME -> ConvolutionMode.Same;
            case CAUSAL -> ConvolutionMode.Causal;
        };
    }

    public static PoolingType pooling(PoolMode m) {
        return m == PoolMode.MAX ? PoolingType.MAX : PoolingType.AVG;
    }

    public static Bidirectional.Mode merge(MergeMode m) {
        return switch (m) {
            case CONCAT -> Bidirectional.Mode.CONCAT;
            case ADD -> Bidirectional.Mode.ADD;
            case MUL -> Bidirectional.Mode.MUL;
            case AVERAGE -> Bidirectional.Mode.AVERAGE;
        };
    }

    public static WeightInit weightInit(TrainingSettings.WeightInit w) {
        return switch (w) {
            case ZERO -> WeightInit.ZERO;
            case UNIFORM -> WeightInit.UNIFORM;
            case NORMAL -> WeightInit.NORMAL;
            case XAVIER -> WeightInit.XAVIER;
            case HE -> WeightInit.RELU;
        };
    }
}
