package org.layerlab.app.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.layerlab.canvas.NodeBadge;
import org.layerlab.trainer.coach.Coach;

/**
 * The coach's line in the Train panel: the two most severe findings of the shown run (NaN, dead
 * layers, exploding or vanishing gradients, overfitting, then step size), each held until its
 * condition has cleared for a while, the rest counted; the tooltip and the canvas badges carry the
 * fixes. FX thread.
 */
public final class CoachView extends Label {
    CoachView() {
        setId("train-coach");
        setWrapText(true);
        getStyleClass().add("train-coach");
    }

    /** Reads the run's history, updates the line and returns the badges for the canvas. */
    Map<String, NodeBadge> assess(RunEntry e) {
        Map<String, Coach.Health> health = Coach.assess(e.run.history(), e.outputLayer(), e.run.failure());
        List<Coach.Finding> held = e.coach.update(Coach.ranked(health), System.currentTimeMillis());
        Map<String, NodeBadge> marks = new HashMap<>();
        health.forEach((id, h) -> marks.put(id, new NodeBadge(NodeBadge.Level.valueOf(h.level().name()), h.text())));
        for (Coach.Finding f : held) {
            // a held finding keeps its layer's badge up while the condition flickers
            NodeBadge now = marks.get(f.layer());
            if (now == null || now.level() == NodeBadge.Level.OK) {
                marks.put(f.layer(), new NodeBadge(NodeBadge.Level.valueOf(f.advice().level().name()),
                        f.layer() + "\n" + mark(f) + f.advice().problem() + "\n   → " + f.advice().fix()));
            }
        }
        List<String> problems = held.stream().map(f -> mark(f) + f.layer() + ": " + f.advice().problem()).toList();
        setText(held.isEmpty() ? (health.isEmpty() ? "" : "Coach: every layer looks healthy.")
                : "Coach: " + String.join("\n", problems.subList(0, Math.min(2, problems.size())))
                + (problems.size() > 2 ? "\n… " + (problems.size() - 2) + " more (hover here, or the badges on the canvas)" : ""));
        setTooltip(held.isEmpty() ? null : new Tooltip(String.join("\n\n",
                held.stream().map(f -> mark(f) + f.layer() + ": " + f.advice().problem() + " → " + f.advice().fix()).toList())));
        return marks;
    }

    void clear() {
        setText("");
        setTooltip(null);
    }

    private static String mark(Coach.Finding f) {
        return f.advice().level() == Coach.Level.BAD ? "✖ " : "⚠ ";
    }
}
