package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.TextField;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;
import org.layerlab.graph.spec.Range;
import org.layerlab.graph.spec.RecordProperties;

/**
 * A ControlsFX {@link PropertySheet} over any record (a layer spec, training settings): one row per
 * component, ranges and choices from {@link RecordProperties}. Changes go through an
 * {@link Applier} that may refuse them; numbers commit on Enter or focus loss, not per keystroke.
 */
public final class RecordSheet extends PropertySheet {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    /** Applies one change; returns null when accepted, else the reason it was refused. */
    @FunctionalInterface
    public interface Applier {
        String apply(String property, Object value);
    }

    private final Applier applier;
    private final List<Row> rows = new ArrayList<>();
    private Object record;

    private java.util.function.BiPredicate<Object, String> shows = (r, property) -> true;

    /**
     * Shows only the properties for which {@code shows} is true given the record's other values (an
     * optimizer's own settings); rows come and go as those values change.
     */
    public void setFilter(java.util.function.BiPredicate<Object, String> shows) {
        this.shows = shows;
        if (record != null) getItems().setAll(visibleRows());
    }

    private java.util.List<Row> visibleRows() {
        return rows.stream().filter(row -> shows.test(record, row.property.name())).toList();
    }

    public RecordSheet(Applier applier) {
        this.applier = applier;
        setModeSwitcherVisible(false);
        setSearchBoxVisible(false);
        setMode(PropertySheet.Mode.NAME);
        setPropertyEditorFactory(new EditorFactory());
        getStyleClass().add("record-sheet");
    }

    /**
     * A property's name is never cut ("Early stopping pa…"): its label keeps its preferred width and
     * the editors beside it take what is left. ControlsFX creates the labels as the sheet lays out.
     */
    @Override
    protected void layoutChildren() {
        for (javafx.scene.Node n : lookupAll(".label")) {
            if (n instanceof javafx.scene.control.Label l && l.getMinWidth() != javafx.scene.layout.Region.USE_PREF_SIZE) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        super.layoutChildren();
    }

    /** Shows {@code r}: new rows for a new record type, values updated in place otherwise (focus is kept). */
    public void show(Object r) {
        Object before = record;
        record = r;
        if (r == null) {
            rows.clear();
            getItems().clear();
            return;
        }
        if (before == null || before.getClass() != r.getClass() || rows.isEmpty()) {
            rows.clear();
            for (RecordProperties.Property p : RecordProperties.properties(r)) rows.add(new Row(p));
            getItems().setAll(visibleRows());
        } else {
            for (Row row : rows) row.value.set(RecordProperties.get(r, row.property.name()));
            java.util.List<Row> visible = visibleRows();
            if (!visible.equals(getItems())) getItems().setAll(visible);
        }
    }

    /** Rebuilds the rows even for the same record type (another layer of the same kind). */
    public void showFresh(Object r) {
        record = null;
        rows.clear();
        show(r);
    }

    private String apply(Row row, Object value) {
        String refusal = applier.apply(row.property.name(), value);
        if (refusal != null && record != null) row.value.set(RecordProperties.get(record, row.property.name()));
        return refusal;
    }

    /** "kernelHeight" → "Kernel height". */
    static String humanize(String name) {
        return RecordProperties.label(name);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) d) : Double.toString(d);
    }

    /** One row: a component of the shown record. */
    final class Row implements PropertySheet.Item {
        final RecordProperties.Property property;
        final SimpleObjectProperty<Object> value;

        Row(RecordProperties.Property property) {
            this.property = property;
            this.value = new SimpleObjectProperty<>(property.value());
        }

        @Override public Class<?> getType() { return property.type(); }
        @Override public String getCategory() { return "Settings"; }
        @Override public String getName() { return humanize(property.name()); }

        @Override
        public String getDescription() {
            Range r = property.range();
            String help = record == null ? null : org.layerlab.graph.spec.PropertyHelp.of(record.getClass(), property.name());
            String range = r != null ? getName() + " (" + fmt(r.min()) + " … " + fmt(r.max()) + ")"
                    : !property.choices().isEmpty() ? getName() + ": one of " + property.choices() : getName();
            return help == null ? range : range + "\n" + help;
        }

        @Override public Object getValue() { return value.get(); }

        @Override
        public void setValue(Object v) {
            if (!Objects.equals(v, value.get())) apply(this, v);
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(value);
        }
    }

    /** Text fields for numbers, ControlsFX's defaults for the rest; every editor follows undo and refusals. */
    private final class EditorFactory extends DefaultPropertyEditorFactory {
        @Override
        @SuppressWarnings("unchecked")
        public PropertyEditor<?> call(PropertySheet.Item item) {
            Class<?> t = item.getType();
            PropertyEditor<Object> editor = t == int.class || t == double.class || t == long.class
                    ? new NumberEditor((Row) item) : (PropertyEditor<Object>) super.call(item);
            ((Row) item).value.addListener((o, a, b) -> editor.setValue(b));
            return editor;
        }
    }

    private final class NumberEditor implements PropertyEditor<Object> {
        private final TextField field = new TextField();
        private final Row row;

        NumberEditor(Row row) {
            this.row = row;
            field.getStyleClass().add("number-field");
            field.setId("prop-" + row.property.name());
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((o, was, is) -> {
                if (!is) commit();
            });
            field.textProperty().addListener((o, a, b) -> field.pseudoClassStateChanged(INVALID, false));
        }

        private void commit() {
            String text = field.getText().trim();
            if (text.equals(format(row.getValue()))) return;
            boolean ok = apply(row, text) == null;
            field.pseudoClassStateChanged(INVALID, !ok);
            if (!ok) field.setText(text); // keep what was typed so it can be corrected
        }

        @Override public javafx.scene.Node getEditor() { return field; }
        @Override public Object getValue() { return field.getText(); }

        @Override
        public void setValue(Object value) {
            field.setText(format(value));
            field.pseudoClassStateChanged(INVALID, false);
        }

        private String format(Object v) {
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9) return d.longValue() + ".0";
            return String.valueOf(v);
        }
    }
}
