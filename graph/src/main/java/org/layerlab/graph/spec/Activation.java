package org.layerlab.graph.spec;

/** Element-wise activation functions. {@link #STEP} is forward-only: its gradient is zero. */
public enum Activation {
    IDENTITY("identity"), SIGMOID("sigmoid"), TANH("tanh"), RELU("ReLU"), LEAKY_RELU("leaky ReLU"),
    ELU("ELU"), SELU("SELU"), SWISH("swish/SiLU"), GELU("GELU"), SOFTMAX("softmax"), SOFTPLUS("softplus"),
    HARD_SIGMOID("hard sigmoid"), STEP("step");

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** False where gradients cannot flow (step): usable for teaching the forward pass only. */
    public boolean trainable() {
        return this != STEP;
    }

    @Override
    public String toString() {
        return label;
    }
}
