package org.layerlab.app.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.layerlab.charts.CanvasView;
import org.layerlab.trainer.inspect.StepThrough;

/**
 * A small dense network drawn with its numbers (lesson 6): units as circles in columns, one per
 * layer, with their activations; every weight on its wire and every bias under its unit; in the
 * backward phase the wires show their gradients' sign and size, and a table lists each parameter's
 * gradient beside its finite-difference estimate. FX thread.
 */
final class NetworkNumbers extends CanvasView {
    enum Phase { WEIGHTS, FORWARD, BACKWARD }

    private static final Color ACCENT = Color.web("#2f6fde"), GRADIENT = Color.web("#c2452d"), GOOD = Color.web("#2a9d55");
    private List<String> layers = List.of();
    private List<String> names = List.of();
    private StepThrough.Trace trace;
    private double target = Double.NaN;
    private Phase phase = Phase.WEIGHTS;
    private String message = "Loading the network…";

    NetworkNumbers() {
        super("", "network-numbers");
        setMinSize(300, 260);
        setPrefSize(560, 340);
    }

    /**
     * @param layers vertex ids in order, the input first
     * @param names how each is labelled (x, h, ŷ)
     */
    void show(List<String> layers, List<String> names, StepThrough.Trace trace, double target, Phase phase) {
        this.layers = List.copyOf(layers);
        this.names = List.copyOf(names);
        this.trace = trace;
        this.target = target;
        this.phase = phase;
        refresh();
    }

    void message(String text) {
        trace = null;
        message = text;
        refresh();
    }

    Phase phase() {
        return phase;
    }

    @Override
    protected String heading() {
        return switch (phase) {
            case WEIGHTS -> "The network's weights and biases";
            case FORWARD -> "Forward pass: each unit's activation, then the loss";
            case BACKWARD -> "Backward pass: every parameter's gradient";
        };
    }

    @Override
    protected void draw(GraphicsContext g, double w, double h, Colours c) {
        if (trace == null) {
            empty(g, w, h, c, message);
            return;
        }
        boolean back = phase == Phase.BACKWARD, fwd = phase != Phase.WEIGHTS;
        int cols = layers.size();
        // the diagram on top; in the backward phase a table of every parameter's numbers below it
        double tableHeight = back ? 26 + 17 * trace.params().size() : 0;
        double left = 60, right = w - 170, top = 56, bottom = Math.max(top + 80, h - tableHeight - 52);
        List<double[][]> pos = new ArrayList<>();
        for (int l = 0; l < cols; l++) {
            int n = trace.activations().get(layers.get(l)).length;
            double x = cols == 1 ? left : left + (right - left) * l / (cols - 1);
            double[][] p = new double[n][2];
            for (int u = 0; u < n; u++) {
                p[u][0] = x;
                p[u][1] = n == 1 ? (top + bottom) / 2 : top + (bottom - top) * u / (n - 1);
            }
            pos.add(p);
        }
        for (int l = 1; l < cols; l++) {
            double[][] a = pos.get(l - 1), b = pos.get(l);
            for (int j = 0; j < b.length; j++) {
                for (int i = 0; i < a.length; i++) {
                    StepThrough.Param p = trace.param(layers.get(l), "W", i, j);
                    // backward: a wire's colour is its gradient's sign (red: the loss grows with this weight)
                    g.setStroke(back ? (p.gradient() > 0 ? GRADIENT : ACCENT) : c.grid().darker());
                    g.setLineWidth(back ? 1 + Math.min(4, 40 * Math.abs(p.gradient())) : 1.5);
                    g.strokeLine(a[i][0] + 22, a[i][1], b[j][0] - 22, b[j][1]);
                    // a crossing wire is labelled near its source, clear of the crossing and of the straight wires' labels
                    boolean crossing = i != j && a.length > 1 && b.length > 1;
                    double t = crossing ? 0.22 : 0.5;
                    double lx = a[i][0] + 22 + (b[j][0] - a[i][0] - 44) * t, ly = a[i][1] + (b[j][1] - a[i][1]) * t;
                    label(g, c, lx, ly - 9, "w " + num(p.value()), c.text(), false);
                }
            }
        }
        for (int l = 0; l < cols; l++) {
            double[] act = trace.activations().get(layers.get(l));
            double[][] p = pos.get(l);
            for (int u = 0; u < p.length; u++) {
                g.setFill(c.background());
                g.fillOval(p[u][0] - 22, p[u][1] - 22, 44, 44);
                g.setStroke(l == 0 ? c.muted() : ACCENT);
                g.setLineWidth(2);
                g.strokeOval(p[u][0] - 22, p[u][1] - 22, 44, 44);
                g.setFill(c.text());
                g.setFont(Font.font("System", FontWeight.BOLD, 12));
                g.setTextAlign(TextAlignment.CENTER);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(fwd || l == 0 ? num(act[u]) : unit(l, u), p[u][0], p[u][1]);
                g.setFont(Font.font(10.5));
                g.setFill(c.muted());
                g.fillText(unit(l, u), p[u][0], p[u][1] - 32);
                if (l > 0) label(g, c, p[u][0], p[u][1] + 33, "b " + num(trace.param(layers.get(l), "b", -1, u).value()), c.text(), false);
            }
        }
        if (fwd) {
            double x = right + 40, y = (top + bottom) / 2;
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.setFont(Font.font(12));
            g.setFill(c.text());
            g.fillText("target y = " + num(target), x, y - 18);
            g.setFont(Font.font("System", FontWeight.BOLD, 13));
            g.fillText("loss L = " + num(trace.loss()), x, y + 2);
        }
        if (back) table(g, c, w, bottom + 52);
    }

    /** "x1", "h2", "ŷ": a unit's name (one-unit layers get no number). */
    private String unit(int layer, int u) {
        int n = trace.activations().get(layers.get(layer)).length;
        return names.get(layer) + (n > 1 ? String.valueOf(u + 1) : "");
    }

    /** Every parameter: its value, the backpropagated gradient, the finite-difference estimate and their gap. */
    private void table(GraphicsContext g, Colours c, double w, double y) {
        double[] x = {16, 120, 210, 330, 440};
        String[] head = {"parameter", "value", "∂L/∂w (backprop)", "estimate", "gap"};
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(Font.font("System", FontWeight.BOLD, 11));
        g.setFill(c.muted());
        for (int k = 0; k < head.length; k++) g.fillText(head[k], x[k], y);
        g.setFont(Font.font(11));
        double row = y + 20;
        for (StepThrough.Param p : trace.params()) {
            int l = layers.indexOf(p.layer());
            String name = p.kind().equals("W") ? "w " + unit(l - 1, p.from()) + " → " + unit(l, p.to()) : "b " + unit(l, p.to());
            boolean ok = p.error() <= 1e-3;
            g.setFill(c.text());
            g.fillText(name, x[0], row);
            g.fillText(num(p.value()), x[1], row);
            g.setFill(GRADIENT);
            g.fillText(num(p.gradient()), x[2], row);
            g.setFill(c.text());
            g.fillText(num(p.finiteDifference()), x[3], row);
            g.setFill(ok ? GOOD : GRADIENT);
            g.fillText((ok ? "✔ " : "✖ ") + String.format(Locale.ROOT, "%.1e", p.error()), x[4], row);
            row += 17;
        }
    }

    private static void label(GraphicsContext g, Colours c, double x, double y, String text, Color colour, boolean bold) {
        g.setFont(bold ? Font.font("System", FontWeight.BOLD, 11) : Font.font(10.5));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        // a halo in the background colour keeps numbers readable over wires
        g.setStroke(c.background());
        g.setLineWidth(4);
        g.strokeText(text, x, y);
        g.setFill(colour);
        g.fillText(text, x, y);
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "–";
        if (v != 0 && Math.abs(v) < 1e-3) return String.format(Locale.ROOT, "%.2e", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
