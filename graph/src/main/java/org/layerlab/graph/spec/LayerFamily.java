package org.layerlab.graph.spec;

/** Palette groups; the canvas colours nodes by family. */
public enum LayerFamily {
    INPUT("Inputs"), CORE("Core"), CONVOLUTION("Convolution"), POOLING("Pooling"), RECURRENT("Recurrent"),
    ATTENTION("Attention"), MERGE("Merge"), NORMALIZATION("Normalization & Regularization"), OUTPUT("Output"),
    /** DL4J layers kept as a model had them (never in the palette). */
    OPAQUE("DL4J layers");

    private final String label;

    LayerFamily(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
