package org.layerlab.app.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.charts.LineChart;
import org.layerlab.charts.Series;
import org.layerlab.graph.Node;
import org.layerlab.trainer.metrics.MetricSample;

/**
 * The four per-layer charts of the Train tab — gradient norm, update ratio, activation spread and
 * dead units — for one run at a time (the "detail" run), one distinct colour per layer in graph
 * order: what the run has recorded so far from its history, then its live samples. FX thread.
 */
final class LayerCharts {
    final LineChart gradient = new LineChart("Gradient L2 norm per layer");
    final LineChart ratio = new LineChart("Update : parameter ratio per layer");
    final LineChart activation = new LineChart("Activation std per layer");
    final LineChart dead = new LineChart("Dead-unit fraction per layer");
    private final Map<String, Series[]> series = new HashMap<>();
    private RunEntry shown;

    LayerCharts() {
        gradient.setLogY(true);
        ratio.setLogY(true);
        ratio.setBand(1e-4, 1e-2); // healthy updates sit near 1e-3
    }

    List<LineChart> charts() {
        return List.of(gradient, ratio, activation, dead);
    }

    /** The run whose layers are shown, or null. */
    RunEntry shown() {
        return shown;
    }

    void show(RunEntry e) {
        shown = e;
        for (LineChart c : charts()) c.clear();
        series.clear();
        if (e == null) return;
        int k = 0;
        for (String id : e.run.compiled().analysis().order()) {
            Node n = e.run.compiled().graph().node(id);
            if (n == null || n.spec() instanceof org.layerlab.graph.spec.InputSpec) continue;
            String colour = LayerColours.distinct(k++);
            series.put(id, new Series[] {new Series(id, colour), new Series(id, colour), new Series(id, colour), new Series(id, colour)});
        }
        e.run.history().layers().forEach((id, h) -> {
            int[] its = h.iterations.toArray();
            float[][] values = {h.gradientNorm.toArray(), h.updateRatio.toArray(), h.activationStd.toArray(), h.deadFraction.toArray()};
            for (int i = 0; i < Math.min(its.length, values[3].length); i++) add(id, its[i], values[0][i], values[1][i], values[2][i], values[3][i]);
        });
        for (LineChart c : charts()) c.refresh();
    }

    /** A live sample of the shown run's layer. */
    void add(MetricSample.Layer l) {
        add(l.layer(), l.iteration(), l.gradientNorm(), l.updateRatio(), l.activationStd(), l.deadFraction());
    }

    private void add(String layer, int iteration, double... values) {
        Series[] ls = series.get(layer);
        if (ls == null) return;
        List<LineChart> charts = charts();
        for (int i = 0; i < 4; i++) {
            if (Double.isNaN(values[i])) continue;
            if (ls[i].size() == 0) charts.get(i).add(ls[i]);
            ls[i].add(iteration, values[i]);
        }
    }

    /** Forgets the shown run (another project was opened); the charts are cleared with the session's. */
    void forget() {
        series.clear();
        shown = null;
    }
}
