package org.layerlab.graph;

/** Graphs used by several tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Graph mlp() {
        return Examples.mlp();
    }

    public static Graph lenet() {
        return Examples.lenet();
    }
}
