package org.layerlab.graph.command;

import org.layerlab.graph.Graph;

/**
 * One undoable edit of a graph. {@code revert(apply(g))} must equal {@code g}. Commands are immutable
 * values that capture everything they need when created. Any thread (they touch no shared state).
 */
public interface Command {

    /** The edited graph; throws IllegalArgumentException/IllegalStateException if it does not apply. */
    Graph apply(Graph g);

    /** Undoes {@link #apply} on the graph it produced. */
    Graph revert(Graph g);

    /** Menu text, e.g. "Move 3 layers", shown as "Undo Move 3 layers". */
    String label();

    /**
     * One command doing this and then {@code next}, if both belong in one undo step; otherwise null.
     */
    default Command mergeWith(Command next) {
        return null;
    }
}
