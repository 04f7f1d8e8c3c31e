package org.layerlab.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.layerlab.charts.ConfusionMatrixView;
import org.layerlab.charts.DecisionBoundaryView;
import org.layerlab.charts.ImageGrid;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.inspect.DecisionGrid;
import org.layerlab.trainer.inspect.Outputs;
import org.layerlab.trainer.run.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the network answers, in the form that suits the data: the decision regions of a 2-D
 * classifier (with the training points), inputs beside their reconstructions for an autoencoder,
 * and the validation confusion matrix of any classifier. Network queries run off the FX thread.
 */
public final class PredictionsPane extends BorderPane {
    public static final int GRID = 64;
    public static final int RECONSTRUCTIONS = 8;

    private final DecisionBoundaryView boundary = new DecisionBoundaryView("Decision boundary");
    private final ImageGrid reconstructions = new ImageGrid("Inputs (top) and reconstructions (bottom)");
    private final ConfusionMatrixView confusion = new ConfusionMatrixView("Confusion matrix (validation)");
    private final HBox views = new HBox(8);
    private final Label none = new Label("Predictions appear once a run starts: a decision boundary for 2-D data, "
            + "reconstructions for autoencoders, a confusion matrix for classifiers.");
    private final Inspections work = new Inspections("predictions");
    private RunEntry shown;
    private Evaluation shownEvaluation;

    public PredictionsPane() {
        setId("predictions");
        boundary.setId("decision-boundary");
        reconstructions.setId("reconstructions");
        confusion.setId("confusion-matrix");
        none.setWrapText(true);
        none.setPadding(new Insets(16));
        views.setPadding(new Insets(8));
        for (var v : List.of(boundary, reconstructions, confusion)) {
            HBox.setHgrow(v, Priority.ALWAYS);
            v.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            v.setPrefWidth(400);
        }
        setCenter(none);
    }

    public DecisionBoundaryView boundary() {
        return boundary;
    }

    public ConfusionMatrixView confusion() {
        return confusion;
    }

    public ImageGrid reconstructions() {
        return reconstructions;
    }

    static boolean isAutoencoder(RunEntry e) {
        return "input".equals(e.dataset.options().getOrDefault("target", "").trim());
    }

    static boolean isPlane(RunEntry e) {
        TensorShape x = e.data.info().example();
        return x.isVector() && x.lastDim() == 2 && e.data.info().isClassification();
    }

    /** Forgets the shown run (another project was opened). */
    public void clear() {
        shown = null;
        shownEvaluation = null;
        views.getChildren().clear();
        none.setText("Predictions appear when a run starts.");
        setCenter(none);
    }

    /** Called a few times a second while visible. */
    public void update(RunEntry e) {
        if (e == null) return;
        if (e != shown) {
            shown = e;
            shownEvaluation = null;
            views.getChildren().clear();
            if (isPlane(e)) views.getChildren().add(boundary);
            if (isAutoencoder(e)) views.getChildren().add(reconstructions);
            if (e.data.info().isClassification()) views.getChildren().add(confusion);
            setCenter(views.getChildren().isEmpty() ? none : views);
            if (views.getChildren().isEmpty()) none.setText("Nothing to show for this data: predictions are drawn for 2-D "
                    + "classifiers, autoencoders and classifiers (confusion matrix).");
        }
        Evaluation v = e.run.lastValidation();
        if (v != shownEvaluation && e.data.info().isClassification()) {
            shownEvaluation = v;
            if (v == null || v.confusion() == null) {
                confusion.setMatrix(null, List.of(), e.data.validation() == null ? "set a validation split" : "after the first epoch");
            } else {
                confusion.setMatrix(v.confusion(), e.data.info().classNames(),
                        String.format(Locale.ROOT, "after epoch %d · accuracy %.1f %% of %,d", e.run.history().epochs().size(), v.accuracy() * 100, v.examples()));
            }
        }
        // results of a run dropped meanwhile (another project opened) are not shown
        if (isPlane(e)) work.submit(() -> boundaryOf(e), r -> {
            if (shown == e) boundary.setGrid(r.grid(), r.points(), r.note());
        }, why -> {
            if (shown == e) failed(why);
        });
        else if (isAutoencoder(e)) work.submit(() -> reconstructionsOf(e), t -> {
            if (shown == e) reconstructions.setTiles(t, RECONSTRUCTIONS, "iteration " + String.format(Locale.ROOT, "%,d", e.run.iteration()));
        }, why -> {
            if (shown == e) failed(why);
        });
    }

    private void failed(String why) {
        none.setText("Cannot draw predictions: " + why);
        setCenter(none);
    }

    private record Boundary(DecisionBoundaryView.Grid grid, List<DecisionBoundaryView.Point> points, String note) {}

    private static Boundary boundaryOf(RunEntry e) {
        Dataset d = e.data.train();
        INDArray x = d.features().castTo(DataType.DOUBLE);
        double x0 = x.getColumn(0).minNumber().doubleValue(), x1 = x.getColumn(0).maxNumber().doubleValue();
        double y0 = x.getColumn(1).minNumber().doubleValue(), y1 = x.getColumn(1).maxNumber().doubleValue();
        double pad = 0.08 * Math.max(x1 - x0, y1 - y0);
        // a square view so distances look right
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, half = Math.max(x1 - x0, y1 - y0) / 2 + pad;
        int iteration = e.run.iteration();
        DecisionGrid g = DecisionGrid.of(e.run, cx - half, cx + half, cy - half, cy + half, GRID);
        int[] labels = labels(d.labels());
        List<DecisionBoundaryView.Point> points = new ArrayList<>();
        int step = Math.max(1, d.size() / 600);
        for (int i = 0; i < d.size(); i += step) points.add(new DecisionBoundaryView.Point(x.getDouble(i, 0), x.getDouble(i, 1), labels[i]));
        return new Boundary(new DecisionBoundaryView.Grid(g.n(), g.classes(), g.x0(), g.x1(), g.y0(), g.y1(), g.probabilities()), points,
                String.format(Locale.ROOT, "iteration %,d · %d training points", iteration, points.size()));
    }

    private static int[] labels(INDArray labels) {
        if (labels.rank() == 2 && labels.size(1) > 1) return labels.argMax(1).toIntVector();
        return labels.reshape(labels.size(0)).gte(0.5).castTo(DataType.INT).toIntVector();
    }

    private static List<ImageGrid.Tile> reconstructionsOf(RunEntry e) {
        Dataset d = e.data.validation() != null ? e.data.validation() : e.data.train();
        int n = Math.min(RECONSTRUCTIONS, d.size());
        INDArray x = d.features().get(NDArrayIndex.interval(0, n)).dup();
        float[][] in = Outputs.rows(x);
        float[][] out = Outputs.of(e.run, x);
        int[] hw = imageSize(e.data.info().example(), in[0].length);
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < n; i++) tiles.add(tile("", in[i], hw));
        for (int i = 0; i < n; i++) tiles.add(tile(String.format(Locale.ROOT, "MSE %.3f", mse(in[i], out[i])), out[i], hw));
        return tiles;
    }

    private static ImageGrid.Tile tile(String caption, float[] v, int[] hw) {
        int size = hw[0] * hw[1];
        float[] grey = new float[size];
        int channels = v.length / size;
        // channels first (DL4J's layout): average them into one grey image
        for (int c = 0; c < channels; c++) for (int i = 0; i < size; i++) grey[i] += v[c * size + i] / channels;
        return new ImageGrid.Tile(caption, hw[1], hw[0], grey, ImageGrid.Style.GREY);
    }

    /** Height and width of an example: the image's, or a square when a vector's length is a square number, else one row. */
    static int[] imageSize(TensorShape example, int length) {
        if (example.isImage()) return new int[] {example.height(), example.width()};
        int side = (int) Math.round(Math.sqrt(length));
        return side * side == length ? new int[] {side, side} : new int[] {1, length};
    }

    private static double mse(float[] a, float[] b) {
        double s = 0;
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return n == 0 ? Double.NaN : s / n;
    }
}
