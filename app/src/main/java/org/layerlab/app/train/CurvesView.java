package org.layerlab.app.train;

import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.layerlab.charts.LineChart;

/**
 * The Train tab's Curves view: the session's seven live charts in a two-column grid, and a toolbar
 * for smoothing, a log loss axis and exports. FX thread.
 */
final class CurvesView extends BorderPane {
    /** @param whole what "Export PNG…" pictures (this view) */
    CurvesView(TrainingSession session, ChartExports exports, Supplier<javafx.scene.Node> whole) {
        Slider smoothing = new Slider(0, 0.99, 0.6);
        smoothing.setPrefWidth(140);
        smoothing.valueProperty().addListener((o, a, b) -> session.lossChart.setSmoothing(b.doubleValue()));
        session.lossChart.setSmoothing(0.6);
        CheckBox logLoss = new CheckBox("Log loss");
        logLoss.setOnAction(e -> session.lossChart.setLogY(logLoss.isSelected()));
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> exports.chart(session.lossChart, "csv"));
        Button png = new Button("Export PNG…");
        png.setOnAction(e -> exports.view(whole.get(), "charts.png"));
        ToolBar bar = new ToolBar(new Label("Smoothing"), smoothing, logLoss, csv, png,
                new Label("  wheel: zoom · drag: pan · double-click: reset · right-click: options"));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        List<LineChart> charts = session.charts();
        for (int i = 0; i < charts.size(); i++) grid.add(charts.get(i), i % 2, i / 2, i == charts.size() - 1 && i % 2 == 0 ? 2 : 1, 1);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            grid.getColumnConstraints().add(cc);
        }
        int rows = (charts.size() + 1) / 2;
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(rc);
        }
        for (LineChart c : charts) {
            c.setMinSize(120, 90);
            c.setPrefSize(300, 150);
            c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        setCenter(grid);
        setTop(bar);
        getStyleClass().add("charts-pane");
    }
}
