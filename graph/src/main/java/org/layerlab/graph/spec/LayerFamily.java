package org.layerlab.graph.spec;

/** Palette groups; the canvas colours nodes by family. */
public enum LayerFamily {
    INPUT("Inputs"), CORE("Core"), CONVOLUTION("Convolution"), POOLING("Pooling"), RECURRENT("Recurrent"),
    ATTENTION("Attention"), MERGE("Merge"), NORMALIZATION("Normalization & Regularization"), OUTPUT("Output");

    private final String label;

    LayerFamily(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
