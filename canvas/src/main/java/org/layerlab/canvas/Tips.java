package org.layerlab.canvas;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * Tooltips made when the pointer first enters their node, with the text read at that moment. A
 * {@code Tooltip} is a popup window with its own scene; the palette's thirty and every layer box's two
 * made up front were a fifth of the window's construction at start-up. The tooltip behaves as usual
 * from the pointer's next move on.
 */
public final class Tips {
    private Tips() {}

    private static final Object KEY = new Object();
    public static final Duration DEFAULT_DELAY = Duration.millis(400);

    /** A wrapped tooltip of at most {@code maxWidth}; empty or null text shows none. */
    public static void install(Node node, Supplier<String> text, Duration showDelay, double maxWidth) {
        node.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> {
            String t = text.get();
            Tooltip tip = of(node);
            if (t == null || t.isEmpty()) {
                if (tip != null) { // an empty tooltip would still pop up as a blank box
                    Tooltip.uninstall(node, tip);
                    node.getProperties().remove(KEY);
                }
                return;
            }
            if (tip == null) {
                tip = new Tooltip();
                tip.setWrapText(true);
                tip.setMaxWidth(maxWidth);
                tip.setShowDelay(showDelay);
                Tooltip.install(node, tip);
                node.getProperties().put(KEY, tip);
            }
            tip.setText(t);
        });
    }

    public static void install(Node node, String text) {
        install(node, () -> text, DEFAULT_DELAY, 360);
    }

    /** The node's tooltip if the pointer has entered it since {@link #install}, else null. */
    public static Tooltip of(Node node) {
        return (Tooltip) node.getProperties().get(KEY);
    }
}
