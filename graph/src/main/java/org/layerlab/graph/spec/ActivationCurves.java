package org.layerlab.graph.spec;

/**
 * The activation functions and their derivatives as formulas, for plotting (lesson 2). They are
 * meant to equal what the trainer computes: a test compares them with Deeplearning4j's own at sample
 * points. Softmax needs a vector; it is drawn as the first of two outputs for inputs (x, 0), which is
 * the sigmoid — softmax over two classes is a sigmoid of their difference. Stateless.
 */
public final class ActivationCurves {
    private ActivationCurves() {}

    /** DL4J's default slope of leaky ReLU for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;
    /** DL4J's GELU is the sigmoid approximation x·σ(1.702·x) of x·Φ(x) (Hendrycks and Gimpel 2016). */
    static final double GELU_SCALE = 1.702;
    /** SELU's constants (Klambauer et al. 2017). */
    static final double SELU_LAMBDA = 1.0507009873554804934193349852946, SELU_ALPHA = 1.6732632423543772848170429916717;

    public static double value(Activation a, double x) {
        return switch (a) {
            case IDENTITY -> x;
            case SIGMOID, SOFTMAX -> sigmoid(x);
            case TANH -> Math.tanh(x);
            case RELU -> Math.max(0, x);
            case LEAKY_RELU -> x > 0 ? x : LEAKY_SLOPE * x;
            case ELU -> x > 0 ? x : Math.expm1(x);
            case SELU -> SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x));
            case SWISH -> x * sigmoid(x);
            case GELU -> x * sigmoid(GELU_SCALE * x);
            case SOFTPLUS -> Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
            case HARD_SIGMOID -> Math.min(1, Math.max(0, 0.2 * x + 0.5));
            case STEP -> x > 0 ? 1 : 0;
        };
    }

    /** The derivative; at a kink (ReLU's 0) the value from the right-hand side's convention of DL4J: 0 at x = 0. */
    public static double derivative(Activation a, double x) {
        return switch (a) {
            case IDENTITY -> 1;
            case SIGMOID, SOFTMAX -> sigmoid(x) * (1 - sigmoid(x));
            case TANH -> 1 - Math.tanh(x) * Math.tanh(x);
            case RELU -> x > 0 ? 1 : 0;
            case LEAKY_RELU -> x > 0 ? 1 : LEAKY_SLOPE;
            case ELU -> x > 0 ? 1 : Math.exp(x);
            case SELU -> SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x));
            case SWISH -> sigmoid(x) + x * sigmoid(x) * (1 - sigmoid(x));
            case GELU -> sigmoid(GELU_SCALE * x) + GELU_SCALE * x * sigmoid(GELU_SCALE * x) * (1 - sigmoid(GELU_SCALE * x));
            case SOFTPLUS -> sigmoid(x);
            case HARD_SIGMOID -> x >= -2.5 && x <= 2.5 ? 0.2 : 0;
            case STEP -> 0;
        };
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
