package org.layerlab.graph.project;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which data a project trains on: a built-in set's name (e.g. "mnist", "spiral") or a file path,
 * plus options (noise, size, label column…). An empty name means none chosen yet. Immutable.
 */
public record DatasetRef(String name, Map<String, String> options) {

    public DatasetRef {
        Objects.requireNonNull(name, "name");
        options = java.util.Collections.unmodifiableMap(new TreeMap<>(options == null ? Map.of() : options));
    }

    public static DatasetRef none() {
        return new DatasetRef("", Map.of());
    }

    public static DatasetRef of(String name) {
        return new DatasetRef(name, Map.of());
    }
}
