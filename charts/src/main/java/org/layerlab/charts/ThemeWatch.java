package org.layerlab.charts;

import javafx.collections.ListChangeListener;
import javafx.scene.layout.Region;

/** Redraws a canvas-drawn view when the window's theme (the "dark" class on the scene's root) changes. */
final class ThemeWatch {
    private ThemeWatch() {}

    static void install(Region view, Runnable redraw) {
        ListChangeListener<String> onChange = c -> redraw.run();
        view.sceneProperty().addListener((o, before, after) -> {
            if (before != null) before.getRoot().getStyleClass().removeListener(onChange);
            if (after != null) after.getRoot().getStyleClass().addListener(onChange);
        });
    }
}
