package org.layerlab.graph;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.graph.spec.LayerSpec;

/**
 * Builds graphs in code (samples, tests, export): {@code layer(...)} appends a node wired from the
 * previous one, {@code node(...)} adds an unwired node, {@code wire(...)} adds edges. Positions are
 * laid out left to right. Not thread-safe; use from one thread.
 */
public final class GraphBuilder {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private String last;

    /** Adds a node without wiring it. */
    public GraphBuilder node(String id, LayerSpec spec) {
        nodes.add(new Node(id, spec, 60 + 220 * nodes.size(), 120));
        last = id;
        return this;
    }

    /** Adds a node wired from the previously added node (if any) into port 0. */
    public GraphBuilder layer(String id, LayerSpec spec) {
        String prev = last;
        node(id, spec);
        if (prev != null) edges.add(new Edge(prev, id, 0));
        return this;
    }

    /** Adds a node wired from each of {@code from}, in port order. */
    public GraphBuilder merge(String id, LayerSpec spec, String... from) {
        node(id, spec);
        for (int i = 0; i < from.length; i++) edges.add(new Edge(from[i], id, i));
        return this;
    }

    /** Adds a node wired from {@code from} (a branch). */
    public GraphBuilder after(String from, String id, LayerSpec spec) {
        node(id, spec);
        edges.add(new Edge(from, id, 0));
        return this;
    }

    public GraphBuilder wire(String from, String to, int port) {
        edges.add(new Edge(from, to, port));
        return this;
    }

    public Graph build() {
        return Graph.of(nodes, edges);
    }
}
