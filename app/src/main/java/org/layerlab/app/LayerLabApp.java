package org.layerlab.app;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.layerlab.canvas.Theme;

/** The JavaFX application: the main window, asking before unsaved work is lost on close. */
public final class LayerLabApp extends Application {

    @Override
    public void start(Stage stage) {
        Path home = AppDirs.ensureHome();
        RecentFiles recent = new RecentFiles(home == null ? null : home.resolve("recent.txt"));
        MainWindow window = new MainWindow(Dialogs.of(stage), recent);
        Scene scene = new Scene(window.root(), 1280, 820);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.titleProperty().bind(window.project().titleProperty());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!window.project().confirmDiscard()) e.consume();
            else window.training().session().shutdown();
        });
        window.onExit(() -> {
            if (window.project().confirmDiscard()) {
                window.training().session().shutdown();
                Platform.exit();
            }
        });
        stage.show();
        String file = getParameters().getRaw().isEmpty() ? null : getParameters().getRaw().get(0);
        if (file != null) {
            window.project().open(Path.of(file));
        }
        window.editor().canvas().fitLater();
        window.editor().canvas().requestFocus();
    }
}
