package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.layerlab.graph.spec.LayerCatalog;
import org.layerlab.graph.spec.LayerFamily;

/**
 * The layer palette: the catalogue grouped by family, a search field, a tooltip per layer.
 * Drag an entry onto the canvas to add it there; double-click (or Enter) adds it in the middle.
 */
public final class Palette extends VBox {

    /** Where palette entries can be dropped (the canvas). Scene coordinates. */
    public interface DropTarget {
        boolean previewDrop(LayerCatalog.Entry entry, double sceneX, double sceneY);

        boolean drop(LayerCatalog.Entry entry, double sceneX, double sceneY);

        void cancelDrop();

        void addAtCentre(LayerCatalog.Entry entry);
    }

    private final TextField search = new TextField();
    private final VBox groups = new VBox();
    private final List<TitledPane> panes = new ArrayList<>();
    private final List<Label> items = new ArrayList<>();
    private final DropTarget target;

    public Palette(DropTarget target) {
        this.target = target;
        getStyleClass().add("palette");
        setId("palette");
        search.setPromptText("Search layers");
        search.setId("palette-search");
        search.getStyleClass().add("palette-search");
        search.textProperty().addListener((o, a, b) -> filter(b));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) search.clear();
            if (e.getCode() == KeyCode.ENTER) {
                items.stream().filter(Label::isVisible).findFirst()
                        .ifPresent(l -> target.addAtCentre((LayerCatalog.Entry) l.getUserData()));
            }
        });
        for (LayerFamily family : LayerFamily.values()) {
            VBox list = new VBox(1);
            list.getStyleClass().add("palette-group");
            for (LayerCatalog.Entry e : LayerCatalog.entries()) {
                if (e.family() == family) list.getChildren().add(item(e));
            }
            if (list.getChildren().isEmpty()) continue; // kept DL4J layers come from opened models, not the palette
            TitledPane pane = new TitledPane(family.toString(), list);
            pane.setAnimated(false);
            pane.getStyleClass().add("palette-pane");
            panes.add(pane);
            groups.getChildren().add(pane);
        }
        ScrollPane scroll = new ScrollPane(groups);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("palette-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(search, scroll);
    }

    private Label item(LayerCatalog.Entry e) {
        Label item = new Label(e.name());
        item.setUserData(e);
        item.getStyleClass().addAll("palette-item", "family-" + e.family().name().toLowerCase(Locale.ROOT));
        item.setMaxWidth(Double.MAX_VALUE);
        Tips.install(item, e::description, Duration.millis(400), 320);
        // the drag is a plain press-drag-release inside the window: no platform drag-and-drop is
        // needed, so it behaves the same on every OS and under a test robot
        item.setOnMouseDragged(ev -> {
            if (ev.getButton() != MouseButton.PRIMARY) return;
            item.setCursor(Cursor.CLOSED_HAND);
            target.previewDrop(e, ev.getSceneX(), ev.getSceneY());
        });
        item.setOnMouseReleased(ev -> {
            item.setCursor(Cursor.DEFAULT);
            Point2D local = item.sceneToLocal(ev.getSceneX(), ev.getSceneY());
            if (local != null && item.contains(local)) {
                target.cancelDrop();
            } else {
                target.drop(e, ev.getSceneX(), ev.getSceneY());
            }
        });
        item.setOnMouseClicked(ev -> {
            if (ev.getButton() == MouseButton.PRIMARY && ev.getClickCount() == 2) target.addAtCentre(e);
        });
        items.add(item);
        return item;
    }

    /** Shows only layers whose name, family or description contains {@code text}. */
    public void filter(String text) {
        String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Label l : items) {
            LayerCatalog.Entry e = (LayerCatalog.Entry) l.getUserData();
            boolean show = q.isEmpty() || e.name().toLowerCase(Locale.ROOT).contains(q)
                    || e.family().toString().toLowerCase(Locale.ROOT).contains(q)
                    || e.description().toLowerCase(Locale.ROOT).contains(q);
            l.setVisible(show);
            l.setManaged(show);
        }
        for (TitledPane p : panes) {
            boolean any = ((VBox) p.getContent()).getChildren().stream().anyMatch(javafx.scene.Node::isVisible);
            p.setVisible(any);
            p.setManaged(any);
            if (!q.isEmpty() && any) p.setExpanded(true);
        }
    }

    public TextField searchField() {
        return search;
    }
}
