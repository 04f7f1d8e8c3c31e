package org.layerlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Where the time to the first window goes: named moments counted from the process's start
 * ({@link ProcessClock}), printed by the smoke so each CI run shows the phases, not just the total.
 */
final class StartupTrace {
    private StartupTrace() {}

    private record Mark(String name, long millis) {}

    private static final List<Mark> MARKS = new ArrayList<>();

    /** Notes that the start-up reached this point now. */
    static synchronized void mark(String name) {
        MARKS.add(new Mark(name, ProcessClock.millisSinceStart()));
    }

    /**
     * Marks the end of the scene's next pulse (its first CSS and layout pass once shown; painting follows on
     * the render thread), then runs {@code then} on the JavaFX thread.
     */
    static void markFirstPulse(javafx.scene.Scene scene, Runnable then) {
        nodes = countNodes(scene.getRoot());
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            mark("first frame laid out");
            scene.removePostLayoutPulseListener(once[0]);
            javafx.application.Platform.runLater(then);
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static volatile int nodes;

    /** Nodes in the scene when the window was shown. */
    static int nodesAtShow() {
        return nodes;
    }

    /** The marks so far, e.g. "main 60 ms, toolkit ready 380 ms, …". */
    static synchronized String describe() {
        List<String> parts = new ArrayList<>();
        for (Mark m : MARKS) parts.add(String.format(Locale.ROOT, "%s %d ms", m.name, m.millis));
        return String.join(", ", parts);
    }

    /** Every node under this one, skins' parts included: what the first CSS and layout pass had to visit. */
    static int countNodes(Node node) {
        int n = 1;
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) n += countNodes(child);
        return n;
    }
}
