package org.layerlab.samples;

import java.util.Objects;
import org.layerlab.graph.project.Project;

/** A starter project: graph, data set and settings that train as they are. Immutable; any thread. */
public record Sample(String id, String title, String description, Project project) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
    }
}
