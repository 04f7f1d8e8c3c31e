package org.layerlab.trainer.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.TestGraphs;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.CompileException;
import org.layerlab.trainer.compile.GraphCompiler;

/** The exported Java compiles, and builds exactly the configuration LayerLab trains (equal JSON, equal outputs). */
class JavaExportTest {
    @TempDir
    static Path dir;
    private static int classes;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static TrainingSettings with(Object... keyValues) {
        TrainingSettings s = TrainingSettings.defaults();
        for (int i = 0; i < keyValues.length; i += 2) s = RecordProperties.with(s, (String) keyValues[i], keyValues[i + 1]);
        return s;
    }

    static Stream<Arguments> cases() {
        Graph normed = new GraphBuilder().layer("in", InputSpec.vector(6)).layer("d", new DenseSpec(8, Activation.STEP, false))
                .layer("ln", new LayerNormSpec(1e-5)).layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph text = new GraphBuilder().layer("in", InputSpec.sequence(12, 1)).layer("emb", new EmbeddingSpec(50, 8, false))
                .layer("pe", new PositionalEncodingSpec(10000)).layer("lstm", new LstmSpec(6, Activation.TANH, false))
                .layer("out", new OutputSpec(2, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY)).build();
        Graph grus = new GraphBuilder().layer("in", InputSpec.sequence(7, 3)).layer("gru", new GruSpec(5, true))
                .layer("bi", new BidirectionalSpec(RecurrentCell.GRU, 4, Activation.ELU, MergeMode.CONCAT, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        return Stream.of(
                Arguments.of("MLP, Adam", TestGraphs.mlp(), TrainingSettings.defaults()),
                Arguments.of("LeNet, SGD cosine", TestGraphs.lenet(), with("optimizer", "SGD", "schedule", "COSINE")),
                Arguments.of("residual, momentum, L2, clipping", TestGraphs.residual(),
                        with("optimizer", "MOMENTUM", "l2", 1e-4, "clipping", "L2_PER_LAYER", "clipThreshold", 2.0)),
                Arguments.of("LSTM stack, RMSProp step", TestGraphs.lstmStack(), with("optimizer", "RMSPROP", "schedule", "STEP")),
                Arguments.of("attention, AdamW warm-up", TestGraphs.attentionBlock(),
                        with("optimizer", "ADAMW", "schedule", "WARMUP", "warmupIterations", 50, "weightDecay", 1e-3)),
                Arguments.of("autoencoder, Nesterov, dropout", TestGraphs.autoencoder(), with("optimizer", "NESTEROV", "dropout", 0.2, "l1", 1e-5)),
                Arguments.of("inception, AdaGrad exponential", TestGraphs.inception(),
                        with("optimizer", "ADAGRAD", "schedule", "EXPONENTIAL", "weightInit", "HE", "clipping", "VALUE")),
                Arguments.of("LayerNorm and step activation", normed, with("seed", 7L)),
                Arguments.of("embedding, positional encoding", text, TrainingSettings.defaults()),
                Arguments.of("GRU and bidirectional GRU", grus, with("weightInit", "UNIFORM", "l2", 1e-4)),
                Arguments.of("a kept DL4J layer (depthwise convolution), SGD", keptLayer(), with("optimizer", "SGD", "l2", 1e-4)));
    }

    /** A graph opened from a model with a layer LayerLab keeps as DL4J has it. */
    private static Graph keptLayer() {
        return org.layerlab.trainer.model.ModelImport.of(org.layerlab.trainer.model.ModelImportTest.separable(), "kept.zip").graph();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void exportedCodeCompilesAndBuildsTheSameConfiguration(String name, Graph g, TrainingSettings s) throws Exception {
        String className = "Exported" + (++classes);
        String source = JavaExport.source(g, s, className);
        ComputationGraphConfiguration theirs = compileAndRun(className, source);
        ComputationGraphConfiguration ours = GraphCompiler.compile(g, s).conf();
        assertThat(theirs.toJson()).as(name + "\n" + source).isEqualTo(ours.toJson());

        // and the networks compute the same function from the same seed
        ComputationGraph a = new ComputationGraph(ours), b = new ComputationGraph(theirs);
        a.init();
        b.init();
        assertThat(b.params()).isEqualTo(a.params());
    }

    @Test
    void theSourceReadsAsABuilderCallPerLayer() throws Exception {
        String source = JavaExport.source(TestGraphs.mlp(), TrainingSettings.defaults(), "Mlp");
        assertThat(source).contains("public final class Mlp").contains("new DenseLayer.Builder().nOut(")
                .contains("b.setOutputs(").contains("Adam updater = new Adam(").doesNotContain("org.layerlab.");
    }

    @Test
    void aGraphThatCannotTrainIsRefusedWithItsProblems() {
        Graph bad = new GraphBuilder().layer("in", InputSpec.vector(4)).layer("c", Conv2DSpec.of(2, 3, 1, Padding.SAME, Activation.RELU))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThatThrownBy(() -> JavaExport.source(bad, TrainingSettings.defaults(), "Bad"))
                .isInstanceOf(CompileException.class).hasMessageContaining("Conv2D 'c' needs an image input");
    }

    /** Compiles the source with the JDK's compiler against this test's class path and calls its configuration(). */
    private static ComputationGraphConfiguration compileAndRun(String className, String source) throws Exception {
        Path src = dir.resolve(className + ".java");
        Files.writeString(src, source);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.StringWriter errors = new java.io.StringWriter();
        var fm = javac.getStandardFileManager(null, null, null);
        boolean ok = javac.getTask(errors, fm, null, List.of("-classpath", classPath, "-d", dir.toString(), "-proc:none"), null,
                fm.getJavaFileObjects(src.toFile())).call();
        assertThat(ok).as("javac:\n" + errors + "\n" + source).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, JavaExportTest.class.getClassLoader())) {
            Class<?> c = loader.loadClass(className);
            return (ComputationGraphConfiguration) c.getMethod("configuration").invoke(null);
        }
    }
}
