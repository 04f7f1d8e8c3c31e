package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.graph.spec.LayerCatalog;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = new Scene(new MainWindow().root(), 1200, 780);
        scene.getStylesheets().add(LayerLabApp.class.getResource("layerlab.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void paletteListsEveryCatalogueLayerAndTheSummaryIsShown(FxRobot robot) throws Exception {
        for (LayerCatalog.Entry e : LayerCatalog.entries()) {
            assertThat(robot.lookup(".palette-item").queryAllAs(Label.class))
                    .anySatisfy(l -> assertThat(l.getText()).isEqualTo(e.name()));
        }
        TextArea summary = robot.lookup("#summary").queryAs(TextArea.class);
        assertThat(summary.getText()).contains("Total params: 431,080");

        Path out = Path.of("target", "snapshots");
        Files.createDirectories(out);
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(out.toFile(), "main-window.png"));
        assertThat(out.resolve("main-window.png")).exists();
    }
}
