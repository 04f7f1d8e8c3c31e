package org.layerlab.app;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import org.layerlab.app.train.CoachView;

/**
 * Labels of a fixed number of lines: text that grows and shrinks (progress, messages, the coach)
 * must not move the buttons under the user's pointer. Longer text ends in "…"; the whole text is
 * the tooltip unless the label keeps its own. FX thread.
 */
public final class FixedLines {
    private FixedLines() {}

    public static void apply(Label l, int lines) {
        l.setMaxWidth(Double.MAX_VALUE);
        l.setWrapText(true);
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        DoubleBinding h = Bindings.createDoubleBinding(() -> Math.ceil(l.getFont().getSize() * 1.35 * lines) + 2, l.fontProperty());
        l.minHeightProperty().bind(h);
        l.prefHeightProperty().bind(h);
        l.maxHeightProperty().bind(h);
        l.setAlignment(Pos.TOP_LEFT);
        if (l instanceof CoachView) return; // it sets its own tooltip: the findings with their fixes
        l.textProperty().addListener((o, a, b) -> l.setTooltip(b == null || b.isEmpty() ? null : new Tooltip(b)));
    }
}
