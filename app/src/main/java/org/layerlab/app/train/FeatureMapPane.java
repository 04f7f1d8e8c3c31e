package org.layerlab.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.layerlab.charts.ImageGrid;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.inspect.FeatureMaps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What each convolution layer sees: for a chosen example, the input, every image-shaped layer's
 * activations (one grey tile per channel) and the filters of layers that have them (blue–white–red
 * around zero). Refreshed every N iterations while training and on demand; computed off the FX
 * thread. FX thread.
 */
public final class FeatureMapPane extends BorderPane {
    private final Spinner<Integer> example = new Spinner<>(0, 9_999, 0);
    private final Spinner<Integer> every = new Spinner<>(1, 100_000, 50, 10);
    private final Button refresh = new Button("Refresh now");
    private final Label status = new Label();
    private final VBox grids = new VBox(6);
    private final Inspections work = new Inspections("feature-maps");
    private RunEntry shown;
    private int lastIteration = -1_000_000_000;
    private int lastExample = -1;

    FeatureMapPane() {
        setId("feature-maps");
        example.setId("feature-example");
        example.setEditable(true);
        example.setPrefWidth(90);
        every.setEditable(true);
        every.setPrefWidth(100);
        refresh.setId("feature-refresh");
        refresh.setOnAction(e -> request(true));
        example.valueProperty().addListener((o, a, b) -> request(true));
        status.setPadding(new Insets(4, 8, 0, 8));
        setTop(new VBox(new ToolBar(new Label("Example"), example, new Label("refresh every"), every, new Label("iterations"), refresh), status));
        grids.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(grids);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        status.setId("feature-status");
        status.setText("Feature maps appear when a network with convolution layers trains.");
    }

    public VBox grids() {
        return grids;
    }

    /** Forgets the shown run (another project was opened). */
    void clear() {
        shown = null;
        lastIteration = -1_000_000_000;
        lastExample = -1;
        grids.getChildren().clear();
        status.setText("Feature maps appear when a network with convolution layers trains.");
    }

    /** Called a few times a second: refreshes when N iterations passed since the last picture. */
    void update(RunEntry e) {
        if (e != shown) {
            shown = e;
            lastIteration = -1_000_000_000;
        }
        if (e != null && e.run.iteration() - lastIteration >= every.getValue()) request(false);
    }

    private void request(boolean now) {
        RunEntry e = shown;
        if (e == null) return;
        if (!e.data.info().example().isImage()) {
            grids.getChildren().clear();
            status.setText("This network's input is not an image: feature maps are for convolution layers.");
            return;
        }
        Dataset source = e.data.validation() != null ? e.data.validation() : e.data.train();
        int index = Math.min(example.getValue(), source.size() - 1);
        int iteration = e.run.iteration();
        if (!now && iteration == lastIteration && index == lastExample) return;
        boolean started = work.submit(() -> {
            INDArray x = source.features().get(NDArrayIndex.interval(index, index + 1)).dup();
            return new Result(e, x, FeatureMaps.of(e.run, x), iteration, index);
        }, r -> {
            if (r.entry() == shown) show(r); // a picture of a run dropped meanwhile is not shown
        }, why -> {
            if (e == shown) status.setText("Cannot compute feature maps: " + why);
        });
        if (started) {
            lastIteration = iteration;
            lastExample = index;
        }
    }

    private record Result(RunEntry entry, INDArray input, List<FeatureMaps.LayerMaps> maps, int iteration, int example) {}

    private void show(Result r) {
        grids.getChildren().clear();
        if (r.maps().isEmpty()) {
            status.setText("This network has no convolution layers.");
            return;
        }
        status.setText(String.format(Locale.ROOT, "example %d · iteration %,d", r.example(), r.iteration()));
        int c = (int) r.input().size(1), h = (int) r.input().size(2), w = (int) r.input().size(3);
        float[] input = r.input().mean(1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        add("Input", List.of(new ImageGrid.Tile(c == 1 ? "" : "mean of " + c + " channels", w, h, input, ImageGrid.Style.GREY)),
                String.format(Locale.ROOT, "%d×%d", h, w), 96);
        for (FeatureMaps.LayerMaps m : r.maps()) {
            List<ImageGrid.Tile> tiles = new ArrayList<>();
            for (int k = 0; k < m.channels(); k++) tiles.add(new ImageGrid.Tile(Integer.toString(k), m.width(), m.height(), m.map(k), ImageGrid.Style.GREY));
            String note = String.format(Locale.ROOT, "%s · %d maps of %d×%d", layerType(r.entry(), m.layer()), m.totalChannels(), m.height(), m.width())
                    + (m.channels() < m.totalChannels() ? ", first " + m.channels() + " shown" : "");
            add(m.layer() + " activations", tiles, note, gridHeight(tiles.size()));
            FeatureMaps.Filters f = m.filters();
            if (f != null) {
                List<ImageGrid.Tile> ft = new ArrayList<>();
                for (int k = 0; k < f.count(); k++) ft.add(new ImageGrid.Tile(Integer.toString(k), f.width(), f.height(), f.meanOverInputs(k), ImageGrid.Style.SIGNED));
                add(m.layer() + " filters", ft, String.format(Locale.ROOT, "%d×%d%s", f.height(), f.width(),
                        f.inChannels() > 1 ? ", mean over " + f.inChannels() + " input channels" : ""), gridHeight(ft.size()) * 0.8);
            }
        }
    }

    /** The layer's type as the palette names it ("Conv2D", "MaxPool2D"), not DL4J's class name. */
    private static String layerType(RunEntry e, String layer) {
        org.layerlab.graph.Node n = e.run.compiled().graph().node(layer);
        return n == null ? layer : n.spec().typeName();
    }

    private static double gridHeight(int tiles) {
        return 40 + Math.ceil(tiles / 16.0) * 62;
    }

    private void add(String title, List<ImageGrid.Tile> tiles, String note, double height) {
        ImageGrid g = new ImageGrid(title);
        g.setTiles(tiles, Math.min(16, Math.max(1, tiles.size())), note);
        g.setPrefHeight(height);
        g.setMinHeight(height);
        grids.getChildren().add(g);
    }
}
