package org.layerlab.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the main window. */
public final class LayerLabApp extends Application {

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow();
        Scene scene = new Scene(window.root(), 1200, 780);
        scene.getStylesheets().add(LayerLabApp.class.getResource("layerlab.css").toExternalForm());
        stage.setTitle("LayerLab");
        stage.setScene(scene);
        stage.show();
    }
}
