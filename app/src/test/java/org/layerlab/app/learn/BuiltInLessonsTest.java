package org.layerlab.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.samples.BuiltInLessons;
import org.layerlab.trainer.lesson.CheckEvaluator;

/**
 * Every built-in lesson shows its effect, and its negative control (the same experiment without the
 * key difference) fails every check: no check passes vacuously.
 */
class BuiltInLessonsTest {

    static List<LessonSource> lessons() {
        return BuiltInLessons.all();
    }

    private static String report(LessonRunner.Outcome o) {
        return o.results().stream().map(r -> r.status() + " " + r.check().name() + ": " + r.numbers()).collect(Collectors.joining("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void theLessonsChecksPassAndItsControlFailsEveryOne(LessonSource lesson) throws Exception {
        LessonRunner.Outcome shown = LessonRunner.run(lesson, false, it -> { });
        assertThat(shown.allPassed()).as(lesson.name() + "\n" + report(shown)).isTrue();
        LessonRunner.Outcome control = LessonRunner.run(lesson, true, it -> { });
        assertThat(control.results()).as(lesson.name() + " control\n" + report(control))
                .allMatch(r -> r.status() == CheckEvaluator.Status.FAILED);
    }
}
