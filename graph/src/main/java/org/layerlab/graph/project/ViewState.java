package org.layerlab.graph.project;

import org.layerlab.graph.spec.Range;

/** The canvas viewport saved with a project: zoom and the scene point at the top-left. */
public record ViewState(@Range(min = 0.05, max = 20) double zoom, double panX, double panY) {
    public static ViewState initial() {
        return new ViewState(1.0, 0, 0);
    }
}
