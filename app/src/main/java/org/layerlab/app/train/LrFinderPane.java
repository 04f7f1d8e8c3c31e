package org.layerlab.app.train;

import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import org.layerlab.app.project.ProjectData;
import org.layerlab.charts.LineChart;
import org.layerlab.charts.Series;
import org.layerlab.graph.Graph;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.inspect.LrRangeTest;

/**
 * The learning-rate range test: trains a fresh copy of the graph for one epoch while the rate grows
 * from the minimum to the maximum, plots loss against the rate on a log axis and suggests a rate,
 * which one click puts into the settings. Runs off the FX thread; the curve fills in as it goes.
 */
public final class LrFinderPane extends BorderPane {
    /** What a range test needs from the window: the graph now, the settings, the data. */
    public record Context(Graph graph, TrainingSettings settings, DatasetRef dataset, java.nio.file.Path baseDir) {}

    private final TextField min = new TextField("1e-6");
    private final TextField max = new TextField("10");
    private final Button run = new Button("Run range test");
    private final Button stop = new Button("Stop");
    private final Button use = new Button("Use suggested rate");
    private final Label status = new Label("Sweeps the learning rate over one epoch of a fresh copy of the network.");
    private final LineChart chart = new LineChart("Loss against learning rate");
    private final Inspections work = new Inspections("lr-range");
    private final ConcurrentLinkedQueue<LrRangeTest.Point> points = new ConcurrentLinkedQueue<>();
    private final Supplier<Context> context;
    private final DoubleConsumer useRate;
    private volatile boolean cancelled;
    private Series raw;
    private Series smoothed;
    private double suggested = Double.NaN;
    /** Counts clears: a test still running when another project opened reports to nobody. */
    private int generation;

    /** @param useRate puts the suggested rate into the settings; null where there are none to change (a lesson) */
    public LrFinderPane(Supplier<Context> context, DoubleConsumer useRate) {
        this.context = context;
        this.useRate = useRate;
        setId("lr-finder");
        run.setId("lr-run");
        use.setId("lr-use");
        status.setId("lr-status");
        min.setPrefColumnCount(5);
        max.setPrefColumnCount(5);
        use.setDisable(true);
        stop.setDisable(true);
        run.setOnAction(e -> start());
        stop.setOnAction(e -> cancelled = true);
        use.setOnAction(e -> {
            if (Double.isFinite(suggested)) useRate.accept(Double.parseDouble(String.format(Locale.ROOT, "%.2g", suggested)));
        });
        chart.setLogY(true); // the loss explodes at the end; a log axis keeps the interesting part readable
        chart.setEmptyXRange(-6, 1); // before a sweep the axis already reads 1e-6 … 1e1
        chart.setXFormat(v -> String.format(Locale.ROOT, "%.0e", Math.pow(10, v)).replace("e-0", "e-").replace("e+0", "e"));
        status.setWrapText(true);
        ToolBar bar = new ToolBar(new Label("from"), min, new Label("to"), max, run, stop);
        if (useRate != null) bar.getItems().add(use);
        setTop(bar);
        setCenter(chart);
        setBottom(status);
        BorderPane.setMargin(chart, new Insets(8));
        BorderPane.setMargin(status, new Insets(0, 8, 8, 8));
    }

    public LineChart chart() {
        return chart;
    }

    public double suggested() {
        return suggested;
    }

    public boolean running() {
        return work.busy();
    }

    /** Starts a range test; false (with the reason shown) if the input is bad or one is running. */
    public boolean start() {
        double lo, hi;
        try {
            lo = Double.parseDouble(min.getText().trim());
            hi = Double.parseDouble(max.getText().trim());
            if (!(lo > 0 && hi > lo && hi <= 1000)) throw new NumberFormatException();
        } catch (NumberFormatException ex) {
            status.setText("The range must be two numbers with 0 < from < to ≤ 1000, e.g. from 1e-6 to 10.");
            return false;
        }
        Context c = context.get();
        if (c.dataset() == null || c.dataset().name().isEmpty()) {
            status.setText("Choose a data set first (Data tab or the Train tab's Dataset).");
            return false;
        }
        chart.clear();
        raw = chart.add(new Series("loss", "#9aa5b4"));
        smoothed = chart.add(new Series("smoothed", "#2f6fde"));
        points.clear();
        suggested = Double.NaN;
        use.setDisable(true);
        cancelled = false;
        int gen = generation;
        boolean started = work.submit(() -> {
            GraphCompiler.Compiled compiled;
            try {
                compiled = GraphCompiler.compile(c.graph(), c.settings());
            } catch (Exception ex) {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
            Prepared data = ProjectData.prepare(c.dataset(), c.baseDir(), c.settings(), compiled);
            return LrRangeTest.run(compiled, c.settings(), data.train(), data.batchTransform(c.settings().seed()), lo, hi,
                    points::offer, () -> cancelled);
        }, r -> {
            if (gen == generation) finished(r);
            else resetButtons();
        }, why -> {
            resetButtons();
            if (gen == generation) status.setText("Cannot run the range test: " + why.replace("\n", " "));
        });
        if (started) {
            run.setDisable(true);
            stop.setDisable(false);
            status.setText("Running: one epoch with the rate growing from " + lo + " to " + hi + "…");
        }
        return started;
    }

    /** Stops a running test and forgets its result (another project was opened). */
    void clear() {
        generation++;
        cancelled = true;
        points.clear();
        chart.clear();
        chart.refresh();
        suggested = Double.NaN;
        use.setDisable(true);
        status.setText("Sweeps the learning rate over one epoch of a fresh copy of the network.");
    }

    /** Moves new points onto the chart (called a few times a second). */
    void update() {
        boolean any = false;
        LrRangeTest.Point p;
        while ((p = points.poll()) != null) {
            raw.add(Math.log10(p.learningRate()), p.loss());
            smoothed.add(Math.log10(p.learningRate()), p.smoothed());
            any = true;
        }
        if (any) chart.refresh();
    }

    private void resetButtons() {
        run.setDisable(false);
        stop.setDisable(true);
    }

    private void finished(LrRangeTest.Result r) {
        update();
        resetButtons();
        suggested = r.suggested();
        if (Double.isFinite(suggested)) {
            chart.addMarker(Math.log10(suggested), String.format(Locale.ROOT, "suggested %.2g", suggested));
            chart.refresh();
            use.setDisable(useRate == null);
            status.setText(String.format(Locale.ROOT, "Suggested learning rate %.2g (%s; %d steps%s). "
                    + "It is where the loss falls fastest; the rate at the lowest loss is usually too high to train at.",
                    suggested, r.note(), r.points().size(), cancelled ? ", stopped early" : ""));
        } else {
            status.setText("No suggestion: " + r.note() + ".");
        }
    }
}
