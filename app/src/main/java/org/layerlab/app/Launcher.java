package org.layerlab.app;

/**
 * Entry point. No arguments opens the main window; one {@code *.layerlab} file opens it in the
 * window (file association); anything else runs the command line.
 * Deliberately not a JavaFX {@code Application}: the app runs on the classpath (DL4J's nd4j-api has a
 * broken module descriptor), and launching an Application subclass directly from there fails.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && args[0].endsWith(ProjectController.EXTENSION)
                && new java.io.File(args[0]).isFile())) {
            javafx.application.Application.launch(LayerLabApp.class, args);
        } else {
            System.exit(Cli.run(args, System.out, System.err));
        }
    }
}
