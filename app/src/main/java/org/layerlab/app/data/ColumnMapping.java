package org.layerlab.app.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.OutputSpec;

/**
 * Which CSV columns feed each of the graph's Inputs and Outputs: a row per layer with its size and a
 * field of column names or numbers. It edits the {@code input.<id>} and {@code output.<id>} data
 * options; Apply hands them over to be loaded. Shown for a CSV when the graph has several Inputs or
 * Outputs, or when the options already map columns. FX thread only.
 */
final class ColumnMapping extends VBox {
    private final Supplier<Graph> graph;
    private final Consumer<Map<String, String>> apply;
    private final GridPane rows = new GridPane();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private boolean csv;

    ColumnMapping(Supplier<Graph> graph, Consumer<Map<String, String>> apply) {
        this.graph = graph;
        this.apply = apply;
        setId("data-mapping");
        setSpacing(6);
        Label title = new Label("Columns for each layer");
        title.setStyle("-fx-font-weight: bold;");
        Label hint = new Label("Column names or numbers, separated by commas. An Output given one column learns its classes "
                + "(or regresses it if it holds numbers); several columns are regressed.");
        hint.getStyleClass().add("inspector-details");
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        rows.setHgap(8);
        rows.setVgap(4);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Label.USE_PREF_SIZE);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        rows.getColumnConstraints().setAll(name, field);
        Button applyButton = new Button("Apply columns");
        applyButton.setId("data-mapping-apply");
        applyButton.setOnAction(e -> apply.accept(mapping()));
        getChildren().setAll(title, rows, applyButton, hint);
    }

    static boolean isMappingKey(String key) {
        return key.startsWith("input.") || key.startsWith("output.");
    }

    /** Rebuilds the rows for the graph's layers from the options; hides itself unless the mapping applies. */
    void show(boolean csv, Map<String, String> options) {
        this.csv = csv;
        Graph g = graph.get();
        List<Node> inputs = g.nodes().stream().filter(n -> n.spec() instanceof InputSpec).toList();
        List<Node> outputs = g.nodes().stream().filter(n -> n.spec() instanceof OutputSpec).toList();
        boolean mapped = options.keySet().stream().anyMatch(ColumnMapping::isMappingKey);
        boolean visible = csv && (inputs.size() > 1 || outputs.size() > 1 || mapped);
        setVisible(visible);
        setManaged(visible);
        rows.getChildren().clear();
        fields.clear();
        int r = 0;
        for (Node n : inputs) addRow(r++, "input." + n.id(), "Input '" + n.id() + "'", ((InputSpec) n.spec()).shape().size() + " features", options);
        for (Node n : outputs) addRow(r++, "output." + n.id(), "Output '" + n.id() + "'", ((OutputSpec) n.spec()).units() + " units", options);
    }

    /** The graph changed: rows for its layers now, keeping what was typed (applied or not). */
    void graphChanged(Map<String, String> options) {
        Map<String, String> typed = new LinkedHashMap<>(options);
        fields.forEach((k, f) -> typed.put(k, f.getText()));
        show(csv, typed);
    }

    private void addRow(int row, String key, String layer, String size, Map<String, String> options) {
        Label name = new Label(layer);
        name.setTooltip(new Tooltip(layer + " takes " + size));
        Label sizeLabel = new Label(size);
        sizeLabel.getStyleClass().add("inspector-details");
        TextField f = new TextField(options.getOrDefault(key, ""));
        f.setId("data-map-" + key.replace('.', '-'));
        f.setPromptText(key.startsWith("input.") ? "e.g. a1, a2" : "e.g. label");
        f.setPrefColumnCount(10);
        f.setOnAction(e -> apply.accept(mapping()));
        rows.add(new VBox(0, name, sizeLabel), 0, row);
        rows.add(f, 1, row);
        fields.put(key, f);
    }

    /** The typed columns as options, one per layer with any columns. */
    Map<String, String> mapping() {
        Map<String, String> m = new LinkedHashMap<>();
        fields.forEach((k, f) -> {
            if (!f.getText().isBlank()) m.put(k, f.getText().trim());
        });
        return m;
    }
}
