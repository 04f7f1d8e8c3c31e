package org.layerlab.graph.project;

import java.util.Objects;
import org.layerlab.graph.Graph;

/**
 * Everything a {@code *.layerlab} file holds. {@code weights}, when set, names a trained model's zip
 * (relative to the project's folder, or absolute) whose weights runs start from: a project opened
 * from a model keeps its training. Immutable; any thread.
 */
public record Project(String name, Graph graph, ViewState view, DatasetRef dataset, TrainingSettings training, String weights) {

    /** The file format this version writes and the newest it reads. */
    public static final int FORMAT = 1;

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(training, "training");
        if (weights != null && weights.isBlank()) weights = null;
    }

    /** A project without weights (its runs start from fresh ones). */
    public Project(String name, Graph graph, ViewState view, DatasetRef dataset, TrainingSettings training) {
        this(name, graph, view, dataset, training, null);
    }

    public static Project of(String name, Graph graph) {
        return new Project(name, graph, ViewState.initial(), DatasetRef.none(), TrainingSettings.defaults());
    }

    public Project withGraph(Graph g) {
        return new Project(name, g, view, dataset, training, weights);
    }

    public Project withTraining(TrainingSettings t) {
        return new Project(name, graph, view, dataset, t, weights);
    }

    public Project withDataset(DatasetRef d) {
        return new Project(name, graph, view, d, training, weights);
    }

    public Project withWeights(String w) {
        return new Project(name, graph, view, dataset, training, w);
    }
}
