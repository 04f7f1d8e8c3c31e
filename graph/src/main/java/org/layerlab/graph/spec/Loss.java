package org.layerlab.graph.spec;

/** Loss functions of an output layer. */
public enum Loss {
    MSE("mean squared error"), MAE("mean absolute error"), BINARY_CROSS_ENTROPY("binary cross-entropy"),
    CATEGORICAL_CROSS_ENTROPY("categorical cross-entropy"),
    SPARSE_CATEGORICAL_CROSS_ENTROPY("sparse categorical cross-entropy");

    private final String label;

    Loss(String label) {
        this.label = label;
    }

    /** The activation this loss expects on its output, or null if any activation fits. */
    public Activation expectedActivation() {
        return switch (this) {
            case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
            case CATEGORICAL_CROSS_ENTROPY, SPARSE_CATEGORICAL_CROSS_ENTROPY -> Activation.SOFTMAX;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
