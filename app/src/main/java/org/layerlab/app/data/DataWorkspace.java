package org.layerlab.app.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.app.Dialogs;
import org.layerlab.app.project.ProjectController;
import org.layerlab.app.project.ProjectData;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.trainer.data.DataInfo;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.LoadedData;

/**
 * The Data tab: the catalogue (synthetic, bundled, the user's files), the chosen set's options, and a
 * preview — image grid with labels, 2-D scatter, table of rows, decoded text or series — with the
 * class balance. Loading runs off the FX thread; a set that fails to load leaves the project's
 * choice unchanged and says why. A loaded set reports its Input shape to {@code onInputShape}.
 */
public final class DataWorkspace extends BorderPane {
    private final ProjectController project;
    private final Dialogs dialogs;
    private final Consumer<DataInfo> onInputShape;
    private final ListView<Datasets.Entry> catalogue = new ListView<>();
    private final TextField options = new TextField();
    private final Button chooseFile = new Button("Choose file…");
    private final Button loadButton = new Button("Load");
    private final Label status = new Label("Choose a data set.");
    private final DataPreviewPane preview = new DataPreviewPane();
    private final java.util.function.Supplier<org.layerlab.graph.Graph> graph;
    private final ColumnMapping mapping;
    private int generation;
    private boolean selecting;

    public DataWorkspace(ProjectController project, java.util.function.Supplier<org.layerlab.graph.Graph> graph, Dialogs dialogs,
                         Consumer<DataInfo> onInputShape) {
        this.project = project;
        this.graph = graph;
        this.mapping = new ColumnMapping(graph, this::applyMapping);
        this.dialogs = dialogs;
        this.onInputShape = onInputShape;
        setId("data");
        getStyleClass().add("data-workspace");
        setLeft(controls());
        setCenter(preview);
        project.onProjectReplaced(this::reload);
        reload();
    }

    private VBox controls() {
        catalogue.getItems().setAll(Datasets.CATALOGUE);
        catalogue.setId("data-catalogue");
        catalogue.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Datasets.Entry e, boolean empty) {
                super.updateItem(e, empty);
                setText(empty || e == null ? null : e.title() + "   ·  " + e.group());
                setTooltip(empty || e == null ? null : new javafx.scene.control.Tooltip(e.description()));
            }
        });
        catalogue.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> {
            if (e == null || selecting) return;
            boolean sameSet = e.name().equals(project.dataset().name());
            options.setText(sameSet ? format(project.dataset().options()) : "");
            chooseFile.setDisable(!isFileSet(e.name()));
            showMapping();
            if (!isFileSet(e.name()) || sameSet) load();
            else status.setText("Choose the " + (e.name().equals("images") ? "folder" : "file") + " to load (" + e.description() + ").");
        });
        VBox.setVgrow(catalogue, Priority.ALWAYS);
        options.setId("data-options");
        options.setPromptText("options, e.g. noise=0.1; size=500");
        options.setOnAction(e -> load());
        loadButton.setId("data-load");
        loadButton.setOnAction(e -> load());
        chooseFile.setId("data-choose");
        chooseFile.setOnAction(e -> chooseFile());
        status.setId("data-status");
        status.setWrapText(true);
        status.setMinHeight(Label.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        Label title = new Label("Data");
        title.getStyleClass().add("inspector-title");
        Label hint = new Label("Options: key=value pairs separated by ';' — normalize=standardize|minmax, limit=N, "
                + "augment.shift=2, augment.rotate=10, augment.noise=0.05, augment.flip=true");
        hint.getStyleClass().add("inspector-details");
        hint.setWrapText(true);
        hint.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(8, title, catalogue, new Label("Options"), options, new HBox(6, loadButton, chooseFile), mapping, hint, status);
        box.getStyleClass().add("inspector");
        box.setPadding(new Insets(10));
        box.setPrefWidth(310);
        box.setMinWidth(280);
        return box;
    }

    private static boolean isFileSet(String name) {
        return name.equals("csv") || name.equals("images") || name.equals("idx");
    }

    private void reload() {
        DatasetRef d = project.dataset();
        selecting = true;
        catalogue.getSelectionModel().select(Datasets.entry(d.name()));
        selecting = false;
        options.setText(format(d.options()));
        chooseFile.setDisable(!isFileSet(d.name()));
        showMapping();
        preview.clear(d.name().isEmpty() ? "No data set chosen" : "");
        status.setText(d.name().isEmpty() ? "Choose a data set." : "Press Load to preview '" + d.name() + "'.");
    }

    private boolean csvSelected() {
        Datasets.Entry e = catalogue.getSelectionModel().getSelectedItem();
        return e != null && e.name().equals("csv");
    }

    private Map<String, String> typedOptions() {
        try {
            return parse(options.getText());
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private void showMapping() {
        mapping.show(csvSelected(), typedOptions());
    }

    /** The graph was edited: the mapping lists its Inputs and Outputs now. */
    public void graphChanged() {
        mapping.graphChanged(typedOptions());
    }

    /** The typed options, or null with the reason shown when they do not read as key=value pairs. */
    private Map<String, String> optionsOrSay() {
        try {
            return parse(options.getText());
        } catch (IllegalArgumentException ex) {
            status.setText(ex.getMessage());
            return null;
        }
    }

    /** The mapping's columns replace the options' {@code input.*}/{@code output.*} entries, then load. */
    private void applyMapping(Map<String, String> columns) {
        Map<String, String> o = optionsOrSay();
        if (o == null) return;
        o.keySet().removeIf(ColumnMapping::isMappingKey);
        // columns given to layers take the place of the one-Input choices (shown in the options field)
        if (columns.keySet().stream().anyMatch(k -> k.startsWith("input."))) o.remove("features");
        if (columns.keySet().stream().anyMatch(k -> k.startsWith("output."))) o.remove("label");
        o.putAll(columns);
        options.setText(format(o));
        load();
    }

    private void chooseFile() {
        Datasets.Entry e = catalogue.getSelectionModel().getSelectedItem();
        if (e == null) return;
        Path p = dialogs.chooseData(project.baseDir(), e.name().equals("images"));
        if (p == null) return;
        Map<String, String> o = parse(options.getText());
        o.put(e.name().equals("idx") ? (p.getFileName().toString().contains("label") ? "labels" : "images") : "path", p.toString());
        options.setText(format(o));
        load();
    }

    /**
     * Chooses a set by name (from the Train tab): selecting it loads it, as a click in the list does;
     * sets read from the user's files wait for their file on this tab.
     */
    public void choose(String name) {
        Datasets.Entry e = Datasets.entry(name);
        if (e != null) catalogue.getSelectionModel().select(e);
    }

    /** Loads the selected set with the typed options; on success it becomes the project's data set. */
    void load() {
        Datasets.Entry e = catalogue.getSelectionModel().getSelectedItem();
        if (e == null) return;
        Map<String, String> o = optionsOrSay();
        if (o == null) return;
        DatasetRef ref = new DatasetRef(e.name(), o);
        Path base = project.baseDir();
        int gen = ++generation;
        status.setText("Loading " + e.title() + "…");
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                LoadedData loaded = ProjectData.load(ref, base);
                DataPreview p = DataPreview.of(loaded);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                Platform.runLater(() -> {
                    if (gen != generation) return;
                    if (!ref.equals(project.dataset())) project.setDataset(ref);
                    preview.show(p);
                    onInputShape.accept(p.info());
                    status.setText("Loaded in " + ms + " ms.");
                    showMapping();
                    checkFit(gen, ref.name(), loaded);
                });
            } catch (RuntimeException | LinkageError ex) {
                String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                Platform.runLater(() -> {
                    if (gen == generation) status.setText("Cannot load: " + why + " — the project's data set is unchanged.");
                });
            }
        }, "layerlab-data-preview");
        t.setDaemon(true);
        t.start();
    }

    /** Says (off the FX thread) when the loaded data does not fit the graph as it now is, naming the layer. */
    private void checkFit(int gen, String name, LoadedData loaded) {
        var g = graph.get();
        var settings = project.training();
        Thread t = new Thread(() -> {
            String misfit = DataCheck.misfit(name, loaded, g, settings);
            if (misfit != null) Platform.runLater(() -> {
                if (gen == generation) status.setText(status.getText() + " It does not fit the graph yet: " + misfit);
            });
        }, "layerlab-data-check");
        t.setDaemon(true);
        t.start();
    }

    DataPreview shown() {
        return preview.shown();
    }

    Label status() {
        return status;
    }

    static Map<String, String> parse(String text) {
        Map<String, String> o = new LinkedHashMap<>();
        if (text == null) return o;
        for (String part : text.split(";")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("option '" + part.trim() + "' is not key=value; separate options with ';'");
            o.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return o;
    }

    static String format(Map<String, String> o) {
        StringBuilder sb = new StringBuilder();
        o.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return sb.toString();
    }
}
