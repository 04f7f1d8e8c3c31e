package org.layerlab.app.learn;

import javafx.scene.Node;
import org.layerlab.app.train.LrFinderPane;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonFiles;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFormatException;

/**
 * The Train tab's learning-rate range test for a lesson (lesson.json names "lr finder"): it sweeps
 * the rate over one epoch of a fresh copy of the lesson's first variant. There are no settings to
 * put the suggestion into, so it is only shown. FX thread.
 */
final class LessonLrFinder implements LessonView {
    private final LrFinderPane pane;

    LessonLrFinder(Lesson lesson, LessonSource source) {
        pane = new LrFinderPane(() -> {
            try {
                Project p = LessonFiles.project(source, lesson.variants().get(0).project());
                return new LrFinderPane.Context(p.graph(), p.training(), p.dataset(), source.baseDir());
            } catch (ProjectFormatException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, null);
    }

    @Override
    public String title() {
        return "LR finder";
    }

    @Override
    public Node node() {
        return pane;
    }

    LrFinderPane pane() {
        return pane;
    }
}
