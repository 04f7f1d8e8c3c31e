package org.layerlab.app.learn;

import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.layout.BorderPane;
import org.layerlab.app.train.HistogramPane;
import org.layerlab.trainer.lesson.LessonRace;

/**
 * The Train tab's histogram view for a lesson's race (lesson.json names "histograms"): a variant
 * chooser above the weight and gradient histograms of the chosen run, live while the race runs.
 * FX thread.
 */
final class RaceHistograms implements LessonView {
    private final HistogramPane pane = new HistogramPane();
    private final ChoiceBox<String> variant = new ChoiceBox<>();
    private final BorderPane box = LessonView.withRunChooser(pane, variant);
    private LessonRace race;

    RaceHistograms() {
        variant.setId("lesson-histogram-variant");
        variant.setOnAction(e -> refresh(race));
        pane.clear();
        // the Learn tab is narrower than the Train tab: a shorter time slider keeps the toolbar from overflowing
        if (pane.slider().getParent() instanceof javafx.scene.layout.Region r) r.setPrefWidth(200);
    }

    @Override
    public String title() {
        return "Histograms";
    }

    @Override
    public Node node() {
        return box;
    }

    HistogramPane pane() {
        return pane;
    }

    @Override
    public void raceStarting(LessonRace r, Map<String, LessonRunner.Variant> variants) {
        race = r;
        pane.clear();
        variant.getItems().setAll(r.runs().keySet());
        variant.setValue(variant.getItems().get(0));
    }

    @Override
    public void refresh(LessonRace r) {
        if (r == null || r != race || variant.getValue() == null) return;
        pane.update(r.runs().get(variant.getValue()));
    }

    @Override
    public void raceEnded(LessonRace r) {
        refresh(r);
    }
}
