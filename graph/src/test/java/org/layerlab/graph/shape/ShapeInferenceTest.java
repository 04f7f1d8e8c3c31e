package org.layerlab.graph.shape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Fixtures;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Problem.Kind;
import org.layerlab.graph.spec.*;

class ShapeInferenceTest {

    private static final OutputSpec OUT = new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY);

    /** Input -> layer -> Output; returns the analysis. */
    private static Analysis single(InputSpec input, LayerSpec layer) {
        Graph g = new GraphBuilder().layer("in", input).layer("x", layer).layer("out", OUT).build();
        return ShapeInference.analyze(g);
    }

    @ParameterizedTest(name = "n={0} f={1} s={2} {3} d={4} -> {5}")
    @CsvSource({
        "28, 5, 1, VALID, 1, 24",
        "28, 3, 1, SAME, 1, 28",
        "28, 3, 2, SAME, 1, 14",
        "27, 3, 2, SAME, 1, 14",
        "7, 3, 2, VALID, 1, 3",
        "8, 3, 2, VALID, 1, 3",
        "32, 3, 1, VALID, 2, 28",
        "5, 5, 1, VALID, 1, 1",
        "224, 7, 2, SAME, 1, 112",
        "224, 11, 4, VALID, 1, 54",
        "10, 3, 3, VALID, 1, 3",
        "9, 2, 2, SAME, 3, 5",
    })
    void conv2dOutputFollowsTheFormula(int n, int f, int s, Padding p, int d, int expected) {
        Conv2DSpec conv = new Conv2DSpec(4, f, f, s, s, p, d, Activation.RELU, true);
        Analysis a = single(InputSpec.image(n, n, 3), conv);
        assertThat(a.shapeOf("x")).isEqualTo(TensorShape.image(expected, expected, 4));
        // the formula itself, written independently: floor((n + 2p - d(f-1) - 1)/s) + 1 with p = 0 for VALID
        int formula = p == Padding.VALID ? Math.floorDiv(n - d * (f - 1) - 1, s) + 1 : (int) Math.ceil(n / (double) s);
        assertThat(expected).isEqualTo(formula);
    }

    @ParameterizedTest(name = "pool n={0} k={1} s={2} {3} -> {4}")
    @CsvSource({"24, 2, 2, VALID, 12", "8, 2, 2, VALID, 4", "7, 2, 2, VALID, 3", "7, 2, 2, SAME, 4", "6, 3, 1, VALID, 4"})
    void poolingOutputFollowsTheFormula(int n, int k, int s, Padding p, int expected) {
        Analysis a = single(InputSpec.image(n, n, 5), new Pool2DSpec(PoolMode.MAX, k, k, s, s, p));
        assertThat(a.shapeOf("x")).isEqualTo(TensorShape.image(expected, expected, 5));
    }

    @ParameterizedTest(name = "conv1d L={0} k={1} s={2} {3} d={4} -> {5}")
    @CsvSource({"50, 3, 1, VALID, 1, 48", "50, 3, 1, SAME, 1, 50", "50, 3, 1, CAUSAL, 2, 50", "50, 4, 2, VALID, 1, 24"})
    void conv1dOutputFollowsTheFormula(int n, int k, int s, Padding p, int d, int expected) {
        Analysis a = single(InputSpec.sequence(n, 3), new Conv1DSpec(8, k, s, p, d, Activation.RELU, true));
        assertThat(a.shapeOf("x")).isEqualTo(TensorShape.sequence(expected, 8));
    }

    @ParameterizedTest(name = "deconv n={0} k={1} s={2} {3} -> {4}")
    @CsvSource({"7, 2, 2, SAME, 14", "7, 3, 2, VALID, 15", "14, 4, 2, SAME, 28"})
    void deconvOutputFollowsTheFormula(int n, int k, int s, Padding p, int expected) {
        Analysis a = single(InputSpec.image(n, n, 2), new Deconv2DSpec(3, k, k, s, s, p, Activation.RELU, true));
        assertThat(a.shapeOf("x")).isEqualTo(TensorShape.image(expected, expected, 3));
    }

    static Stream<Arguments> everySpec() {
        return Stream.of(
            Arguments.of(InputSpec.vector(8), new DenseSpec(5, Activation.RELU, true), TensorShape.vector(5), 45L),
            Arguments.of(InputSpec.vector(8), new ActivationSpec(Activation.TANH), TensorShape.vector(8), 0L),
            Arguments.of(InputSpec.vector(8), new DropoutSpec(0.3), TensorShape.vector(8), 0L),
            Arguments.of(InputSpec.vector(8), new BatchNormSpec(1e-5, 0.9), TensorShape.vector(8), 32L),
            Arguments.of(InputSpec.image(6, 6, 3), new BatchNormSpec(1e-5, 0.9), TensorShape.image(6, 6, 3), 12L),
            Arguments.of(InputSpec.sequence(5, 6), new LayerNormSpec(1e-5), TensorShape.sequence(5, 6), 12L),
            Arguments.of(InputSpec.sequence(10, 3), new Conv1DSpec(4, 3, 1, Padding.VALID, 1, Activation.RELU, true), TensorShape.sequence(8, 4), 40L),
            Arguments.of(InputSpec.image(8, 8, 3), Conv2DSpec.of(4, 3, 1, Padding.VALID, Activation.RELU), TensorShape.image(6, 6, 4), 112L),
            Arguments.of(InputSpec.image(4, 4, 3), new Deconv2DSpec(2, 2, 2, 2, 2, Padding.SAME, Activation.RELU, true), TensorShape.image(8, 8, 2), 26L),
            Arguments.of(InputSpec.sequence(10, 3), new Pool1DSpec(PoolMode.AVG, 2, 2, Padding.VALID), TensorShape.sequence(5, 3), 0L),
            Arguments.of(InputSpec.image(8, 8, 3), Pool2DSpec.avg(2, 2), TensorShape.image(4, 4, 3), 0L),
            Arguments.of(InputSpec.image(8, 8, 3), new GlobalPoolingSpec(PoolMode.MAX), TensorShape.vector(3), 0L),
            Arguments.of(InputSpec.sequence(7, 4), new GlobalPoolingSpec(PoolMode.AVG), TensorShape.vector(4), 0L),
            Arguments.of(InputSpec.image(8, 8, 3), new FlattenSpec(), TensorShape.vector(192), 0L),
            Arguments.of(InputSpec.vector(784), ReshapeSpec.image(28, 28, 1), TensorShape.image(28, 28, 1), 0L),
            Arguments.of(InputSpec.image(8, 8, 3), new ZeroPadding2DSpec(1, 2, 3, 4), TensorShape.image(11, 15, 3), 0L),
            Arguments.of(InputSpec.image(8, 8, 3), new Upsampling2DSpec(3), TensorShape.image(24, 24, 3), 0L),
            Arguments.of(InputSpec.sequence(9, 3), new SimpleRnnSpec(4, Activation.TANH, true), TensorShape.sequence(9, 4), 3 * 4 + 16 + 4L),
            Arguments.of(InputSpec.sequence(9, 3), new LstmSpec(4, Activation.TANH, false), TensorShape.vector(4), 4 * (12 + 16 + 4L)),
            Arguments.of(InputSpec.sequence(9, 3), new GruSpec(4, true), TensorShape.sequence(9, 4), 3 * (12 + 16 + 4L)),
            Arguments.of(InputSpec.sequence(9, 3), new BidirectionalSpec(RecurrentCell.LSTM, 4, Activation.TANH, MergeMode.CONCAT, true), TensorShape.sequence(9, 8), 2 * 4 * (12 + 16 + 4L)),
            Arguments.of(InputSpec.sequence(9, 3), new BidirectionalSpec(RecurrentCell.GRU, 4, Activation.TANH, MergeMode.ADD, false), TensorShape.vector(4), 2 * 3 * (12 + 16 + 4L)),
            Arguments.of(InputSpec.sequence(12, 1), new EmbeddingSpec(100, 8, false), TensorShape.sequence(12, 8), 800L),
            Arguments.of(InputSpec.sequence(12, 6), new SelfAttentionSpec(2, 3, 5), TensorShape.sequence(12, 5), 3 * 6 * 6 + 6 * 5L),
            Arguments.of(InputSpec.sequence(12, 6), new PositionalEncodingSpec(10000), TensorShape.sequence(12, 6), 0L),
            Arguments.of(InputSpec.image(8, 8, 2), new OpaqueSpec("DepthwiseConvolution2D", "{}", TensorShape.image(8, 8, 2), TensorShape.image(6, 6, 4), 40),
                    TensorShape.image(6, 6, 4), 40L),
            // a kept sequence layer follows the Input's length, which the model file does not store
            Arguments.of(InputSpec.sequence(9, 3), new OpaqueSpec("SomeRnn", "{}", TensorShape.sequence(1, 3), TensorShape.sequence(1, 5), 7),
                    TensorShape.sequence(9, 5), 7L));
    }

    @Test
    void aKeptDl4jLayerRefusesAnotherShapeNamingWhatItTakes() {
        Analysis a = single(InputSpec.image(10, 10, 2),
                new OpaqueSpec("DepthwiseConvolution2D", "{}", TensorShape.image(8, 8, 2), TensorShape.image(6, 6, 4), 40));
        assertThat(a.errors()).singleElement().asString().contains("it takes 8×8×2 but gets 10×10×2")
                .contains("give it what the model gave it, or replace it with a LayerLab layer");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everySpec")
    void everySingleInputSpecHasItsShapeAndParameterCount(InputSpec input, LayerSpec spec, TensorShape shape, long params) {
        Analysis a = single(input, spec);
        assertThat(a.shapeOf("x")).isEqualTo(shape);
        assertThat(a.paramsOf("x")).isEqualTo(params);
    }

    @Test
    void mergeShapes() {
        Graph g = new GraphBuilder()
                .layer("in", InputSpec.image(8, 8, 3))
                .after("in", "a", Conv2DSpec.of(4, 3, 1, Padding.SAME, Activation.RELU))
                .after("in", "b", Conv2DSpec.of(6, 1, 1, Padding.SAME, Activation.RELU))
                .after("in", "c", Conv2DSpec.of(4, 5, 1, Padding.SAME, Activation.RELU))
                .merge("cat", new ConcatSpec(), "a", "b")
                .merge("sum", new AddSpec(), "a", "c")
                .merge("mul", new MultiplySpec(), "a", "sum")
                .build();
        Analysis a = ShapeInference.analyze(g);
        assertThat(a.shapeOf("cat")).isEqualTo(TensorShape.image(8, 8, 10));
        assertThat(a.shapeOf("sum")).isEqualTo(TensorShape.image(8, 8, 4));
        assertThat(a.shapeOf("mul")).isEqualTo(TensorShape.image(8, 8, 4));
    }

    @Test
    void everySpecTypeIsCoveredByTheTables() {
        Set<Class<?>> covered = new java.util.HashSet<>();
        everySpec().forEach(args -> covered.add(args.get()[1].getClass()));
        covered.addAll(List.of(InputSpec.class, OutputSpec.class, AddSpec.class, ConcatSpec.class, MultiplySpec.class));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(List.of(LayerSpec.class.getPermittedSubclasses()));
    }

    // ---- problems: each kind, naming the node ----

    static Stream<Arguments> problemGraphs() {
        return Stream.of(
            Arguments.of(Kind.NEEDS_IMAGE, "c", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("c", Conv2DSpec.of(4, 3, 1, Padding.SAME, Activation.RELU)).layer("out", OUT).build()),
            Arguments.of(Kind.NEEDS_SEQUENCE, "r", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("r", new LstmSpec(4, Activation.TANH, false)).layer("out", OUT).build()),
            Arguments.of(Kind.NEEDS_VECTOR, "d", new GraphBuilder().layer("in", InputSpec.image(8, 8, 1))
                    .layer("d", new DenseSpec(4, Activation.RELU, true)).layer("out", OUT).build()),
            Arguments.of(Kind.KERNEL_TOO_LARGE, "c", new GraphBuilder().layer("in", InputSpec.image(4, 4, 1))
                    .layer("c", Conv2DSpec.of(4, 5, 1, Padding.VALID, Activation.RELU)).layer("f", new FlattenSpec()).layer("out", OUT).build()),
            Arguments.of(Kind.MERGE_MISMATCH, "sum", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .after("in", "a", new DenseSpec(4, Activation.RELU, true)).after("in", "b", new DenseSpec(5, Activation.RELU, true))
                    .merge("sum", new AddSpec(), "a", "b").layer("out", OUT).build()),
            Arguments.of(Kind.RESHAPE_MISMATCH, "r", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("r", ReshapeSpec.image(3, 3, 1)).layer("f", new FlattenSpec()).layer("out", OUT).build()),
            Arguments.of(Kind.UNCONNECTED_INPUT, "d", new GraphBuilder().node("in", InputSpec.vector(10))
                    .node("d", new DenseSpec(4, Activation.RELU, true)).node("out", OUT).wire("in", "out", 0).build()),
            Arguments.of(Kind.UNCONNECTED_INPUT, "sum", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .merge("sum", new AddSpec(), "in").layer("out", OUT).build()),
            Arguments.of(Kind.TOO_MANY_INPUTS, "d", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("d", new DenseSpec(4, Activation.RELU, true)).wire("in", "d", 1).layer("out", OUT).build()),
            Arguments.of(Kind.CYCLE, "a", new GraphBuilder().node("in", InputSpec.vector(10))
                    .node("a", new AddSpec()).layer("b", new DenseSpec(10, Activation.RELU, true)).layer("out", OUT)
                    .wire("in", "a", 0).wire("b", "a", 1).build()),
            Arguments.of(Kind.NO_OUTPUT, null, new GraphBuilder().layer("in", InputSpec.vector(10)).build()),
            Arguments.of(Kind.NO_INPUT, null, new GraphBuilder().layer("out", OUT).build()),
            Arguments.of(Kind.OUTPUT_WITHOUT_LOSS, "d", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("d", new DenseSpec(4, Activation.RELU, true)).after("in", "out", OUT).build()),
            Arguments.of(Kind.INVALID_VALUE, "d", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("d", new DenseSpec(0, Activation.RELU, true)).layer("out", OUT).build()),
            Arguments.of(Kind.INVALID_VALUE, "c", new GraphBuilder().layer("in", InputSpec.image(8, 8, 1))
                    .layer("c", Conv2DSpec.of(4, 3, 1, Padding.CAUSAL, Activation.RELU)).layer("f", new FlattenSpec()).layer("out", OUT).build()),
            Arguments.of(Kind.LOSS_ACTIVATION_MISMATCH, "out", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("out", new OutputSpec(3, Activation.RELU, Loss.CATEGORICAL_CROSS_ENTROPY)).build()),
            Arguments.of(Kind.NOT_TRAINABLE, "d", new GraphBuilder().layer("in", InputSpec.vector(10))
                    .layer("d", new DenseSpec(4, Activation.STEP, true)).layer("out", OUT).build()),
            Arguments.of(Kind.UNUSED_INPUT, "in2", new GraphBuilder().layer("in", InputSpec.vector(10)).layer("out", OUT)
                    .node("in2", InputSpec.vector(3)).build()),
            Arguments.of(Kind.EMPTY_GRAPH, null, new GraphBuilder().build()));
    }

    /** The fix each problem must name, by kind and node: the words after the problem's "; ". */
    private static final java.util.Map<String, String> FIXES = java.util.Map.ofEntries(
            java.util.Map.entry("NEEDS_IMAGE c", "add Reshape before it or make the Input an image"),
            java.util.Map.entry("NEEDS_SEQUENCE r", "make the Input a sequence or add Reshape before it"),
            java.util.Map.entry("NEEDS_VECTOR d", "add Flatten or GlobalPooling before it"),
            java.util.Map.entry("KERNEL_TOO_LARGE c", "use a smaller kernel or padding=SAME"),
            java.util.Map.entry("MERGE_MISMATCH sum", "make every input the same shape"),
            java.util.Map.entry("RESHAPE_MISMATCH r", "choose dimensions whose product is 10"),
            java.util.Map.entry("UNCONNECTED_INPUT d", "drag a wire from another layer's output to it"),
            java.util.Map.entry("UNCONNECTED_INPUT sum", "wire another branch into it"),
            java.util.Map.entry("TOO_MANY_INPUTS d", "remove a wire or merge the branches with Add or Concat first"),
            java.util.Map.entry("CYCLE a", "remove one wire of the loop"),
            java.util.Map.entry("NO_OUTPUT null", "add one after the last layer"),
            java.util.Map.entry("NO_INPUT null", "drag one from the palette's Inputs group"),
            java.util.Map.entry("OUTPUT_WITHOUT_LOSS d", "wire it into an Output layer or delete it"),
            java.util.Map.entry("INVALID_VALUE d", "use a value in that range"),
            java.util.Map.entry("INVALID_VALUE c", "use VALID or SAME"),
            java.util.Map.entry("LOSS_ACTIVATION_MISMATCH out", "set activation=SOFTMAX"),
            java.util.Map.entry("NOT_TRAINABLE d", "pick sigmoid to train"),
            java.util.Map.entry("UNUSED_INPUT in2", "connect it or delete it"),
            java.util.Map.entry("EMPTY_GRAPH null", "open a sample"));

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("problemGraphs")
    void eachProblemNamesTheNodeAndAFix(Kind kind, String node, Graph g) {
        Analysis a = ShapeInference.analyze(g);
        assertThat(a.problems()).filteredOn(p -> p.kind() == kind).hasSize(1);
        Problem p = a.problems().stream().filter(x -> x.kind() == kind).findFirst().orElseThrow();
        assertThat(p.nodeId()).isEqualTo(node);
        if (node != null) assertThat(p.message()).contains("'" + node + "'");
        String fix = FIXES.get(kind + " " + node);
        assertThat(fix).as("the fix expected for " + kind + " at " + node).isNotNull();
        assertThat(p.message()).contains("; ");
        assertThat(p.message().substring(p.message().indexOf("; ") + 2)).as(kind + " names its fix after the problem").contains(fix);
    }

    @Test
    void everyProblemKindHasAGraphThatShowsIt() {
        Set<Kind> shown = EnumSet.noneOf(Kind.class);
        problemGraphs().forEach(args -> shown.add((Kind) args.get()[0]));
        assertThat(shown).containsExactlyInAnyOrder(Kind.values());
    }

    @Test
    void oneMistakeIsReportedOnceNotCascaded() {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(10))
                .layer("c", Conv2DSpec.of(4, 3, 1, Padding.SAME, Activation.RELU))
                .layer("p", Pool2DSpec.max(2, 2)).layer("f", new FlattenSpec()).layer("out", OUT).build();
        Analysis a = ShapeInference.analyze(g);
        assertThat(a.errors()).hasSize(1);
        assertThat(a.shapeOf("in")).isEqualTo(TensorShape.vector(10));
        assertThat(a.shapeOf("p")).isNull();
    }

    @Test
    void validGraphsHaveNoProblems() {
        assertThat(ShapeInference.analyze(Fixtures.mlp()).problems()).isEmpty();
        assertThat(ShapeInference.analyze(Fixtures.lenet()).problems()).isEmpty();
    }

    @Test
    void neverThrowsOnRandomGraphs() {
        Random r = new Random(7);
        List<LayerCatalog.Entry> entries = LayerCatalog.entries();
        for (int trial = 0; trial < 500; trial++) {
            List<Node> nodes = new ArrayList<>();
            int n = 1 + r.nextInt(8);
            for (int i = 0; i < n; i++) nodes.add(new Node("n" + i, entries.get(r.nextInt(entries.size())).defaults(), 0, 0));
            List<Edge> edges = new ArrayList<>();
            for (int i = 0; i < n * 2; i++) {
                Edge e = new Edge("n" + r.nextInt(n), "n" + r.nextInt(n), r.nextInt(3));
                if (edges.stream().noneMatch(x -> x.to().equals(e.to()) && x.port() == e.port())) edges.add(e);
            }
            Graph g = Graph.of(nodes, edges);
            Analysis a = ShapeInference.analyze(g);
            assertThat(a.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
        }
    }
}
