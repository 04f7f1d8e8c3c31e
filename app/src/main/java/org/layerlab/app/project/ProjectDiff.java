package org.layerlab.app.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.Project;

/** What an autosaved project changed against the saved file, in a line a user reads before restoring it. */
final class ProjectDiff {
    private ProjectDiff() {}

    static String describe(Project saved, Project changed) {
        if (saved == null) return "never saved to a file";
        Graph a = saved.graph(), b = changed.graph();
        Set<String> added = new TreeSet<>(), removed = new TreeSet<>(), edited = new TreeSet<>();
        for (Node n : b.nodes()) {
            Node before = a.node(n.id());
            if (before == null) added.add(n.id());
            else if (!before.spec().equals(n.spec())) edited.add(n.id());
        }
        for (Node n : a.nodes()) if (b.node(n.id()) == null) removed.add(n.id());
        long wiresAdded = b.edges().stream().filter(e -> !a.edges().contains(e)).count();
        long wiresRemoved = a.edges().stream().filter(e -> !b.edges().contains(e)).count();
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) parts.add(count(added.size(), "layer") + " added (" + String.join(", ", added) + ")");
        if (!removed.isEmpty()) parts.add(count(removed.size(), "layer") + " removed (" + String.join(", ", removed) + ")");
        if (!edited.isEmpty()) parts.add(count(edited.size(), "layer") + " changed (" + String.join(", ", edited) + ")");
        if (wiresAdded > 0) parts.add(count((int) wiresAdded, "wire") + " added");
        if (wiresRemoved > 0) parts.add(count((int) wiresRemoved, "wire") + " removed");
        if (!saved.training().equals(changed.training())) parts.add("training settings changed");
        if (!saved.dataset().equals(changed.dataset())) parts.add("data set changed");
        boolean moved = parts.isEmpty() && b.nodes().stream().anyMatch(n -> a.node(n.id()) != null
                && (a.node(n.id()).x() != n.x() || a.node(n.id()).y() != n.y()));
        if (moved) parts.add("layers moved");
        return parts.isEmpty() ? "the same as the saved file" : String.join("; ", parts);
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
