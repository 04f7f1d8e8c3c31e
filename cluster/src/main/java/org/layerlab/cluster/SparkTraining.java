package org.layerlab.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.samples.BundledData;
import org.layerlab.trainer.compile.CompileException;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.model.ModelWeights;
import org.layerlab.trainer.run.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains a project on Spark with DL4J's own distributed engine: the graph and settings compiled
 * exactly as on the desktop, the project's data split and normalized as on the desktop, the training
 * examples distributed as an RDD of mini-batches each epoch (reshuffled with the run's seed), and
 * parameter averaging across the workers. Validation and test are measured on the driver.
 */
public final class SparkTraining {

    /** How the cluster trains: the master URL, workers' averaging period, and an epochs override (null: the project's). */
    /**
     * How the cluster trains: the master URL, an epochs override (null: the project's), the workers'
     * averaging period, RDD partitions (0: Spark's parallelism), gradient sharing and its UDP port,
     * and {@code batches}: a folder of mini-batch files on shared storage to train from instead of
     * the project's data (null: the project's data, read by the driver).
     */
    public record Options(String master, Integer epochs, int averagingFrequency, int partitions, boolean gradientSharing, int port,
                          String batches) {}

    /** One epoch: iterations so far, the workers' mean training loss, validation (null without a split), seconds of training. */
    public record Epoch(int epoch, long iterations, double trainLoss, double learningRate, Evaluation validation, double seconds) {}

    /** What a finished run leaves: the trained network, each epoch, the test split's evaluation (null without one). */
    public record Result(ComputationGraph network, List<Epoch> epochs, Evaluation test) {}

    private SparkTraining() {}

    /**
     * @throws IllegalArgumentException naming what is wrong (the graph, the data, the master URL) and the fix
     */
    public static Result train(Project project, Path projectDir, Options o, Consumer<Epoch> progress) {
        TrainingSettings s = project.training();
        if (o.epochs() != null) s = org.layerlab.graph.spec.RecordProperties.with(s, "epochs", o.epochs());
        if (!project.frozen().isEmpty()) {
            throw new IllegalArgumentException("the project freezes " + project.frozen() + "; Spark training trains every layer, so unfreeze them "
                    + "(or fine-tune on one machine)");
        }
        GraphCompiler.Compiled c;
        try {
            c = GraphCompiler.compile(project.graph(), s);
        } catch (CompileException e) {
            throw new IllegalArgumentException(e.getMessage().strip().replace("\n", " "));
        }
        // with mini-batch files on shared storage the driver never reads the data: it may be larger than the driver's memory
        Prepared data = o.batches() != null ? null : prepare(project, projectDir, s, c);
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        // a project opened from a trained model continues from its weights
        if (project.weights() != null) ModelWeights.apply(net, projectDir.resolve(project.weights()));
        var loss = c.outputSpecs().get(0).loss();
        try (JavaSparkContext sc = context(o.master())) {
            TrainingMaster<?, ?> tm = o.gradientSharing() ? sharing(sc, s, o)
                    // the worker count given (DL4J M2 looks it up through the multi-layer network, null for a graph, when training from
                    // files); every RDD element is one mini-batch, so workers average every averagingFrequency mini-batches
                    : new ParameterAveragingTrainingMaster.Builder(sc.defaultParallelism(), s.batchSize()).batchSizePerWorker(s.batchSize())
                            .averagingFrequency(o.averagingFrequency())
                            .workerPrefetchNumBatches(0).rngSeed(s.seed()).build();
            SparkComputationGraph spark = new SparkComputationGraph(sc, net, tm);
            List<Epoch> epochs = new ArrayList<>();
            long iterations = 0;
            boolean single = data == null || data.train().inputCount() == 1 && data.train().outputCount() == 1;
            int partitions = o.partitions() > 0 ? o.partitions() : sc.defaultParallelism();
            try {
                for (int e = 0; e < s.epochs(); e++) {
                    long t0 = System.nanoTime();
                    long count;
                    if (data == null) {
                        JavaRDD<String> paths = files(sc, o.batches());
                        count = paths.count();
                        spark.fitPaths(paths);
                    } else if (single) {
                        List<Dataset> batches = data.train().shuffled(s.seed() + e).chunks(s.batchSize());
                        List<DataSet> list = new ArrayList<>();
                        for (Dataset b : batches) list.add(new DataSet(b.features(), b.labels()));
                        count = list.size();
                        spark.fit(sc.parallelize(list, partitions));
                    } else {
                        List<Dataset> batches = data.train().shuffled(s.seed() + e).chunks(s.batchSize());
                        List<org.nd4j.linalg.dataset.api.MultiDataSet> list = new ArrayList<>();
                        for (Dataset b : batches) list.add(b.toMultiDataSet());
                        count = list.size();
                        spark.fitMultiDataSet(sc.parallelize(list, partitions));
                    }
                    iterations += count;
                    double seconds = (System.nanoTime() - t0) / 1e9; // training only: the driver's evaluations are not the cluster's work
                    ComputationGraph now = spark.getNetwork();
                    Evaluation val = data == null || data.validation() == null ? null : Evaluation.of(now, data.validation(), loss, s.batchSize());
                    // the sharing master reports no score: the driver measures the first examples instead
                    double trainLoss = o.gradientSharing() && data != null
                            ? Evaluation.of(now, data.train().range(0, Math.min(2000, data.train().size())), loss, s.batchSize()).loss()
                            : spark.getScore();
                    Epoch ep = new Epoch(e + 1, iterations, trainLoss, learningRate(now), val, seconds);
                    epochs.add(ep);
                    progress.accept(ep);
                }
            } finally {
                tm.deleteTempFiles(sc);
            }
            ComputationGraph trained = spark.getNetwork();
            Evaluation test = data == null || data.test() == null ? null : Evaluation.of(trained, data.test(), loss, s.batchSize());
            return new Result(trained, epochs, test);
        }
    }

    /** The project's data set, split, normalized and shaped for the graph as on the desktop. */
    static Prepared prepare(Project project, Path projectDir, TrainingSettings s, GraphCompiler.Compiled c) {
        if (project.dataset().name().isEmpty()) throw new IllegalArgumentException("the project has no data set; choose one on the Data tab first");
        return Prepared.of(Datasets.load(project.dataset(), BundledData::open, projectDir), s, project.dataset()).fitTo(project.dataset().name(), c);
    }

    /** The mini-batch files in a folder (local, HDFS, S3 …: whatever Hadoop's file systems read). */
    private static JavaRDD<String> files(JavaSparkContext sc, String folder) {
        try {
            JavaRDD<String> paths = org.deeplearning4j.spark.util.SparkUtils.listPaths(sc, folder);
            if (paths.isEmpty()) throw new IllegalArgumentException("the folder " + folder + " holds no mini-batch files; write them with layerlab export-batches");
            return paths;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot list the mini-batch files in " + folder + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Gradient sharing (Strom's threshold encoding): each worker sends its large, quantized updates to
     * the others over Aeron (UDP) after every batch. In local mode the workers meet on the loopback
     * interface; on a cluster the nodes' network is found from the driver's address.
     */
    private static TrainingMaster<?, ?> sharing(JavaSparkContext sc, TrainingSettings s, Options o) {
        boolean local = sc.master().startsWith("local");
        // Aeron 1.39 refuses DL4J's media-driver settings unless publications outlive client liveness (30 s)
        if (System.getProperty("aeron.publication.unblock.timeout") == null) System.setProperty("aeron.publication.unblock.timeout", "60000000000");
        var voidConf = org.nd4j.parameterserver.distributed.conf.VoidConfiguration.builder().unicastPort(o.port())
                .controllerAddress(local ? "127.0.0.1" : sc.getConf().get("spark.driver.host", "127.0.0.1"))
                .networkMask(local ? "127.0.0.0/8" : null).build();
        return new org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster.Builder(voidConf, s.batchSize())
                .batchSizePerWorker(s.batchSize()).workersPerNode(1).rngSeed(s.seed()).collectTrainingStats(false)
                .thresholdAlgorithm(new org.deeplearning4j.optimize.solvers.accumulation.encoding.threshold.AdaptiveThresholdAlgorithm(1e-3))
                .build();
    }

    /** A local or cluster Spark context; a master Spark cannot use is said in plain words. */
    static JavaSparkContext context(String master) {
        SparkConf conf = new SparkConf().setAppName("LayerLab").set("spark.ui.enabled", "false")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
        // spark-submit sets the master itself; the command line's --spark sets it otherwise
        if (master != null && !master.isBlank()) conf.setMaster(master.trim());
        if (conf.get("spark.master", "").startsWith("local")) conf.set("spark.driver.host", "localhost");
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) { // Scala throws SparkException undeclared
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("Spark cannot start with the master '" + master + "' (" + why + "); use local[N] on one machine, "
                    + "spark://HOST:7077 for a standalone cluster or yarn");
        }
    }

    private static double learningRate(ComputationGraph net) {
        for (var l : net.getLayers()) {
            if (l.numParams() > 0) return net.getLearningRate(l.conf().getLayer().getLayerName());
        }
        return Double.NaN;
    }
}
