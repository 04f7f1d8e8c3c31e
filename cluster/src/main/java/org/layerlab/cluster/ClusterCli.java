package org.layerlab.cluster;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;
import org.layerlab.trainer.run.Evaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code layerlab train PROJECT --spark MASTER}: the command line's train on a Spark cluster. The
 * {@code ./layerlab} launcher runs this class when {@code --spark} is given; {@code spark-submit}
 * runs it with the master it was given. Bad input gets one line and exit code 1.
 */
@Command(name = "layerlab", mixinStandardHelpOptions = true, version = "LayerLab cluster 0.1.0",
        description = "Train a LayerLab project on Spark.", subcommands = {ClusterCli.Train.class, ExportBatches.class, ClusterBench.class})
public final class ClusterCli {

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Spark and DL4J's training master log every stage at INFO; the epochs are what a user reads
        for (String quiet : new String[] {"org.apache.spark", "org.sparkproject", "org.apache.hadoop", "org.deeplearning4j.spark"}) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + quiet) == null) System.setProperty("org.slf4j.simpleLogger.log." + quiet, "warn");
        }
        CommandLine cl = new CommandLine(new ClusterCli());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            boolean plain = ex instanceof IllegalArgumentException || ex instanceof ProjectFormatException;
            line.getErr().println("layerlab: " + (plain && ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (System.getenv("LAYERLAB_DEBUG") != null) ex.printStackTrace(line.getErr()); // the whole story, for a bug report
            return 1;
        });
        cl.setParameterExceptionHandler((ex, params) -> {
            ex.getCommandLine().getErr().println("layerlab: " + ex.getMessage() + " (see --help)");
            return 1;
        });
        return cl.execute(args);
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a project on Spark with parameter averaging and print its metrics.")
    static final class Train implements Callable<Integer> {
        @Parameters(paramLabel = "PROJECT.layerlab")
        Path project;

        @Option(names = "--spark", paramLabel = "MASTER", description = "Spark master: local[N], spark://HOST:7077, yarn (spark-submit gives its own)")
        String master;

        @Option(names = "--epochs", description = "override the project's epochs")
        Integer epochs;

        @Option(names = "--averaging-frequency", defaultValue = "5", description = "mini-batches each worker fits between parameter averages (default 5)")
        int averagingFrequency;

        @Option(names = "--gradient-sharing", description = "share quantized gradients after every batch over Aeron/UDP instead of averaging parameters")
        boolean gradientSharing;

        @Option(names = "--port", defaultValue = "40123", description = "UDP port for gradient sharing (default 40123)")
        int port;

        @Option(names = "--batches", paramLabel = "FOLDER", description = "train from the mini-batch files layerlab export-batches wrote"
                + " (local, hdfs://, s3a://): the driver never reads the data set")
        String batches;

        @Option(names = "--partitions", defaultValue = "0", description = "RDD partitions of each epoch's batches (default: Spark's parallelism)")
        int partitions;

        @Option(names = "--metrics", paramLabel = "out.csv", description = "CSV: iteration,epoch,loss,learning_rate (one row per epoch)")
        Path metrics;

        @Option(names = "--save", paramLabel = "model.zip", description = "save the trained network (DL4J ModelSerializer zip; the desktop opens it)")
        Path save;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (Files.isDirectory(project)) throw new IllegalArgumentException(project + " is a folder; give a project file (*.layerlab)");
            if (averagingFrequency < 1) throw new IllegalArgumentException("--averaging-frequency must be at least 1");
            Project p = ProjectFiles.read(project);
            Path dir = project.toAbsolutePath().getParent();
            var result = SparkTraining.train(p, dir, new SparkTraining.Options(master, epochs, averagingFrequency, partitions, gradientSharing, port, batches), e -> {
                out.printf(Locale.ROOT, "epoch %d: loss %.4f%s, %.1f s%n", e.epoch(), e.trainLoss(),
                        e.validation() == null ? "" : String.format(Locale.ROOT, ", validation loss %.4f%s", e.validation().loss(), accuracy(e.validation())),
                        e.seconds());
                out.flush();
            });
            if (result.test() != null) {
                out.printf(Locale.ROOT, "test: loss %.4f%s, %d examples%n", result.test().loss(), accuracy(result.test()), result.test().examples());
            }
            if (metrics != null) {
                StringBuilder sb = new StringBuilder("iteration,epoch,loss,learning_rate\n");
                for (var e : result.epochs()) sb.append(e.iterations()).append(',').append(e.epoch()).append(',').append((float) e.trainLoss())
                        .append(',').append((float) e.learningRate()).append('\n');
                Files.writeString(metrics, sb, StandardCharsets.UTF_8);
            }
            if (save != null) {
                ModelSerializer.writeModel(result.network(), save.toFile(), true);
                out.println("saved " + save);
            }
            out.flush();
            return 0;
        }

        private static String accuracy(Evaluation e) {
            return Double.isNaN(e.accuracy()) ? String.format(Locale.ROOT, ", MSE %.4f", e.mse())
                    : String.format(Locale.ROOT, ", accuracy %.2f %%", 100 * e.accuracy());
        }
    }
}
