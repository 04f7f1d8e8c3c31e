package org.layerlab.app;

import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.layerlab.app.train.LayerColours;
import org.layerlab.canvas.AutoLayout;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.samples.Sample;
import org.layerlab.samples.StarterSamples;

/**
 * The first page: starter samples as cards with a thumbnail of their graph, recent projects, and a
 * short how-to. Opening a sample or project switches to the Design tab.
 */
final class WelcomePage extends ScrollPane {
    static final String HOW_TO = String.join("\n",
            "1  Open a sample (Welcome tab or File ▸ Open Sample), or drag layers from the palette onto the canvas (Design tab).",
            "2  Wire layers by dragging from an output port (right) to an input port (left); shapes and parameter counts update as you edit.",
            "3  Choose data on the Data tab: the Input's shape follows it (Ctrl+Z undoes that too).",
            "4  Press Start on the Train tab and watch loss, accuracy, gradients and update ratios live.",
            "Everything is undoable; nothing is downloaded — the data sets ship with LayerLab.");

    private final MainWindow window;
    private final VBox recent = new VBox(2);

    WelcomePage(MainWindow window) {
        this.window = window;
        Label title = new Label("Welcome to LayerLab");
        title.getStyleClass().add("welcome-title");
        Label subtitle = new Label("Draw neural networks and watch them learn.");
        subtitle.getStyleClass().add("inspector-details");
        Label howTitle = new Label("How to");
        howTitle.getStyleClass().add("inspector-title");
        Label how = new Label(HOW_TO);
        how.setWrapText(true);
        how.setId("welcome-howto");
        how.getStyleClass().add("welcome-howto");
        Label samplesTitle = new Label("Starter samples");
        samplesTitle.getStyleClass().add("inspector-title");
        FlowPane cards = new FlowPane(12, 12);
        cards.setId("welcome-samples");
        for (Sample s : StarterSamples.all()) cards.getChildren().add(card(window, s));
        Label recentTitle = new Label("Recent projects");
        recentTitle.getStyleClass().add("inspector-title");
        recent.setId("welcome-recent");
        refreshRecent();
        VBox box = new VBox(10, title, subtitle, howTitle, how, samplesTitle, cards, recentTitle, recent);
        box.setPadding(new Insets(20, 24, 24, 24));
        box.getStyleClass().add("welcome-page");
        setContent(box);
        setFitToWidth(true);
        setId("welcome");
    }

    /** Lists the recent projects as File ▸ Open Recent does (called whenever that list changes). */
    void refreshRecent() {
        recent.getChildren().clear();
        for (Path p : window.project().recent().list()) {
            Hyperlink link = new Hyperlink(p.getFileName() + "  —  " + p.getParent());
            link.setOnAction(e -> {
                if (window.project().open(p)) {
                    window.editor().canvas().fitLater();
                    window.selectTab("Design");
                }
            });
            recent.getChildren().add(link);
        }
        if (recent.getChildren().isEmpty()) recent.getChildren().add(new Label("None yet — projects you save or open appear here."));
    }

    private static VBox card(MainWindow window, Sample s) {
        Canvas thumb = thumbnail(s.project().graph(), 210, 90);
        Label name = new Label(s.title());
        name.getStyleClass().add("welcome-card-title");
        Label text = new Label(s.description());
        text.setWrapText(true);
        text.getStyleClass().add("inspector-details");
        text.setPrefWidth(210);
        text.setMinHeight(34);
        Button open = new Button("Open");
        open.setId("welcome-open-" + s.id());
        open.setOnAction(e -> {
            window.openSample(s);
            window.selectTab("Design");
        });
        VBox card = new VBox(6, thumb, name, text, open);
        card.setAlignment(Pos.TOP_LEFT);
        card.setPadding(new Insets(10));
        card.getStyleClass().add("welcome-card");
        card.setPrefWidth(232);
        return card;
    }

    /** The graph laid out as on the canvas, drawn as small boxes in their family colours. */
    static Canvas thumbnail(Graph g, double w, double h) {
        Graph laid = AutoLayout.apply(g, 100); // one row: a thumbnail reads left to right
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Node n : laid.nodes()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + 160);
            maxY = Math.max(maxY, n.y() + 74);
        }
        double scale = Math.min((w - 8) / Math.max(1, maxX - minX), (h - 8) / Math.max(1, maxY - minY));
        double ox = (w - (maxX - minX) * scale) / 2;
        double oy = (h - (maxY - minY) * scale) / 2;
        Canvas c = new Canvas(w, h);
        c.getStyleClass().add("welcome-thumb");
        GraphicsContext gc = c.getGraphicsContext2D();
        gc.setStroke(Color.web("#8491a3"));
        gc.setLineWidth(1.5);
        for (Edge e : laid.edges()) {
            Node a = laid.node(e.from());
            Node b = laid.node(e.to());
            gc.strokeLine(ox + (a.x() - minX + 160) * scale, oy + (a.y() - minY + 37) * scale,
                    ox + (b.x() - minX) * scale, oy + (b.y() - minY + 37) * scale);
        }
        for (Node n : laid.nodes()) {
            gc.setFill(Color.web(LayerColours.of(n.spec().family(), 0)));
            gc.fillRoundRect(ox + (n.x() - minX) * scale, oy + (n.y() - minY) * scale, 160 * scale, 74 * scale, 6, 6);
        }
        return c;
    }
}
