package org.layerlab.cluster;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.trainer.compile.CompileException;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Prepared;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code layerlab export-batches PROJECT FOLDER}: the project's training split — split, normalized
 * and shaped for its graph as for a run, shuffled with its seed — written as one DL4J DataSet file
 * per mini-batch, for {@code train --spark … --batches FOLDER} once copied to shared storage. Data
 * too large for one driver is trained from its files by the executors (DL4J's {@code fitPaths}).
 */
@Command(name = "export-batches", mixinStandardHelpOptions = true, description = "Write a project's training mini-batches as DL4J DataSet files.")
final class ExportBatches implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROJECT.layerlab")
    Path project;

    @Parameters(index = "1", paramLabel = "FOLDER")
    Path folder;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Project p = ProjectFiles.read(project);
        GraphCompiler.Compiled c;
        try {
            c = GraphCompiler.compile(p.graph(), p.training());
        } catch (CompileException e) {
            throw new IllegalArgumentException(e.getMessage().strip().replace("\n", " "));
        }
        Prepared data = SparkTraining.prepare(p, project.toAbsolutePath().getParent(), p.training(), c);
        if (data.train().inputCount() > 1 || data.train().outputCount() > 1) {
            throw new IllegalArgumentException("mini-batch files hold one Input and one Output; this graph has several, so train it with --spark alone");
        }
        if (Files.exists(folder) && (!Files.isDirectory(folder) || Files.list(folder).findAny().isPresent())) {
            throw new IllegalArgumentException(folder + " is not an empty folder; give a new or empty one (the files in it are all trained on)");
        }
        Files.createDirectories(folder);
        int n = 0;
        for (Dataset b : data.train().shuffled(p.training().seed()).chunks(p.training().batchSize())) {
            new DataSet(b.features(), b.labels()).save(folder.resolve(String.format(Locale.ROOT, "batch-%06d.bin", ++n)).toFile());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %,d mini-batches of up to %d examples (%,d in all) to %s%n", n, p.training().batchSize(), data.train().size(), folder);
        out.flush();
        return 0;
    }
}
