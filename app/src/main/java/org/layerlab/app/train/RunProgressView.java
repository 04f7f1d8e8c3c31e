package org.layerlab.app.train;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import org.layerlab.app.FixedLines;
import org.layerlab.trainer.run.RunState;

/** The current run's progress in the Train panel: a bar, and state · epoch · iteration, samples/s and time left. FX thread. */
final class RunProgressView extends VBox {
    private final ProgressBar bar = new ProgressBar(0);
    private final Label text = new Label("Not started");

    RunProgressView() {
        super(8);
        bar.setMaxWidth(Double.MAX_VALUE);
        text.setId("train-progress");
        FixedLines.apply(text, 2);
        getChildren().addAll(bar, text);
    }

    void show(RunEntry e) {
        RunState st = e.run.state();
        int it = e.run.iteration();
        bar.setProgress(e.totalIterations == 0 ? 0 : Math.min(1, (double) it / e.totalIterations));
        double perSecond = e.rate.samplesPerSecond();
        boolean moving = st == RunState.RUNNING || e.racing;
        double eta = moving ? e.rate.etaSeconds(e.totalIterations - it) : Double.NaN;
        text.setText(String.format(Locale.ROOT, "%s · epoch %d · iteration %,d of %,d\n%s%s",
                e.state(), e.run.epoch() + 1, it, e.totalIterations,
                Double.isNaN(perSecond) ? "measuring speed…" : String.format(Locale.ROOT, "%,.0f samples/s", perSecond),
                Double.isNaN(eta) ? "" : " · ETA " + RateMeter.duration(eta)));
    }

    void clear() {
        bar.setProgress(0);
        text.setText("Not started");
    }
}
