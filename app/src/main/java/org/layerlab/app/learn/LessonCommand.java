package org.layerlab.app.learn;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.app.cli.Cli;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonFiles;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.graph.project.ProjectFormatException;
import org.layerlab.samples.BuiltInLessons;
import org.layerlab.trainer.lesson.CheckEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code layerlab lesson list | check ID|FOLDER}: lessons for teachers and graders, headless. */
@Command(name = "lesson", mixinStandardHelpOptions = true, description = "List the built-in lessons, or run one's experiment and its checks.",
        subcommands = {LessonCommand.ListCommand.class, LessonCommand.CheckCommand.class})
public final class LessonCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A built-in lesson by number or id, or a lesson folder. */
    static LessonSource resolve(String what) {
        Path p = Path.of(what);
        if (Files.isDirectory(p)) return LessonSource.folder(p);
        return BuiltInLessons.find(what).orElseThrow(() -> new Cli.UserError(
                "no lesson '" + what + "': give a lesson number or id (layerlab lesson list) or a lesson folder"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in lessons by chapter.")
    public static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            String chapter = "";
            for (LessonSource s : BuiltInLessons.all()) {
                Lesson l;
                try {
                    l = LessonFiles.load(s);
                } catch (ProjectFormatException e) {
                    throw new Cli.UserError(e.getMessage());
                }
                if (!l.chapter().equals(chapter)) {
                    chapter = l.chapter();
                    out.println("Chapter " + chapter);
                }
                out.printf(Locale.ROOT, "  %2d  %-52s %s%n", l.number(), l.title(), l.id());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Train a lesson's variants side by side and print each check with its numbers; exit 0 when all pass.")
    public static final class CheckCommand implements Callable<Integer> {
        @Parameters(paramLabel = "ID|FOLDER", description = "a lesson number (14), id (14-vanishing-gradients) or folder")
        String lesson;

        @Option(names = "--control", description = "run the lesson's negative control (its key difference removed): every check should fail")
        boolean control;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LessonSource src = resolve(lesson);
            LessonRunner.Outcome o;
            try {
                Lesson l = LessonFiles.load(src);
                out.printf(Locale.ROOT, "%d. %s%s%n%s%n", l.number(), l.title(), control ? " — control: " + l.control().removes() : "", l.question());
                out.flush();
                int total = l.iterations();
                o = LessonRunner.run(src, control, it -> {
                    if (it % Math.max(1, total / 50) == 0 || it == total) {
                        int filled = (int) ((long) it * 30 / total);
                        err.printf(Locale.ROOT, "\r[%s%s] %d/%d iterations", "#".repeat(filled), " ".repeat(30 - filled), it, total);
                        err.flush();
                    }
                });
                err.println();
            } catch (ProjectFormatException e) {
                throw new Cli.UserError(e.getMessage());
            }
            for (CheckEvaluator.Result r : o.results()) {
                out.printf(Locale.ROOT, "%s %s%n    %s%n    %s%n", r.status() == CheckEvaluator.Status.PASSED ? "✔" : "✖", r.check().name(),
                        r.numbers(), r.sentence());
            }
            long passed = o.results().stream().filter(r -> r.status() == CheckEvaluator.Status.PASSED).count();
            out.printf(Locale.ROOT, "%d of %d checks passed%s%n", passed, o.results().size(),
                    control ? (o.allFailed() ? " — the control fails every check, as it must" : " — the control should fail every check") : "");
            out.flush();
            return o.allPassed() ? 0 : 1;
        }
    }
}
