package org.layerlab.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.layerlab.charts.HeatMap;
import org.layerlab.trainer.metrics.HistogramSeries;
import org.layerlab.trainer.metrics.MetricSample.Histogram.Kind;
import org.layerlab.trainer.run.TrainingRun;

/**
 * Weight and gradient histograms of one layer over the whole run as a heat map; the time slider
 * scrubs through them (the chosen histogram is drawn as bars beside it). FX thread.
 */
public final class HistogramPane extends BorderPane {
    private final ComboBox<String> layer = new ComboBox<>();
    private final ChoiceBox<String> kind = new ChoiceBox<>();
    private final Slider time = new Slider(0, 0, 0);
    private final HeatMap map = new HeatMap("Weights");
    private TrainingRun shown;
    private int shownSize = -1;

    public HistogramPane() {
        setId("histograms");
        layer.setId("histogram-layer");
        layer.setPromptText("layer");
        kind.getItems().setAll("Weights", "Gradients");
        kind.setValue("Weights");
        time.setId("histogram-time");
        time.setBlockIncrement(1);
        time.setMajorTickUnit(1);
        time.setSnapToTicks(true);
        HBox.setHgrow(time, Priority.ALWAYS);
        time.setMaxWidth(Double.MAX_VALUE);
        time.valueProperty().addListener((o, a, b) -> map.setCursor((int) Math.round(b.doubleValue())));
        layer.setOnAction(e -> reload());
        kind.setOnAction(e -> reload());
        Label hint = new Label("time:");
        HBox slider = new HBox(6, hint, time);
        slider.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setPrefWidth(420);
        ToolBar bar = new ToolBar(new Label("Layer"), layer, kind, slider);
        setTop(bar);
        setCenter(map);
        BorderPane.setMargin(map, new Insets(8));
    }

    public HeatMap heatMap() {
        return map;
    }

    public Slider slider() {
        return time;
    }

    public ComboBox<String> layerChoice() {
        return layer;
    }

    /** Forgets the shown run (another project was opened). */
    public void clear() {
        shown = null;
        shownSize = -1;
        layer.getItems().clear();
        layer.setValue(null);
        time.setMax(0);
        map.setColumns(List.of());
        map.setEmptyText("Histograms appear once a run has trained a few iterations.");
    }

    /** Picks up new histograms of the shown run (cheap when nothing changed); the Learn tab shows a lesson's runs here too. */
    public void update(TrainingRun run) {
        if (run == null) return;
        if (run != shown) {
            shown = run;
            shownSize = -1;
        }
        // layers report their first histograms one by one: the list grows until every layer has sampled
        List<String> ordered = layersWithHistograms(run);
        if (!ordered.equals(layer.getItems())) {
            String keep = layer.getValue();
            layer.getItems().setAll(ordered);
            layer.setValue(ordered.contains(keep) ? keep : ordered.isEmpty() ? null : ordered.get(0));
        }
        HistogramSeries h = series();
        if (h != null && h.size() != shownSize) reload();
    }

    private static List<String> layersWithHistograms(TrainingRun run) {
        return run.compiled().analysis().order().stream().filter(id -> run.history().histograms(id, Kind.WEIGHTS) != null).toList();
    }

    private HistogramSeries series() {
        if (shown == null || layer.getValue() == null) return null;
        return shown.history().histograms(layer.getValue(), "Gradients".equals(kind.getValue()) ? Kind.GRADIENTS : Kind.WEIGHTS);
    }

    private void reload() {
        HistogramSeries h = series();
        map.setEmptyText(layer.getItems().isEmpty() ? "No layer with weights has reported yet." : "No histograms yet.");
        mapTitle();
        if (h == null) {
            map.setColumns(List.of());
            return;
        }
        List<HeatMap.Column> cols = new ArrayList<>();
        for (HistogramSeries.Entry x : h.toArray()) cols.add(new HeatMap.Column(x.iteration(), x.min(), x.max(), x.counts()));
        shownSize = cols.size();
        boolean atEnd = time.getValue() >= time.getMax() - 0.5;
        map.setColumns(cols);
        time.setMax(Math.max(0, cols.size() - 1));
        if (atEnd) time.setValue(time.getMax());
        map.setCursor((int) Math.round(time.getValue()));
    }

    private void mapTitle() {
        map.setTitle(String.format(Locale.ROOT, "%s of %s", kind.getValue(), layer.getValue()));
    }
}
