package org.layerlab.graph;

import java.util.Objects;
import java.util.regex.Pattern;
import org.layerlab.graph.spec.LayerSpec;

/**
 * One layer on the canvas: a stable id (also the DL4J vertex name), its spec and its position.
 * Immutable; any thread.
 */
public record Node(String id, LayerSpec spec, double x, double y) {

    /** Ids become DL4J vertex names and file keys: a letter, then letters, digits, '_' or '-'. */
    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("node id '" + id + "' must start with a letter and use only letters, "
                    + "digits, '_' or '-' (at most 64 characters)");
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("node '" + id + "' has a position that is not a finite number");
        }
    }

    public Node withSpec(LayerSpec newSpec) {
        return new Node(id, newSpec, x, y);
    }

    public Node at(double nx, double ny) {
        return new Node(id, spec, nx, ny);
    }

    /** "Dense 'd1'": how messages name a node. */
    public String label() {
        return spec.typeName() + " '" + id + "'";
    }
}
