package org.layerlab.canvas;

import javafx.scene.Parent;

/** Light and dark looks: one stylesheet whose colours switch on the root's {@code dark} style class. */
public enum Theme {
    LIGHT, DARK;

    /** The stylesheet every LayerLab scene loads. */
    public static String stylesheet() {
        return Theme.class.getResource("layerlab-theme.css").toExternalForm();
    }

    public void applyTo(Parent root) {
        root.getStyleClass().remove("dark");
        if (this == DARK) root.getStyleClass().add("dark");
    }

    public static Theme of(Parent root) {
        return root.getStyleClass().contains("dark") ? DARK : LIGHT;
    }
}
