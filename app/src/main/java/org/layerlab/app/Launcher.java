package org.layerlab.app;

/**
 * Entry point. No arguments opens the main window; one {@code *.layerlab} file opens it in the
 * window (file association); {@code --smoke} checks an installation (see {@link Smoke}); anything
 * else runs the command line.
 * Deliberately not a JavaFX {@code Application}: the app runs on the classpath (DL4J's nd4j-api has a
 * broken module descriptor), and launching an Application subclass directly from there fails.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        boolean smoke = args.length == 1 && args[0].equals("--smoke");
        boolean window = smoke || args.length == 0 || (args.length == 1 && args[0].endsWith(ProjectController.EXTENSION)
                && new java.io.File(args[0]).isFile());
        AppDirs.configureRuntime(window);
        if (window) {
            javafx.application.Application.launch(LayerLabApp.class, args);
        } else {
            System.exit(Cli.run(args, System.out, System.err));
        }
    }
}
