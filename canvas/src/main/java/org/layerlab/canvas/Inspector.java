package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.Problem;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.LayerSpec;
import org.layerlab.graph.spec.Range;
import org.layerlab.graph.spec.RecordProperties;

/**
 * The settings of the selected layer in a ControlsFX {@link PropertySheet}. Every accepted value is
 * one undoable command; a refused one leaves the layer unchanged and shows the reason. Numbers
 * are committed on Enter or when the field loses focus, not on every keystroke.
 */
public final class Inspector extends VBox {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final Editor editor;
    private final Label title = new Label();
    private final Label details = new Label();
    private final Label problems = new Label();
    private final Label error = new Label();
    private final PropertySheet sheet = new PropertySheet();
    private final List<SpecItem> items = new ArrayList<>();
    private String shownId;
    private Class<?> shownType;

    public Inspector(Editor editor) {
        this.editor = editor;
        getStyleClass().add("inspector");
        setId("inspector");
        title.getStyleClass().add("inspector-title");
        details.getStyleClass().add("inspector-details");
        problems.getStyleClass().add("inspector-problems");
        problems.setWrapText(true);
        error.getStyleClass().add("inspector-error");
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(new EditorFactory());
        VBox.setVgrow(sheet, Priority.ALWAYS);
        getChildren().addAll(title, details, problems, error, sheet);
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
            shownType = null;
            items.clear();
            sheet.getItems().clear();
            title.setText(editor.selection().isEmpty() ? "No layer selected" : editor.selection().size() + " layers selected");
            details.setText(editor.selection().isEmpty() ? "Select a layer to edit its settings." : "Select one layer to edit its settings.");
            showProblems(List.of());
            showError(null);
            return;
        }
        String id = editor.selection().iterator().next();
        Node n = editor.graph().node(id);
        if (n == null) return;
        Analysis a = editor.analysis();
        title.setText(n.spec().typeName() + "  ·  " + id);
        TensorShape out = a.shapeOf(id);
        details.setText("Output " + (out == null ? "unknown" : out.toString()) + "\n"
                + String.format(Locale.ROOT, "%,d parameters", a.paramsOf(id)));
        showProblems(a.problemsOf(id));
        if (!id.equals(shownId) || n.spec().getClass() != shownType) {
            shownId = id;
            shownType = n.spec().getClass();
            showError(null);
            items.clear();
            for (RecordProperties.Property p : RecordProperties.properties(n.spec())) items.add(new SpecItem(id, p));
            sheet.getItems().setAll(items);
        } else {
            // same layer: update values in place so the field being edited keeps focus
            for (SpecItem item : items) item.value.set(RecordProperties.get(n.spec(), item.property.name()));
        }
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

    /** Applies a value as the inspector would (used by the editors below and by tests). */
    public boolean apply(String property, Object value) {
        if (shownId == null) return false;
        String refusal = editor.setProperty(shownId, property, value);
        showError(refusal);
        return refusal == null;
    }

    /** One row of the sheet: a property of the shown layer's spec. */
    final class SpecItem implements PropertySheet.Item {
        final String nodeId;
        final RecordProperties.Property property;
        final SimpleObjectProperty<Object> value;

        SpecItem(String nodeId, RecordProperties.Property property) {
            this.nodeId = nodeId;
            this.property = property;
            this.value = new SimpleObjectProperty<>(property.value());
        }

        @Override public Class<?> getType() { return property.type(); }
        @Override public String getCategory() { return "Layer"; }
        @Override public String getName() { return humanize(property.name()); }

        @Override
        public String getDescription() {
            Range r = property.range();
            if (r != null) return getName() + " (" + fmt(r.min()) + " … " + fmt(r.max()) + ")";
            if (!property.choices().isEmpty()) return getName() + ": one of " + property.choices();
            return getName();
        }

        @Override public Object getValue() { return value.get(); }

        @Override
        public void setValue(Object v) {
            if (java.util.Objects.equals(v, value.get()) || !nodeId.equals(shownId)) return;
            if (!apply(property.name(), v)) {
                // refused: the sheet goes back to the layer's real value
                Node n = editor.graph().node(nodeId);
                if (n != null) value.set(RecordProperties.get(n.spec(), property.name()));
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }
    }

    /** "kernelHeight" → "Kernel height". */
    static String humanize(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) d) : Double.toString(d);
    }

    /** Text fields for numbers (commit on Enter / focus loss), ControlsFX's defaults for the rest. */
    private final class EditorFactory extends DefaultPropertyEditorFactory {
        @Override
        @SuppressWarnings("unchecked")
        public PropertyEditor<?> call(PropertySheet.Item item) {
            Class<?> t = item.getType();
            PropertyEditor<Object> editor = t == int.class || t == double.class
                    ? new NumberEditor((SpecItem) item) : (PropertyEditor<Object>) super.call(item);
            // undo, redo and refusals change the value under the editor: show it
            ((SpecItem) item).value.addListener((o, a, b) -> editor.setValue(b));
            return editor;
        }
    }

    private final class NumberEditor implements PropertyEditor<Object> {
        private final TextField field = new TextField();
        private final SpecItem item;

        NumberEditor(SpecItem item) {
            this.item = item;
            field.getStyleClass().add("number-field");
            field.setId("prop-" + item.property.name());
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((o, was, is) -> {
                if (!is) commit();
            });
            field.textProperty().addListener((o, a, b) -> field.pseudoClassStateChanged(INVALID, false));
        }

        private void commit() {
            String text = field.getText().trim();
            if (text.equals(format(item.getValue()))) return;
            boolean ok = apply(item.property.name(), text);
            field.pseudoClassStateChanged(INVALID, !ok);
            if (ok) {
                Node n = editor.graph().node(item.nodeId);
                if (n != null) item.value.set(RecordProperties.get(n.spec(), item.property.name()));
            }
        }

        @Override public javafx.scene.Node getEditor() { return field; }
        @Override public Object getValue() { return field.getText(); }

        @Override
        public void setValue(Object value) {
            field.setText(format(value));
            field.pseudoClassStateChanged(INVALID, false);
        }

        private String format(Object v) {
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9) return Long.toString(d.longValue()) + ".0";
            return String.valueOf(v);
        }
    }

    /** For tests: the spec shown, or null. */
    LayerSpec shownSpec() {
        Node n = shownId == null ? null : editor.graph().node(shownId);
        return n == null ? null : n.spec();
    }
}
