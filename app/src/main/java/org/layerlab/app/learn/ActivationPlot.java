package org.layerlab.app.learn;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.charts.LineChart;
import org.layerlab.charts.Series;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.ActivationCurves;

/**
 * Lesson 2's view: the activation functions (left) and their derivatives (right) from −4 to 4, one
 * toggle each. The curves come from {@link ActivationCurves}, which a test holds equal to what the
 * trainer computes. FX thread.
 */
final class ActivationPlot extends VBox {
    /** Shown from the start: the curriculum's list. */
    static final Set<Activation> FIRST_SHOWN = Set.of(Activation.STEP, Activation.SIGMOID, Activation.TANH, Activation.RELU,
            Activation.LEAKY_RELU, Activation.ELU, Activation.SWISH, Activation.SOFTMAX);
    private static final List<Activation> ORDER = List.of(Activation.STEP, Activation.SIGMOID, Activation.TANH, Activation.RELU,
            Activation.LEAKY_RELU, Activation.ELU, Activation.SWISH, Activation.SOFTMAX, Activation.GELU, Activation.SELU,
            Activation.SOFTPLUS, Activation.HARD_SIGMOID);
    private static final String[] COLOURS = {"#7a7a7a", "#2f6fde", "#e0862f", "#2a9d55", "#9560d3", "#d0557a", "#1f9fb0",
        "#b08a1f", "#5c4bd6", "#c2452d", "#6b8e23", "#a0522d"};
    static final int POINTS = 161;

    private final LineChart value = new LineChart("f(x)");
    private final LineChart slope = new LineChart("f′(x), the slope");
    private final Map<Activation, Series[]> curves = new EnumMap<>(Activation.class);

    ActivationPlot() {
        setSpacing(6);
        setPadding(new Insets(4));
        getStyleClass().add("activation-plot");
        FlowPane toggles = new FlowPane(6, 6);
        for (int i = 0; i < ORDER.size(); i++) {
            Activation a = ORDER.get(i);
            String colour = COLOURS[i];
            Series v = new Series(label(a), colour), d = new Series(label(a), colour);
            for (int k = 0; k < POINTS; k++) {
                double x = -4 + 8.0 * k / (POINTS - 1);
                v.add(x, ActivationCurves.value(a, x));
                d.add(x, ActivationCurves.derivative(a, x));
            }
            curves.put(a, new Series[] {v, d});
            ToggleButton t = new ToggleButton(label(a));
            t.setId("activation-" + a.name().toLowerCase(Locale.ROOT));
            t.setStyle("-fx-border-color: " + colour + "; -fx-border-width: 0 0 3 0;");
            t.setSelected(FIRST_SHOWN.contains(a));
            t.selectedProperty().addListener((o, was, on) -> show(a, on));
            toggles.getChildren().add(t);
            if (t.isSelected()) show(a, true);
        }
        for (LineChart c : List.of(value, slope)) {
            c.setXFormat(x -> String.format(Locale.ROOT, "%.0f", x));
            c.setLegendVisible(false); // the toggles above name the curves in their colours
            c.setMinSize(200, 170);
            c.setPrefSize(380, 240);
            c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        HBox charts = new HBox(8, value, slope);
        VBox.setVgrow(charts, Priority.ALWAYS);
        Label note = new Label("Softmax is drawn as its first output for the inputs (x, 0) — over two classes it is the sigmoid of their difference.");
        note.setWrapText(true);
        note.getStyleClass().add("check-numbers");
        getChildren().addAll(toggles, charts, note);
    }

    static String label(Activation a) {
        return a == Activation.SOFTMAX ? "softmax (x, 0)" : a.toString();
    }

    private void show(Activation a, boolean on) {
        Series[] s = curves.get(a);
        if (on) {
            value.add(s[0]);
            slope.add(s[1]);
        } else {
            value.remove(s[0]);
            slope.remove(s[1]);
        }
        value.refresh();
        slope.refresh();
    }

    List<LineChart> charts() {
        return List.of(value, slope);
    }

    /** The curves drawn now (tests). */
    List<String> shown() {
        return value.series().stream().map(Series::name).toList();
    }
}
