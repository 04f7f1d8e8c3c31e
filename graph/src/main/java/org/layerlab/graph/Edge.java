package org.layerlab.graph;

import java.util.Objects;

/**
 * A wire from node {@code from}'s output to input port {@code port} of node {@code to}. For merge
 * layers the port index orders the inputs (Concat joins them in port order). Immutable; any thread.
 */
public record Edge(String from, String to, int port) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (port < 0) throw new IllegalArgumentException("edge " + from + " -> " + to + " has a negative port " + port);
    }

    @Override
    public String toString() {
        return from + " -> " + to + "[" + port + "]";
    }
}
