package org.layerlab.app.data;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.trainer.data.DataInfo;

/**
 * The right side of the Data tab: a header with counts and shape, the preview that suits the data
 * (image grid with labels, 2-D scatter, table of rows, decoded text, sequences) and the class
 * balance. FX thread only; the numbers come ready in a {@link DataPreview}.
 */
final class DataPreviewPane extends BorderPane {
    private final Label header = new Label();
    private final BorderPane content = new BorderPane();
    private final Canvas balance = new Canvas(300, 10);
    private DataPreview shown;

    DataPreviewPane() {
        header.setId("data-header");
        header.getStyleClass().add("inspector-title");
        header.setWrapText(true);
        Label balanceTitle = new Label("Class balance (training examples)");
        balanceTitle.getStyleClass().add("inspector-details");
        VBox bottom = new VBox(4, balanceTitle, balance);
        bottom.setId("data-balance");
        setCenter(content);
        setTop(header);
        setBottom(bottom);
        setPadding(new Insets(10));
        BorderPane.setMargin(content, new Insets(8, 0, 8, 0));
        getStyleClass().add("charts-pane");
    }

    DataPreview shown() {
        return shown;
    }

    /** Empties the preview and shows {@code title} instead. */
    void clear(String title) {
        content.setCenter(null);
        header.setText(title);
        shown = null;
        drawBalance();
    }

    void show(DataPreview p) {
        shown = p;
        DataInfo i = p.info();
        header.setText(i.title() + " — " + String.format("%,d", p.trainSize()) + " training"
                + (p.testSize() > 0 ? String.format(" + %,d test", p.testSize()) : "") + " examples"
                + (i.isMapped() ? mapping(i) : " of shape " + i.example() + (i.isClassification() ? ", " + i.classNames().size() + " classes" : ", regression")));
        content.setCenter(switch (i.kind()) {
            case IMAGES -> imageGrid(p);
            case POINTS -> scatter(p);
            case TABLE -> table(p);
            case TEXT -> text(String.join("\n\n— — —\n\n", p.texts()));
            case SEQUENCES -> seriesView(p);
        });
        drawBalance();
    }

    /** For a table mapped onto several layers: which columns feed which, one layer a line. */
    private static String mapping(DataInfo i) {
        if (!i.isMapped()) return "";
        StringBuilder b = new StringBuilder();
        for (var f : i.inputs()) b.append('\n').append(f.describe("Input")).append("  (").append(f.columns().size()).append(" features)");
        for (var f : i.outputs()) {
            b.append('\n').append(f.describe("Output")).append("  (")
                    .append(f.classNames().isEmpty() ? "regression" : f.classNames().size() + " classes").append(')');
        }
        return b.toString();
    }

    private static Node text(String s) {
        TextArea a = new TextArea(s);
        a.setEditable(false);
        a.setWrapText(true);
        a.setId("data-text");
        return a;
    }

    private Node imageGrid(DataPreview p) {
        int h = p.info().example().height();
        int w = p.info().example().width();
        int c = p.info().example().channels();
        int scale = Math.max(1, 56 / Math.max(h, w));
        int cell = Math.max(w * scale, 40) + 10;
        int cols = 12;
        int rows = (p.images().size() + cols - 1) / cols;
        Canvas canvas = new Canvas(cols * cell, rows * (h * scale + 26));
        canvas.setId("data-images");
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFont(Font.font(11));
        for (int k = 0; k < p.images().size(); k++) {
            float[] px = p.images().get(k);
            WritableImage img = new WritableImage(w * scale, h * scale);
            PixelWriter pw = img.getPixelWriter();
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) {
                    int at = (y / scale) * w + x / scale;
                    Color col = c == 1 ? Color.gray(clamp(px[at]))
                            : Color.color(clamp(px[at]), clamp(px[h * w + at]), clamp(px[2 * h * w + at]));
                    pw.setColor(x, y, col);
                }
            }
            double x0 = (k % cols) * cell + (cell - w * scale) / 2.0;
            double y0 = (k / cols) * (h * scale + 26);
            g.drawImage(img, x0, y0);
            int label = p.imageLabels()[k];
            g.setFill(textColour());
            if (label >= 0) g.fillText(shorten(p.info().classNames().get(label), cell), (k % cols) * cell + 4, y0 + h * scale + 14);
        }
        ScrollPane s = new ScrollPane(canvas);
        s.setFitToWidth(true);
        return s;
    }

    private static String shorten(String s, int px) {
        int max = Math.max(3, px / 6);
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static double clamp(float v) {
        return Math.max(0, Math.min(1, v));
    }

    /** A canvas that fills its pane and is redrawn whenever the pane's size changes. */
    private static Pane resizable(String id, Consumer<Canvas> draw) {
        Pane pane = new Pane();
        Canvas canvas = new Canvas();
        canvas.setId(id);
        pane.getChildren().add(canvas);
        canvas.widthProperty().bind(pane.widthProperty());
        canvas.heightProperty().bind(pane.heightProperty());
        canvas.widthProperty().addListener(o -> draw.accept(canvas));
        canvas.heightProperty().addListener(o -> draw.accept(canvas));
        return pane;
    }

    private Node scatter(DataPreview p) {
        return resizable("data-scatter", c -> drawScatter(c, p));
    }

    private void drawScatter(Canvas canvas, DataPreview p) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        float[][] pts = p.points();
        if (pts.length == 0 || w < 20 || h < 20) return;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        double minV = Double.MAX_VALUE, maxV = -Double.MAX_VALUE;
        for (int i = 0; i < pts.length; i++) {
            minX = Math.min(minX, pts[i][0]);
            maxX = Math.max(maxX, pts[i][0]);
            minY = Math.min(minY, pts[i][1]);
            maxY = Math.max(maxY, pts[i][1]);
            minV = Math.min(minV, p.pointValues()[i]);
            maxV = Math.max(maxV, p.pointValues()[i]);
        }
        double side = Math.min(w, h) - 20;
        double ox = (w - side) / 2;
        double oy = (h - side) / 2;
        g.setStroke(textColour().deriveColor(0, 1, 1, 0.3));
        g.strokeRect(ox, oy, side, side);
        for (int i = 0; i < pts.length; i++) {
            double x = ox + (pts[i][0] - minX) / Math.max(1e-9, maxX - minX) * side;
            double y = oy + side - (pts[i][1] - minY) / Math.max(1e-9, maxY - minY) * side;
            int label = p.pointLabels()[i];
            g.setFill(label >= 0 ? classColour(label) : Color.hsb(240 - 240 * (p.pointValues()[i] - minV) / Math.max(1e-9, maxV - minV), 0.8, 0.85));
            g.fillOval(x - 2.5, y - 2.5, 5, 5);
        }
    }

    private Node table(DataPreview p) {
        TableView<String[]> t = new TableView<>();
        t.setId("data-table");
        List<String> names = p.columns();
        for (int c = 0; c < names.size(); c++) {
            final int col = c;
            TableColumn<String[], String> tc = new TableColumn<>(names.get(c));
            tc.setCellValueFactory(r -> new SimpleStringProperty(r.getValue()[col]));
            tc.setSortable(false);
            t.getColumns().add(tc);
        }
        t.getItems().setAll(p.rows());
        t.setColumnResizePolicy(names.size() <= 8 ? TableView.CONSTRAINED_RESIZE_POLICY : TableView.UNCONSTRAINED_RESIZE_POLICY);
        return t;
    }

    private Node seriesView(DataPreview p) {
        return resizable("data-series", canvas -> {
            GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            g.clearRect(0, 0, w, h);
            int k = p.series().size();
            if (k == 0 || h < 20) return;
            double band = h / k;
            for (int s = 0; s < k; s++) {
                float[] v = p.series().get(s);
                double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
                for (float f : v) {
                    lo = Math.min(lo, f);
                    hi = Math.max(hi, f);
                }
                g.setStroke(classColour(s));
                g.setLineWidth(1.5);
                g.beginPath();
                for (int t = 0; t < v.length; t++) {
                    double x = 10 + t * (w - 20) / Math.max(1, v.length - 1);
                    double y = s * band + band - 6 - (v[t] - lo) / Math.max(1e-9, hi - lo) * (band - 12);
                    if (t == 0) g.moveTo(x, y);
                    else g.lineTo(x, y);
                }
                g.stroke();
            }
        });
    }

    private void drawBalance() {
        GraphicsContext g = balance.getGraphicsContext2D();
        long[] counts = shown == null ? new long[0] : shown.classCounts();
        List<String> names = shown == null ? List.of() : shown.info().classNames();
        int shownBars = Math.min(counts.length, 24);
        double rowH = 16;
        balance.setWidth(Math.max(300, getWidth() - 40));
        balance.setHeight(Math.max(10, shownBars * rowH + 4));
        g.clearRect(0, 0, balance.getWidth(), balance.getHeight());
        long max = 1;
        for (long c : counts) max = Math.max(max, c);
        g.setFont(Font.font(11));
        for (int i = 0; i < shownBars; i++) {
            double y = i * rowH + 2;
            g.setFill(textColour());
            g.fillText(shorten(names.get(i), 110), 0, y + 11);
            double len = (balance.getWidth() - 200) * counts[i] / max;
            g.setFill(classColour(i));
            g.fillRect(110, y + 2, len, rowH - 5);
            g.setFill(textColour());
            g.fillText(String.format("%,d", counts[i]), 116 + len, y + 11);
        }
        if (counts.length > shownBars) {
            g.setFill(textColour());
            g.fillText("… and " + (counts.length - shownBars) + " more classes", 110, shownBars * rowH + 2);
        }
    }

    private Color textColour() {
        boolean dark = getScene() != null && getScene().getRoot().getStyleClass().contains("dark");
        return dark ? Color.web("#e3e7ed") : Color.web("#1d2530"); // -ll-text of the theme
    }

    static Color classColour(int i) {
        return Color.web(TrainingSession.RUN_COLOURS[i % TrainingSession.RUN_COLOURS.length]);
    }
}
