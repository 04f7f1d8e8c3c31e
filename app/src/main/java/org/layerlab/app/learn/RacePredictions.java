package org.layerlab.app.learn;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.layout.BorderPane;
import org.layerlab.app.train.PredictionsPane;
import org.layerlab.app.train.RunEntry;
import org.layerlab.trainer.lesson.LessonRace;

/**
 * The Train tab's predictions for a lesson's race (lesson.json names "predictions"): a variant
 * chooser above the chosen run's decision boundary, reconstructions or confusion matrix, redrawn
 * while the race runs. FX thread.
 */
final class RacePredictions implements LessonView {
    private final PredictionsPane pane = new PredictionsPane();
    private final ChoiceBox<String> variant = new ChoiceBox<>();
    private final BorderPane box = LessonView.withRunChooser(pane, variant);
    private final Map<String, RunEntry> entries = new LinkedHashMap<>();
    private LessonRace race;
    private int ticks;

    RacePredictions() {
        variant.setId("lesson-predictions-variant");
        variant.setOnAction(e -> show());
        pane.clear();
    }

    @Override
    public String title() {
        return "Predictions";
    }

    @Override
    public Node node() {
        return box;
    }

    PredictionsPane pane() {
        return pane;
    }

    ChoiceBox<String> variant() {
        return variant;
    }

    @Override
    public void raceStarting(LessonRace r, Map<String, LessonRunner.Variant> variants) {
        race = r;
        entries.clear();
        pane.clear();
        int k = 0;
        for (Map.Entry<String, LessonRunner.Variant> v : variants.entrySet()) {
            LessonRunner.Variant x = v.getValue();
            entries.put(v.getKey(), new RunEntry(x.run(), LessonRaceView.COLOURS[k++ % LessonRaceView.COLOURS.length], r.iterations(),
                    x.run().settings().batchSize(), x.data(), x.dataset()));
        }
        variant.getItems().setAll(entries.keySet());
        variant.setValue(variant.getItems().get(0));
    }

    @Override
    public void refresh(LessonRace r) {
        // the boundary is a grid of network queries: twice a second is enough while racing
        if (r == race && ticks++ % 3 == 0) show();
    }

    @Override
    public void raceEnded(LessonRace r) {
        if (r == race) show();
    }

    private void show() {
        RunEntry e = variant.getValue() == null ? null : entries.get(variant.getValue());
        if (e != null && e.run.hasNetwork()) pane.update(e);
    }
}
