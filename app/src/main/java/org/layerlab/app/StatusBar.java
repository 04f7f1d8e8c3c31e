package org.layerlab.app;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.layerlab.canvas.EditorPane;
import org.layerlab.graph.shape.Analysis;

/**
 * The window's status bar: total parameters, whether the graph is valid, the last message, the
 * engine and the zoom. A message from the editor (a refusal) goes stale with the next edit that goes
 * through. FX thread.
 */
final class StatusBar extends HBox {
    private final Label params = new Label();
    private final Label validity = new Label();
    private final Label zoom = new Label();
    private final Label message = new Label();
    private final Label engine = new Label("Engine: starting…");
    /** The message came from the editor (a refusal or a note about an edit). */
    private boolean editorMessage;

    StatusBar(EditorPane editor) {
        params.setId("status-params");
        validity.setId("status-validity");
        zoom.setId("status-zoom");
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(editor.canvas().zoom() * 100) + " %", editor.canvas().zoomProperty()));
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        engine.setId("status-engine");
        // a long message is the one to shorten (with … and the whole text as a tooltip): the counts and the zoom keep their width
        for (Label fixed : new Label[] {params, validity, engine, zoom}) fixed.setMinWidth(Region.USE_PREF_SIZE);
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.SOMETIMES);
        message.textProperty().addListener((o, a, b) -> message.setTooltip(b == null || b.isEmpty() ? null : new javafx.scene.control.Tooltip(b)));
        getChildren().addAll(params, validity, message, spring, engine, zoom);
        setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("status-bar");
        editor.editor().addMessageListener(m -> {
            say(m);
            editorMessage = true;
        });
    }

    /** After an edit: the totals and validity of the graph; an editor refusal shown before is stale now. */
    void graphChanged(Analysis a, boolean empty) {
        if (editorMessage) say("");
        params.setText(String.format(Locale.ROOT, "Total params: %,d", a.totalParams()));
        long errors = a.errors().size();
        validity.getStyleClass().removeAll("status-ok", "status-invalid");
        if (empty) {
            validity.setText("Empty graph");
        } else if (errors == 0) {
            validity.setText("✔ Graph valid");
            validity.getStyleClass().add("status-ok");
        } else {
            validity.setText("✖ " + errors + (errors == 1 ? " problem" : " problems") + " to fix");
            validity.getStyleClass().add("status-invalid");
        }
    }

    void say(String text) {
        message.setText(text);
        editorMessage = false;
    }

    String message() {
        return message.getText();
    }

    void setEngine(String text) {
        engine.setText(text);
    }
}
