package org.layerlab.app.train;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tooltip;
import org.layerlab.app.project.ProjectController;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.ShapeInference;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.OutputSpec;

/**
 * Which layers runs keep unchanged (fine-tuning a trained model): a menu of the graph's layers between
 * its Inputs and Outputs to tick; a ticked layer freezes the layers before it too, as DL4J's transfer
 * learning does. The button says what is frozen and how many parameters still train. The choice is
 * the project's (saved with it). FX thread only.
 */
final class FreezeChooser extends MenuButton {
    private final ProjectController project;
    private final Supplier<Graph> graph;

    FreezeChooser(ProjectController project, Supplier<Graph> graph) {
        this.project = project;
        this.graph = graph;
        setId("train-freeze");
        setMaxWidth(Double.MAX_VALUE);
        setTooltip(new Tooltip("Tick a layer to keep its weights (and those of the layers before it) while training the rest — "
                + "for fine-tuning a model opened with File ▸ Open Model…"));
        setOnShowing(e -> fill());
        refresh();
    }

    /** The graph's layers that can be frozen, ticked as the project has them. */
    private void fill() {
        Graph g = graph.get();
        Set<String> closure = closure(g, project.frozen());
        List<CheckMenuItem> items = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.spec() instanceof InputSpec || n.spec() instanceof OutputSpec) continue;
            CheckMenuItem item = new CheckMenuItem(n.id() + (project.frozen().contains(n.id()) || !closure.contains(n.id()) ? "" : "  (before a frozen layer)"));
            item.setId("freeze-" + n.id());
            item.setSelected(project.frozen().contains(n.id()));
            item.setOnAction(e -> toggle(n.id(), item.isSelected()));
            items.add(item);
        }
        getItems().setAll(items);
    }

    private void toggle(String id, boolean frozen) {
        List<String> now = new ArrayList<>(project.frozen());
        now.remove(id);
        if (frozen) now.add(id);
        project.setFrozen(now);
        refresh();
    }

    /** The button's text: none, or the ticked layers with how much of the network still trains. */
    void refresh() {
        List<String> frozen = project.frozen();
        if (frozen.isEmpty()) {
            setText("None — every layer trains");
            return;
        }
        Graph g = graph.get();
        Set<String> closure = closure(g, frozen);
        Analysis a = ShapeInference.analyze(g);
        long kept = 0;
        for (String id : closure) kept += a.paramsOf(id);
        long total = a.totalParams();
        int before = closure.size() - frozen.size();
        setText(String.join(", ", frozen) + (before > 0 ? " + " + before + " before" : "")
                + String.format(Locale.ROOT, " — %,d of %,d parameters train", total - kept, total));
    }

    /** The frozen layers and every layer on a path from an Input to them. */
    static Set<String> closure(Graph g, List<String> frozen) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(frozen);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!g.contains(id) || g.node(id).spec() instanceof InputSpec || !out.add(id)) continue;
            g.inputsOf(id).forEach(e -> todo.push(e.from()));
        }
        return out;
    }
}
