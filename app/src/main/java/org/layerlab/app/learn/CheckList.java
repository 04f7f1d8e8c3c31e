package org.layerlab.app.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.trainer.lesson.CheckEvaluator;

/**
 * A lesson's checks as rows: a mark (… pending, ✔ passed, ✖ failed), the name, the numbers and the
 * sentence for the student. Rebuilt only when something in them changed (they are re-evaluated five
 * times a second during a race). FX thread.
 */
final class CheckList extends VBox {
    private List<String> lastShown = List.of();

    CheckList() {
        super(6);
        setId("lesson-checks");
    }

    void show(List<CheckEvaluator.Result> results) {
        List<String> shown = results.stream().map(r -> r.status() + r.numbers() + r.sentence()).toList();
        if (shown.equals(lastShown)) return;
        lastShown = shown;
        List<Node> rows = new ArrayList<>();
        for (CheckEvaluator.Result r : results) rows.add(row(r));
        getChildren().setAll(rows);
    }

    private static Node row(CheckEvaluator.Result r) {
        Label mark = new Label(switch (r.status()) {
            case PASSED -> "✔";
            case FAILED -> "✖";
            case PENDING -> "…";
        });
        mark.getStyleClass().addAll("check-mark", "check-" + r.status().name().toLowerCase(Locale.ROOT));
        mark.setMinWidth(22);
        Label name = new Label(r.check().name());
        name.getStyleClass().add("check-name");
        name.setWrapText(true);
        VBox text = new VBox(2, name);
        if (!Double.isNaN(r.left()) || !Double.isNaN(r.right())) text.getChildren().add(wrapped(r.numbers(), "check-numbers"));
        if (!r.sentence().isEmpty()) text.getChildren().add(wrapped(r.sentence(), "check-sentence"));
        HBox row = new HBox(6, mark, text);
        row.getStyleClass().add("check-row");
        HBox.setHgrow(text, Priority.ALWAYS);
        return row;
    }

    private static Label wrapped(String s, String style) {
        Label l = new Label(s);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }

    /** The checks as text, for the student's exported result. */
    static String text(String heading, List<CheckEvaluator.Result> results) {
        StringBuilder b = new StringBuilder(heading + "\n");
        for (CheckEvaluator.Result x : results) {
            b.append(x.status()).append("  ").append(x.check().name()).append("\n    ").append(x.numbers()).append("\n    ").append(x.sentence()).append('\n');
        }
        return b.toString();
    }
}
