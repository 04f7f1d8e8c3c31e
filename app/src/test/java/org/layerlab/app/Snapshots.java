package org.layerlab.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.layerlab.canvas.Theme;
import org.testfx.util.WaitForAsyncUtils;

/** Shared set-up of the window tests: the scene as the app builds it, and PNG snapshots to look at. */
public final class Snapshots {
    private Snapshots() {}

    /** Shows the window in a 1280×800 scene (Monocle's headless screen size) with the app's stylesheet. */
    public static Scene show(javafx.stage.Stage stage, MainWindow window) {
        Scene scene = new Scene(window.root(), 1280, 800);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
        return scene;
    }

    /** Writes the scene to {@code target/snapshots/<name>.png} (from the FX thread) and returns the file. */
    public static File write(Scene scene, String name) throws Exception {
        Path out = Path.of("target", "snapshots");
        Files.createDirectories(out);
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        File f = out.resolve(name + ".png").toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
        return f;
    }
}
