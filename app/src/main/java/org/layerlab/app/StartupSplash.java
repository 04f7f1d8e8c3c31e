package org.layerlab.app;

import java.awt.SplashScreen;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The splash image the launchers ask Java's own launcher to show ({@code -splash:}, installer/splash): it
 * appears before the JVM starts, while JavaFX and the window load, and stays on top until closed here once
 * the window's first frame is laid out. Closing it runs on a thread of its own, so the JavaFX thread never
 * waits for AWT's splash code. Without a splash (the command line, tests) there is nothing to close.
 */
final class StartupSplash {
    private StartupSplash() {}

    /** Milliseconds since the process started when the splash was closed; -1 when there was none. */
    private static volatile CompletableFuture<Long> closed = CompletableFuture.completedFuture(-1L);

    /** Closes the splash, if one is shown, on a daemon thread. */
    static void closeInBackground() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        closed = done;
        Thread t = new Thread(() -> done.complete(close()), "layerlab-splash");
        t.setDaemon(true);
        t.start();
    }

    /** Closes the splash now; returns when (ms since the process started), or -1 when none was shown. */
    static long close() {
        try {
            SplashScreen splash = SplashScreen.getSplashScreen();
            if (splash == null) return -1;
            splash.close();
            return ProcessClock.millisSinceStart();
        } catch (UnsupportedOperationException | IllegalStateException none) {
            // no display (HeadlessException), no splash support in this runtime, or already closed: nothing is on the screen
            return -1;
        }
    }

    /** For the smoke: "splash closed at 1650 ms" or "no splash". */
    static String describe() {
        try {
            long at = closed.get(5, TimeUnit.SECONDS);
            return at < 0 ? "no splash" : String.format(Locale.ROOT, "splash closed at %d ms", at);
        } catch (Exception e) {
            return "splash not closed within 5 s";
        }
    }
}
