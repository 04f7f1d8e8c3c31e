package org.layerlab.graph.command;

import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.LayerSpec;
import org.layerlab.graph.spec.RecordProperties;

/** Replaces a node's spec (one property edit in the inspector, or a whole new spec). */
public record ChangeSpecCommand(String id, LayerSpec before, LayerSpec after, String label) implements Command {

    /**
     * Sets one property of node {@code id}.
     * @throws IllegalArgumentException with the reason when the value is not allowed
     */
    public static ChangeSpecCommand setProperty(Graph g, String id, String property, Object value) {
        Node n = g.node(id);
        if (n == null) throw new IllegalArgumentException("no node '" + id + "'");
        LayerSpec changed = RecordProperties.with(n.spec(), property, value);
        return new ChangeSpecCommand(id, n.spec(), changed, "Change " + org.layerlab.graph.spec.RecordProperties.label(property).toLowerCase(java.util.Locale.ROOT) + " of '" + id + "'");
    }

    @Override
    public Graph apply(Graph g) {
        return swap(g, before, after);
    }

    @Override
    public Graph revert(Graph g) {
        return swap(g, after, before);
    }

    private Graph swap(Graph g, LayerSpec expected, LayerSpec replacement) {
        Node n = g.node(id);
        if (n == null) throw new IllegalArgumentException("no node '" + id + "'");
        if (!n.spec().equals(expected)) throw new IllegalStateException("node '" + id + "' changed since this edit was made");
        return g.replacing(n.withSpec(replacement));
    }
}
