package org.layerlab.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.Problem;
import org.layerlab.graph.shape.ShapeInference;
import org.layerlab.trainer.run.Evaluation;

/** The CLI's {@code --json} output: one JSON object on standard output for scripts (progress stays on standard error). */
final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOut() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void print(PrintWriter out, ObjectNode o) {
        try {
            out.println(MAPPER.writeValueAsString(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** Layers (id, type, output shape, parameters), totals and problems of a graph. */
    static ObjectNode summary(String name, Graph g) {
        Analysis a = ShapeInference.analyze(g);
        ObjectNode o = object().put("name", name).put("totalParams", a.totalParams()).put("valid", !a.hasErrors());
        ArrayNode layers = o.putArray("layers");
        for (Node n : g.nodes()) {
            layers.addObject().put("id", n.id()).put("type", n.spec().typeName())
                    .put("shape", a.shapeOf(n.id()) == null ? null : a.shapeOf(n.id()).toString()).put("params", a.paramsOf(n.id()));
        }
        ArrayNode problems = o.putArray("problems");
        for (Problem p : a.problems()) {
            problems.addObject().put("severity", p.isError() ? "error" : "warning").put("layer", p.nodeId()).put("message", p.message());
        }
        return o;
    }

    /** An evaluation: examples, loss, and accuracy with the confusion matrix (classifiers) or MSE and MAE. */
    static ObjectNode evaluation(Evaluation e) {
        ObjectNode o = object().put("examples", e.examples()).put("loss", e.loss());
        if (Double.isNaN(e.accuracy())) {
            o.put("mse", e.mse()).put("mae", e.mae());
        } else {
            o.put("accuracy", e.accuracy());
            if (e.confusion() != null) {
                ArrayNode rows = o.putArray("confusion");
                for (int[] row : e.confusion()) {
                    ArrayNode r = rows.addArray();
                    for (int v : row) r.add(v);
                }
            }
        }
        return o;
    }
}
