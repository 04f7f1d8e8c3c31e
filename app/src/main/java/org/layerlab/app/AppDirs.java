package org.layerlab.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where LayerLab keeps its own files (recent list, settings, logs, native caches): one directory,
 * {@code -Dlayerlab.home}, else {@code $LAYERLAB_HOME}, else {@code $XDG_DATA_HOME/layerlab},
 * else {@code ~/.local/share/layerlab}. Any thread.
 */
final class AppDirs {
    private AppDirs() {}

    static Path home() {
        String prop = System.getProperty("layerlab.home");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        String env = System.getenv("LAYERLAB_HOME");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "layerlab");
        return Path.of(System.getProperty("user.home"), ".local", "share", "layerlab");
    }

    /** {@link #home()}, created if missing; null if it cannot be created (the app then keeps no history). */
    static Path ensureHome() {
        try {
            return Files.createDirectories(home());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * Keeps the native caches (JavaCPP's 400 MB of ND4J natives, JavaFX's) and, for the window, the
     * log file in {@link #home()} instead of scattered dot-folders. Must run before ND4J, JavaFX or
     * SLF4J start; explicit -D settings win.
     */
    static void configureRuntime(boolean logToFile) {
        Path home = ensureHome();
        if (home == null) return;
        setIfAbsent("org.bytedeco.javacpp.cachedir", home.resolve("cache").resolve("javacpp"));
        setIfAbsent("javafx.cachedir", home.resolve("cache").resolve("openjfx"));
        if (logToFile) setIfAbsent("org.slf4j.simpleLogger.logFile", home.resolve("layerlab.log"));
    }

    private static void setIfAbsent(String key, Path value) {
        if (System.getProperty(key) == null) System.setProperty(key, value.toString());
    }
}
