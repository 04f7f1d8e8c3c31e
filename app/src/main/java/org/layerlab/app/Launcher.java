package org.layerlab.app;

import org.layerlab.app.cli.Cli;
import org.layerlab.app.project.ProjectController;

/**
 * Entry point. No arguments opens the main window; one {@code *.layerlab} file opens it in the
 * window (file association); {@code --smoke} checks an installation (see {@link Smoke}); anything
 * else runs the command line.
 * Deliberately not a JavaFX {@code Application}: the app runs on the classpath (DL4J's nd4j-api has a
 * broken module descriptor), and launching an Application subclass directly from there fails.
 */
public final class Launcher {
    private Launcher() {}

    /**
     * Up to 15 separately repainted areas a frame (JavaFX's default is 6). The live charts (seven
     * canvases) and the progress labels beside them change in the same frame; past six, JavaFX merges
     * areas, and a merged rectangle spanning the settings panel and a chart repainted every button and
     * combo box in between (the pulse logger showed 201 nodes drawn instead of 27). Before the toolkit starts.
     */
    static void configureRendering() {
        if (System.getProperty(DIRTY_REGIONS) == null) System.setProperty(DIRTY_REGIONS, "15");
    }

    /** JavaFX's limit on separately repainted areas a frame (it clamps to 15). */
    static final String DIRTY_REGIONS = "prism.dirtyregioncount";

    /**
     * JavaFX warns at every start that it was loaded from the class path ("Unsupported JavaFX configuration"),
     * which LayerLab does on purpose (see above); in a terminal it reads like a fault. Only that message is
     * dropped from JavaFX's logger ("javafx"); its other messages (CSS warnings among them) stay. The logger is
     * held here: java.util.logging keeps loggers only while someone refers to them.
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    static void quietClassPathWarning() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    /** What a window start says when there is no screen to open the window on. */
    static String noDisplay(String display) {
        String why = display == null || display.isBlank() ? "no display is set (DISPLAY is empty)"
                : "the display " + display + " cannot be reached";
        return "LayerLab could not open its window: " + why + ". Start it from a desktop session, or use the command line"
                + " without a window (LayerLab --help lists the commands).";
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        boolean smoke = args.length == 1 && args[0].equals("--smoke");
        boolean window = smoke || args.length == 0 || (args.length == 1 && args[0].endsWith(ProjectController.EXTENSION)
                && new java.io.File(args[0]).isFile());
        AppDirs.configureRuntime(window);
        // before anything loads JavaCPP (a data set opened before the engine's start would)
        org.layerlab.trainer.backend.NativeMemoryWatch.choose();
        if (window) {
            // parsing the starter projects overlaps the toolkit's start instead of delaying the first window
            org.layerlab.samples.StarterSamples.preload();
            configureRendering();
            quietClassPathWarning();
            try {
                javafx.application.Application.launch(LayerLabApp.class, args);
            } catch (UnsupportedOperationException e) {
                // JavaFX's own words for it are a stack trace from its GTK layer
                if (!String.valueOf(e.getMessage()).contains("DISPLAY")) throw e;
                System.err.println(noDisplay(System.getenv("DISPLAY")));
                System.exit(1);
            }
            // the toolkit has stopped; exit even if a non-daemon native thread lingers
            if (smoke) System.exit(Smoke.exitCode());
        } else {
            // before a command first touches ND4J, which loads OpenBLAS (the window's engine start does it itself)
            org.layerlab.trainer.backend.OpenBlasCore.choose();
            System.exit(Cli.run(args, System.out, System.err));
        }
    }
}
