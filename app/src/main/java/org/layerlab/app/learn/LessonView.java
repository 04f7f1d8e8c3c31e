package org.layerlab.app.learn;

import java.util.Map;
import javafx.scene.Node;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.trainer.lesson.LessonRace;

/**
 * A view a lesson brings to the Learn tab beside the training curves (lesson.json's {@code views}):
 * the activation plots, a step through one example, the loss surface. It is told when a race starts
 * and ends, to show what the race did. FX thread.
 */
interface LessonView {
    String title();

    Node node();

    /** A race of this lesson is about to run (its runs not started yet); {@code variants} holds each run's data. */
    default void raceStarting(LessonRace race, Map<String, LessonRunner.Variant> variants) {}

    /** Called on the race's thread after every lockstep step (all runs have taken it): keep it short. */
    default void stepped(LessonRace race, int iteration) {}

    /** A few times a second while the race runs (FX thread): pick up what the runs recorded. */
    default void refresh(LessonRace race) {}

    /** The race is over (finished, stopped or failed). */
    default void raceEnded(LessonRace race) {}

    /**
     * The view a lesson names (lesson.json's {@code views}): the Learn tab's own, or the Train tab's
     * histograms and predictions of the race's runs and its LR finder on the first variant; null for
     * "curves" (always shown) and for feature maps, which stay on the Train tab.
     */
    static LessonView create(String name, Lesson lesson, LessonSource source) {
        return switch (name) {
            case "activations" -> new LessonView() {
                private final ActivationPlot plot = new ActivationPlot();

                @Override
                public String title() {
                    return "Activation functions";
                }

                @Override
                public Node node() {
                    return plot;
                }
            };
            case "loss surface" -> new LossSurfaceView();
            case "step-through" -> new StepThroughView(lesson, source);
            case "histograms" -> new RaceHistograms();
            case "predictions" -> new RacePredictions();
            case "lr finder" -> new LessonLrFinder(lesson, source);
            default -> null;
        };
    }

    /** A Train tab view of a race's runs, below a "Run" chooser naming the variant it shows. */
    static javafx.scene.layout.BorderPane withRunChooser(Node view, javafx.scene.control.ChoiceBox<String> variant) {
        javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(6, new javafx.scene.control.Label("Run"), variant);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        top.setPadding(new javafx.geometry.Insets(4, 4, 0, 4));
        javafx.scene.layout.BorderPane box = new javafx.scene.layout.BorderPane(view);
        box.setTop(top);
        return box;
    }
}
