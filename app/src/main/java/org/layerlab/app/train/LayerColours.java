package org.layerlab.app.train;

import javafx.scene.paint.Color;
import org.layerlab.graph.spec.LayerFamily;

/**
 * Colours for layers in charts. Per-layer charts use {@link #distinct}: six Dense layers must be six
 * lines told apart at a glance (family shades made them six greys). {@link #of} is the canvas's
 * family colour (layerlab-theme.css), for places that hint at the family.
 */
public final class LayerColours {
    private LayerColours() {}

    /** Ten hues of similar weight, readable on the light and on the dark chart background. */
    private static final String[] DISTINCT = {"#3a7bd5", "#e8772e", "#2ca05a", "#d6404e", "#9467bd",
            "#17a2b8", "#d4a017", "#e377c2", "#8c6d31", "#7f8fa6"};

    /** The colour of the {@code index}-th layer of a network (layers past ten repeat the hues, lighter). */
    static String distinct(int index) {
        String base = DISTINCT[index % DISTINCT.length];
        int round = index / DISTINCT.length;
        if (round == 0) return base;
        Color c = Color.web(base).interpolate(Color.WHITE, Math.min(0.5, 0.25 * round));
        return String.format("#%02x%02x%02x", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255));
    }

    public static String of(LayerFamily f, int index) {
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
            case OPAQUE -> "#8b8f96";
        };
        Color c = Color.web(base);
        // alternate darker and lighter shades so two Dense layers are still told apart
        double shift = index == 0 ? 0 : (index % 2 == 1 ? -0.22 : 0.18) * ((index + 1) / 2);
        Color shaded = shift < 0 ? c.interpolate(Color.BLACK, -shift) : c.interpolate(Color.WHITE, shift);
        return String.format("#%02x%02x%02x", (int) Math.round(shaded.getRed() * 255),
                (int) Math.round(shaded.getGreen() * 255), (int) Math.round(shaded.getBlue() * 255));
    }
}
