package org.layerlab.app;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.layerlab.canvas.Theme;

/**
 * The JavaFX application: shows the main window first and starts the training engine in the
 * background (the status bar says when it is ready); asks before unsaved work is lost on close.
 * With {@code --smoke} it trains a sample briefly and exits (see {@link Smoke}).
 */
public final class LayerLabApp extends Application {

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("toolkit ready");
        // the window icon is decoded on the other core while the window is built (≈ 20 ms off the first window)
        CompletableFuture<Image> icon = CompletableFuture.supplyAsync(
                () -> new Image(LayerLabApp.class.getResourceAsStream("/org/layerlab/app/layerlab.png")));
        List<String> args = getParameters().getRaw();
        boolean smoke = args.contains("--smoke");
        Path home = AppDirs.ensureHome();
        RecentFiles recent = new RecentFiles(home == null ? null : home.resolve("recent.txt"));
        String file = args.stream().filter(a -> !a.startsWith("--")).findFirst().orElse(null);
        // a plain start shows the Welcome tab; the Design tab's editor is built into the scene when first selected
        MainWindow window = new MainWindow(Dialogs.of(stage), recent, file == null);
        StartupTrace.mark("window built");
        Scene scene = new Scene(window.root(), 1280, 820);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.titleProperty().bind(window.project().titleProperty());
        stage.getIcons().add(icon.join());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!window.project().confirmDiscard(true)) e.consume();
            else {
                window.shutdownTraining();
                window.shutdownLearn();
                window.recovery().closeCleanly();
            }
        });
        window.onExit(() -> {
            if (window.project().confirmDiscard(true)) {
                window.shutdownTraining();
                window.recovery().closeCleanly();
                Platform.exit();
            }
        });
        stage.show();
        long windowMillis = ProcessClock.millisSinceStart();
        StartupTrace.mark("shown");
        EngineStatus.startInBackground(text -> Platform.runLater(() -> window.setEngine(text)));
        if (!smoke) window.recovery().offerRecovery();
        if (file != null) {
            window.project().open(Path.of(file));
        } else if (window.project().isDirty()) {
            window.selectTab("Design"); // an autosave was restored
        }
        window.editor().canvas().fitLater();
        window.editor().canvas().requestFocus();
        // the launcher's splash goes once the window has its first frame; the smoke opens its sample then,
        // so the trace times that frame alone
        StartupTrace.markFirstPulse(scene, () -> {
            StartupSplash.closeInBackground();
            if (smoke) Smoke.run(window, windowMillis, System.out);
        });
    }
}
