package org.layerlab.graph.project;

import java.util.Objects;
import org.layerlab.graph.Graph;

/**
 * Everything a {@code *.layerlab} file holds. {@code weights}, when set, names a trained model's zip
 * (relative to the project's folder, or absolute) whose weights runs start from: a project opened
 * from a model keeps its training. {@code frozen} names layers whose weights runs keep unchanged,
 * together with every layer between an Input and them (fine-tuning a trained model's last layers).
 * Immutable; any thread.
 */
public record Project(String name, Graph graph, ViewState view, DatasetRef dataset, TrainingSettings training, String weights,
                      java.util.List<String> frozen) {

    /** The file format this version writes and the newest it reads. */
    public static final int FORMAT = 1;

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(training, "training");
        if (weights != null && weights.isBlank()) weights = null;
        frozen = frozen == null ? java.util.List.of() : java.util.List.copyOf(frozen);
    }

    /** A project that freezes nothing. */
    public Project(String name, Graph graph, ViewState view, DatasetRef dataset, TrainingSettings training, String weights) {
        this(name, graph, view, dataset, training, weights, java.util.List.of());
    }

    /** A project without weights (its runs start from fresh ones). */
    public Project(String name, Graph graph, ViewState view, DatasetRef dataset, TrainingSettings training) {
        this(name, graph, view, dataset, training, null, java.util.List.of());
    }

    public static Project of(String name, Graph graph) {
        return new Project(name, graph, ViewState.initial(), DatasetRef.none(), TrainingSettings.defaults());
    }

    public Project withGraph(Graph g) {
        return new Project(name, g, view, dataset, training, weights, frozen);
    }

    public Project withTraining(TrainingSettings t) {
        return new Project(name, graph, view, dataset, t, weights, frozen);
    }

    public Project withDataset(DatasetRef d) {
        return new Project(name, graph, view, d, training, weights, frozen);
    }

    public Project withWeights(String w) {
        return new Project(name, graph, view, dataset, training, w, frozen);
    }

    public Project withFrozen(java.util.List<String> layers) {
        return new Project(name, graph, view, dataset, training, weights, layers);
    }
}
