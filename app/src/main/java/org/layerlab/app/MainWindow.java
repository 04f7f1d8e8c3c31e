package org.layerlab.app;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.layerlab.graph.shape.Summary;
import org.layerlab.graph.spec.LayerCatalog;
import org.layerlab.graph.spec.LayerFamily;

/**
 * The main window's content. Until the canvas lands it shows the layer palette (from the graph
 * module's catalogue, with tooltips) and the summary of a starter network.
 */
final class MainWindow {
    private final BorderPane root = new BorderPane();

    MainWindow() {
        root.getStyleClass().add("main-window");
        root.setLeft(palette());
        TextArea summary = new TextArea(Summary.of(org.layerlab.graph.Examples.lenet()));
        summary.setEditable(false);
        summary.getStyleClass().add("summary");
        summary.setId("summary");
        VBox centre = new VBox(8, new Label("LeNet — the network the canvas will draw"), summary);
        centre.setPadding(new Insets(12));
        VBox.setVgrow(summary, javafx.scene.layout.Priority.ALWAYS);
        root.setCenter(centre);
        Label status = new Label("LayerLab 0.1.0 — the canvas editor arrives with the next release");
        status.getStyleClass().add("status-bar");
        root.setBottom(status);
    }

    private static Parent palette() {
        VBox groups = new VBox();
        groups.getStyleClass().add("palette");
        groups.setId("palette");
        for (LayerFamily family : LayerFamily.values()) {
            VBox items = new VBox(2);
            for (LayerCatalog.Entry e : LayerCatalog.entries()) {
                if (e.family() != family) continue;
                Label item = new Label(e.name());
                item.getStyleClass().addAll("palette-item", "family-" + family.name().toLowerCase());
                Tooltip tip = new Tooltip(e.description());
                tip.setWrapText(true);
                tip.setMaxWidth(320);
                item.setTooltip(tip);
                items.getChildren().add(item);
            }
            TitledPane pane = new TitledPane(family.toString(), items);
            pane.setAnimated(false);
            groups.getChildren().add(pane);
        }
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(groups);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(230);
        return scroll;
    }

    Parent root() {
        return root;
    }
}
