package org.layerlab.canvas;

import java.util.List;
import java.util.Locale;
import javafx.collections.SetChangeListener;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.Problem;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.LayerSpec;

/**
 * The settings of the selected layer in a {@link RecordSheet}. Every accepted value is one undoable
 * command; a refused one leaves the layer unchanged and shows the reason.
 */
public final class Inspector extends VBox {
    private final Editor editor;
    private final Label title = new Label();
    private final Label details = new Label();
    private final Label problems = new Label();
    private final Label error = new Label();
    private final RecordSheet sheet;
    private final javafx.scene.control.TextField name = new javafx.scene.control.TextField();
    private final javafx.scene.layout.HBox nameRow;
    private String shownId;

    public Inspector(Editor editor) {
        this.editor = editor;
        this.sheet = new RecordSheet(this::applyOrReason);
        getStyleClass().add("inspector");
        setId("inspector");
        title.getStyleClass().add("inspector-title");
        details.getStyleClass().add("inspector-details");
        details.setWrapText(true);
        details.setMinHeight(Label.USE_PREF_SIZE);
        problems.getStyleClass().add("inspector-problems");
        problems.setWrapText(true);
        error.getStyleClass().add("inspector-error");
        error.setWrapText(true);
        showError(null);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        name.setId("inspector-name");
        name.setTooltip(new javafx.scene.control.Tooltip("The layer's name: also its name in DL4J, in exported Java and in the charts. "
                + "Letters, digits, '_' and '-', starting with a letter. Enter renames; Esc restores."));
        name.setOnAction(e -> rename());
        name.focusedProperty().addListener((o, was, now) -> {
            if (!now) rename();
        });
        name.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE && shownId != null) name.setText(shownId);
        });
        javafx.scene.control.Label nameLabel = new javafx.scene.control.Label("Name");
        nameRow = new javafx.scene.layout.HBox(8, nameLabel, name);
        nameRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.layout.HBox.setHgrow(name, Priority.ALWAYS);
        getChildren().addAll(title, nameRow, details, problems, error, sheet);
        editor.selection().addListener((SetChangeListener<String>) c -> refresh());
        editor.document().addListener((a, b) -> refresh());
        refresh();
    }

    /** The node being edited, or null. */
    public String shownId() {
        return shownId;
    }

    private void refresh() {
        if (editor.selection().size() != 1) {
            shownId = null;
            sheet.show(null);
            title.setText(editor.selection().isEmpty() ? "No layer selected" : editor.selection().size() + " layers selected");
            details.setText(editor.selection().isEmpty() ? "Select a layer to edit its settings." : "Select one layer to edit its settings.");
            showProblems(List.of());
            showError(null);
            nameRow.setVisible(false);
            nameRow.setManaged(false);
            return;
        }
        String id = editor.selection().iterator().next();
        Node n = editor.graph().node(id);
        if (n == null) return;
        Analysis a = editor.analysis();
        title.setText(n.spec().typeName() + "  ·  " + id);
        nameRow.setVisible(true);
        nameRow.setManaged(true);
        if (!name.isFocused() || !id.equals(shownId)) name.setText(id);
        TensorShape out = a.shapeOf(id);
        details.setText("Output " + (out == null ? "unknown" : out.toString()) + "\n"
                + String.format(Locale.ROOT, "%,d parameters", a.paramsOf(id)));
        showProblems(a.problemsOf(id));
        if (n.spec() instanceof org.layerlab.graph.spec.OpaqueSpec o) {
            // its settings are DL4J's own configuration: shown as what it is, not offered for editing
            details.setText(details.getText() + "\n\nA DL4J " + o.dl4jType() + " kept exactly as the opened model had it. It takes "
                    + o.takes() + " and gives " + o.gives() + "; it trains and saves as it did, but LayerLab cannot edit it. "
                    + "To change it, replace it with LayerLab layers.");
            shownId = id;
            sheet.show(null);
            return;
        }
        if (!id.equals(shownId)) {
            shownId = id;
            showError(null);
            sheet.showFresh(n.spec());
        } else {
            sheet.show(n.spec()); // same layer: values change in place, the field being edited keeps focus
        }
    }

    private void rename() {
        if (shownId == null || name.getText().strip().equals(shownId)) return;
        String refusal = editor.rename(shownId, name.getText());
        showError(refusal);
        if (refusal != null) name.setText(shownId); // the layer keeps its name; the reason stays shown
    }

    /** The name field (tests). */
    javafx.scene.control.TextField nameField() {
        return name;
    }

    private void showProblems(List<Problem> list) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : list) sb.append(sb.length() == 0 ? "" : "\n").append(p.isError() ? "✖ " : "⚠ ").append(p.message());
        problems.setText(sb.toString());
        problems.setVisible(!list.isEmpty());
        problems.setManaged(!list.isEmpty());
    }

    private void showError(String message) {
        error.setText(message == null ? "" : message);
        error.setVisible(message != null);
        error.setManaged(message != null);
    }

    /** The last refusal shown, or empty. */
    public String errorText() {
        return error.isVisible() ? error.getText() : "";
    }

    /** Applies a value as the sheet would (one undoable edit); false with the reason shown if refused. */
    public boolean apply(String property, Object value) {
        return applyOrReason(property, value) == null;
    }

    private String applyOrReason(String property, Object value) {
        if (shownId == null) return "no layer selected";
        String refusal = editor.setProperty(shownId, property, value);
        showError(refusal);
        return refusal;
    }

    /** For tests: the spec shown, or null. */
    LayerSpec shownSpec() {
        Node n = shownId == null ? null : editor.graph().node(shownId);
        return n == null ? null : n.spec();
    }
}
