package org.layerlab.graph.project;

import java.util.Objects;
import org.layerlab.graph.Graph;

/** Everything a {@code *.layerlab} file holds. Immutable; any thread. */
public record Project(String name, Graph graph, ViewState view, DatasetRef dataset, TrainingSettings training) {

    /** The file format this version writes and the newest it reads. */
    public static final int FORMAT = 1;

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(training, "training");
    }

    public static Project of(String name, Graph graph) {
        return new Project(name, graph, ViewState.initial(), DatasetRef.none(), TrainingSettings.defaults());
    }

    public Project withGraph(Graph g) {
        return new Project(name, g, view, dataset, training);
    }

    public Project withTraining(TrainingSettings t) {
        return new Project(name, graph, view, dataset, t);
    }

    public Project withDataset(DatasetRef d) {
        return new Project(name, graph, view, d, training);
    }
}
