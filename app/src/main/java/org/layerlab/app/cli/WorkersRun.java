package org.layerlab.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.app.project.ProjectData;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.model.StartingPoint;
import org.layerlab.trainer.run.Evaluation;
import org.layerlab.trainer.run.ParallelTraining;

/** {@code layerlab train PROJECT --workers N}: the same run through DL4J's ParallelWrapper, one line per epoch. */
final class WorkersRun {
    private WorkersRun() {}

    static int train(TrainCommand cmd, Project p, TrainingSettings s, GraphCompiler.Compiled c) throws Exception {
        PrintWriter out = cmd.spec.commandLine().getOut();
        PrintWriter log = cmd.json ? cmd.spec.commandLine().getErr() : out; // --json keeps standard output for the one object
        var dir = cmd.project.toAbsolutePath().getParent();
        ParallelTraining.Result r;
        try {
            Prepared data = ProjectData.prepare(p.dataset(), dir, s, c);
            java.util.List<String> frozen = cmd.freeze == null ? p.frozen() : cmd.freeze.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
            r = ParallelTraining.train(c, s, data, new StartingPoint(Cli.weightsOf(cmd.project, p), frozen), cmd.workers, 5,
                    e -> {
                        log.printf(Locale.ROOT, "epoch %d: loss %.4f%s, %.1f s%n", e.epoch(), e.trainLoss(),
                                e.validation() == null ? "" : ", validation " + describe(e.validation()), e.seconds());
                        log.flush();
                    });
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(cmd.project.getFileName() + ": " + e.getMessage());
        }
        if (r.test() != null && !cmd.json) out.println("test: " + describe(r.test()) + ", " + r.test().examples() + " examples");
        if (cmd.metrics != null) {
            StringBuilder sb = new StringBuilder("iteration,epoch,loss,learning_rate\n");
            for (var e : r.epochs()) sb.append(e.iterations()).append(',').append(e.epoch()).append(',').append((float) e.trainLoss())
                    .append(',').append((float) s.learningRate()).append('\n');
            Files.writeString(cmd.metrics, sb, StandardCharsets.UTF_8);
        }
        if (cmd.save != null) {
            ModelSerializer.writeModel(r.network(), cmd.save.toFile(), true);
            if (!cmd.json) out.println("saved " + cmd.save);
        }
        if (cmd.json) {
            var last = r.epochs().get(r.epochs().size() - 1);
            var o = JsonOut.object().put("workers", cmd.workers).put("iterations", last.iterations()).put("epochs", r.epochs().size())
                    .put("trainLoss", last.trainLoss());
            if (last.validation() != null) o.set("validation", JsonOut.evaluation(last.validation()));
            if (r.test() != null) o.set("test", JsonOut.evaluation(r.test()));
            if (cmd.save != null) o.put("saved", cmd.save.toString());
            JsonOut.print(out, o);
        }
        out.flush();
        return 0;
    }

    private static String describe(Evaluation e) {
        return String.format(Locale.ROOT, "loss %.4f, ", e.loss())
                + (Double.isNaN(e.accuracy()) ? String.format(Locale.ROOT, "MSE %.4f", e.mse()) : String.format(Locale.ROOT, "accuracy %.2f %%", 100 * e.accuracy()));
    }
}
