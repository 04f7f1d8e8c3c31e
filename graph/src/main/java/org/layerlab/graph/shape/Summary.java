package org.layerlab.graph.shape;

import java.util.List;
import java.util.Locale;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;

/** A Keras-style text summary: layer, type, output shape, parameters, inputs; totals; problems. */
public final class Summary {
    private Summary() {}

    public static String of(Graph g) {
        Analysis a = ShapeInference.analyze(g);
        List<String> order = a.order();
        int wName = 12, wType = 10, wShape = 12;
        for (String id : order) {
            Node n = g.node(id);
            wName = Math.max(wName, id.length());
            wType = Math.max(wType, n.spec().typeName().length());
            TensorShape s = a.shapeOf(id);
            wShape = Math.max(wShape, s == null ? 1 : s.toString().length());
        }
        String fmt = "%-" + (wName + 2) + "s%-" + (wType + 2) + "s%-" + (wShape + 2) + "s%12s  %s%n";
        StringBuilder sb = new StringBuilder();
        String header = String.format(Locale.ROOT, fmt, "Layer", "Type", "Output shape", "Param #", "Inputs");
        String rule = "=".repeat(header.length() - 1) + "\n";
        sb.append(header).append(rule);
        for (String id : order) {
            Node n = g.node(id);
            TensorShape s = a.shapeOf(id);
            StringBuilder inputs = new StringBuilder();
            for (Edge e : g.inputsOf(id)) inputs.append(inputs.length() == 0 ? "" : ", ").append(e.from());
            sb.append(String.format(Locale.ROOT, fmt, id, n.spec().typeName(), s == null ? "?" : s.toString(),
                    s == null ? "?" : String.format(Locale.ROOT, "%,d", a.paramsOf(id)), inputs));
        }
        sb.append(rule);
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", a.totalParams()));
        for (Problem p : a.problems()) sb.append(p).append('\n');
        return sb.toString();
    }
}
