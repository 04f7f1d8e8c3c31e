package org.layerlab.graph.command;

import java.util.List;
import org.layerlab.graph.Graph;

/** Several commands as one undo step; reverts in reverse order. */
public record CompoundCommand(String label, List<Command> parts) implements Command {

    public CompoundCommand {
        parts = List.copyOf(parts);
    }

    @Override
    public Graph apply(Graph g) {
        Graph out = g;
        for (Command c : parts) out = c.apply(out);
        return out;
    }

    @Override
    public Graph revert(Graph g) {
        Graph out = g;
        for (int i = parts.size() - 1; i >= 0; i--) out = parts.get(i).revert(out);
        return out;
    }
}
