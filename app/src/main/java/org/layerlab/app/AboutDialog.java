package org.layerlab.app;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.layerlab.samples.BundledData;

/** Help ▸ About: versions, the engine in use, and the licences (the bundled data's NOTICE included). */
final class AboutDialog {
    private AboutDialog() {}

    static final String VERSION = "0.1.0";

    /** Everything the dialog shows, as text (also printed by {@code layerlab --version}). */
    static String versions(String engine) {
        return "LayerLab " + VERSION + "\n"
                + "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n"
                + "JavaFX " + System.getProperty("javafx.runtime.version", "21") + "\n"
                + "Deeplearning4j / ND4J 1.0.0-M2.1\n"
                + "Engine: " + engine + "\n"
                + "Data and settings: " + AppDirs.home();
    }

    static String licences() {
        return """
                LayerLab bundles Deeplearning4j / ND4J and JavaCPP (Apache 2.0), OpenBLAS (BSD 3-Clause), \
                OpenJFX (GPL 2.0 with the Classpath Exception), ControlsFX (BSD 3-Clause), Jackson and picocli \
                (Apache 2.0), SLF4J (MIT) and, in the installer, an OpenJDK 17 runtime (GPL 2.0 with the \
                Classpath Exception).

                """ + BundledData.notice();
    }

    static void show(Window owner, Node themed) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        if (owner != null) a.initOwner(owner);
        a.setTitle("About LayerLab");
        a.setHeaderText("LayerLab " + VERSION + " — draw neural networks and watch them learn");
        Label v = new Label(versions(EngineStatus.describe()));
        v.setId("about-versions");
        TextArea lic = new TextArea(licences());
        lic.setEditable(false);
        lic.setWrapText(true);
        lic.setPrefRowCount(16);
        lic.setPrefColumnCount(70);
        lic.setId("about-licences");
        a.getDialogPane().setContent(new VBox(10, v, new Label("Licences"), lic));
        if (themed != null && themed.getScene() != null) {
            a.getDialogPane().getStylesheets().addAll(themed.getScene().getStylesheets());
            if (themed.getScene().getRoot().getStyleClass().contains("dark")) a.getDialogPane().getStyleClass().add("dark");
        }
        a.show();
    }
}
