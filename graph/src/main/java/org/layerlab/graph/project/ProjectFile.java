package org.layerlab.graph.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.layerlab.graph.spec.LayerSpec;

/** The JSON layout of a {@code *.layerlab} file (format 1); converted to and from {@link Project}. */
// "weights" and "frozen" are optional (most projects have none) while every field here is required: it is read and written beside the record
@JsonPropertyOrder({"format", "name", "graph", "view", "dataset", "training"})
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"weights", "frozen"})
record ProjectFile(int format, String name, GraphJson graph, ViewState view, DatasetRef dataset,
                   TrainingSettings training) {

    @JsonPropertyOrder({"nodes", "edges"})
    record GraphJson(List<NodeJson> nodes, List<EdgeJson> edges) {}

    @JsonPropertyOrder({"id", "x", "y", "spec"})
    record NodeJson(String id, double x, double y, LayerSpec spec) {}

    @JsonPropertyOrder({"from", "to", "port"})
    record EdgeJson(String from, String to, int port) {}
}
