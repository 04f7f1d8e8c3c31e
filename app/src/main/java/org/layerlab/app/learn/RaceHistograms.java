package org.layerlab.app.learn;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
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
    private final BorderPane box = new BorderPane(pane);
    private LessonRace race;

    RaceHistograms() {
        variant.setId("lesson-histogram-variant");
        HBox top = new HBox(6, new Label("Run"), variant);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4, 4, 0, 4));
        box.setTop(top);
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
