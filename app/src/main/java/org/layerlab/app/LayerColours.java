package org.layerlab.app;

import javafx.scene.paint.Color;
import org.layerlab.graph.spec.LayerFamily;

/** The canvas's family colours (layerlab-theme.css), shaded per layer so charts match the nodes. */
final class LayerColours {
    private LayerColours() {}

    static String of(LayerFamily f, int index) {
        String base = switch (f) {
            case INPUT -> "#4f86e8";
            case CORE -> "#6f7c90";
            case CONVOLUTION -> "#e0862f";
            case POOLING -> "#c9a227";
            case RECURRENT -> "#2f9e84";
            case ATTENTION -> "#9560d3";
            case MERGE -> "#d0557a";
            case NORMALIZATION -> "#3d9fc6";
            case OUTPUT -> "#c9464b";
        };
        Color c = Color.web(base);
        // alternate darker and lighter shades so two Dense layers are still told apart
        double shift = index == 0 ? 0 : (index % 2 == 1 ? -0.22 : 0.18) * ((index + 1) / 2);
        Color shaded = shift < 0 ? c.interpolate(Color.BLACK, -shift) : c.interpolate(Color.WHITE, shift);
        return String.format("#%02x%02x%02x", (int) Math.round(shaded.getRed() * 255),
                (int) Math.round(shaded.getGreen() * 255), (int) Math.round(shaded.getBlue() * 255));
    }
}
