package org.layerlab.app.learn;

import java.util.ArrayList;
import java.util.List;
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

    /** A race of this lesson is about to run (its runs not started yet). */
    default void raceStarting(LessonRace race) {}

    /** Called on the race's thread after every lockstep step (all runs have taken it): keep it short. */
    default void stepped(LessonRace race, int iteration) {}

    /** The race is over (finished, stopped or failed). */
    default void raceEnded(LessonRace race) {}

    /** The lesson's own views, in the order it names them; the Train tab's views (curves, histograms…) are not among them. */
    static List<LessonView> of(Lesson lesson, LessonSource source) {
        List<LessonView> out = new ArrayList<>();
        for (String v : lesson.views()) {
            switch (v) {
                case "activations" -> out.add(new LessonView() {
                    private final ActivationPlot plot = new ActivationPlot();

                    @Override
                    public String title() {
                        return "Activation functions";
                    }

                    @Override
                    public Node node() {
                        return plot;
                    }
                });
                case "loss surface" -> out.add(new LossSurfaceView());
                case "step-through" -> out.add(new StepThroughView(lesson, source));
                default -> { }
            }
        }
        return out;
    }
}
