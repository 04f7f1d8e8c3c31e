package org.layerlab.app.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.layerlab.app.project.ProjectData;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonFiles;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFormatException;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.compile.CompileException;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.lesson.CheckEvaluator;
import org.layerlab.trainer.lesson.LessonRace;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSink;
import org.layerlab.trainer.run.TrainingRun;

/**
 * Sets up a lesson's race: each variant's project (or its control's) compiled with the same seed,
 * its data prepared, and enough epochs for the lesson's iterations; then, headless, runs it and
 * evaluates the checks. The Learn tab uses {@link #prepare} and drives the race itself. Any thread
 * but the FX thread (compiling and preparing data take time).
 */
public final class LessonRunner {
    /** Per-layer statistics every this many iterations: lessons read gradient norms and dead units. */
    static final int METRICS_EVERY = 5;

    private LessonRunner() {}

    /** What a finished lesson showed. */
    public record Outcome(Lesson lesson, boolean control, List<CheckEvaluator.Result> results, Map<String, MetricHistory> histories) {
        public boolean allPassed() {
            return results.stream().allMatch(r -> r.status() == CheckEvaluator.Status.PASSED);
        }

        public boolean allFailed() {
            return results.stream().allMatch(r -> r.status() == CheckEvaluator.Status.FAILED);
        }
    }

    /** One variant of a race: its run (not started), its prepared data and the data set it names. */
    public record Variant(TrainingRun run, Prepared data, DatasetRef dataset) {}

    /**
     * The lesson's runs, not started, by variant name.
     *
     * @param control train the control's projects where it swaps them in
     * @param sink receives every run's samples too (the Learn tab's charts), or null
     */
    public static Map<String, TrainingRun> prepare(Lesson lesson, LessonSource src, boolean control, MetricSink sink)
            throws ProjectFormatException {
        Map<String, TrainingRun> runs = new LinkedHashMap<>();
        prepareVariants(lesson, src, control, sink).forEach((k, v) -> runs.put(k, v.run()));
        return runs;
    }

    /** {@link #prepare}, keeping each run's data (the Learn tab's views draw predictions from it). */
    public static Map<String, Variant> prepareVariants(Lesson lesson, LessonSource src, boolean control, MetricSink sink)
            throws ProjectFormatException {
        Map<String, Variant> runs = new LinkedHashMap<>();
        for (Lesson.Variant v : lesson.variants()) {
            String file = control ? lesson.control().projects().getOrDefault(v.name(), v.project()) : v.project();
            Project p = LessonFiles.project(src, file);
            String where = src.name() + "/" + file;
            try {
                GraphCompiler.Compiled c = GraphCompiler.compile(p.graph(), p.training());
                Prepared data = ProjectData.prepare(p.dataset(), src.baseDir(), p.training(), c);
                int perEpoch = (data.train().size() + p.training().batchSize() - 1) / p.training().batchSize();
                int epochs = (lesson.iterations() + perEpoch - 1) / perEpoch;
                TrainingSettings s = RecordProperties.with(p.training(), "epochs", epochs);
                c = GraphCompiler.compile(p.graph(), s);
                TrainingRun run = new TrainingRun(v.name(), c, s, data.train(), data.validation(), sink, METRICS_EVERY);
                run.setBatchTransform(data.batchTransform(s.seed()));
                run.setDataWatch(org.layerlab.trainer.data.DataWatch.of(p.dataset(), src.baseDir()));
                runs.put(v.name(), new Variant(run, data, p.dataset()));
            } catch (CompileException e) {
                throw new ProjectFormatException(where + ": " + e.getMessage().replace("\n", " "), "graph", -1, -1, e);
            } catch (IllegalArgumentException e) {
                throw new ProjectFormatException(where + ": " + e.getMessage(), "dataset", -1, -1, e);
            }
        }
        return runs;
    }

    /** Loads, races and checks a lesson headless; {@code progress} gets the iterations done. */
    public static Outcome run(LessonSource src, boolean control, IntConsumer progress) throws ProjectFormatException, InterruptedException {
        Lesson lesson = LessonFiles.load(src);
        LessonRace race = new LessonRace(prepare(lesson, src, control, null), lesson.iterations());
        race.run(progress);
        Map<String, MetricHistory> h = race.histories();
        return new Outcome(lesson, control, CheckEvaluator.evaluate(lesson.checks(), h, true), h);
    }
}
