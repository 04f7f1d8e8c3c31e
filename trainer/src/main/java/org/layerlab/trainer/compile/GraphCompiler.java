package org.layerlab.trainer.compile;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.Problem;
import org.layerlab.graph.shape.ShapeInference;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.*;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a graph snapshot and training settings into a DL4J {@link ComputationGraphConfiguration}.
 * Vertex names are node ids. A graph with errors is refused with its problems before DL4J sees it.
 * Pure; any thread.
 */
public final class GraphCompiler {
    private GraphCompiler() {}

    /** The configuration plus what the run needs to feed it. */
    public record Compiled(ComputationGraphConfiguration conf, List<String> inputs, List<TensorShape> inputShapes,
                           List<String> outputs, List<TensorShape> outputShapes, List<OutputSpec> outputSpecs,
                           Analysis analysis, Graph graph) {
    }

    public static Compiled compile(Graph g, TrainingSettings s) throws CompileException {
        return compile(g, s, DataType.FLOAT);
    }

    /** As {@link #compile(Graph, TrainingSettings)} with a chosen precision (DOUBLE for gradient checks). */
    public static Compiled compile(Graph g, TrainingSettings s, DataType dataType) throws CompileException {
        Analysis a = ShapeInference.analyze(g);
        List<Problem> errors = new ArrayList<>(a.errors());
        for (Problem p : a.problems()) {
            if (p.kind() == Problem.Kind.UNUSED_INPUT) {
                errors.add(Problem.error(p.kind(), p.nodeId(), p.message() + " before training"));
            } else if (p.kind() == Problem.Kind.EMPTY_GRAPH) {
                errors.add(Problem.error(p.kind(), null, p.message()));
            }
        }
        if (!errors.isEmpty()) throw new CompileException(errors);

        ComputationGraphConfiguration.GraphBuilder gb = Optimizers.configure(new NeuralNetConfiguration.Builder(), s)
                .dataType(dataType).graphBuilder();
        List<String> inputs = new ArrayList<>();
        List<TensorShape> inputShapes = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<TensorShape> outputShapes = new ArrayList<>();
        List<OutputSpec> outputSpecs = new ArrayList<>();
        for (String id : a.order()) {
            Node n = g.node(id);
            if (n.spec() instanceof InputSpec) {
                inputs.add(id);
                inputShapes.add(a.shapeOf(id));
            }
        }
        gb.addInputs(inputs.toArray(String[]::new));
        gb.setInputTypes(inputShapes.stream().map(Dl4jTypes::inputType).toArray(InputType[]::new));

        for (String id : a.order()) {
            Node n = g.node(id);
            if (n.spec() instanceof InputSpec) continue;
            String[] from = g.inputsOf(id).stream().map(Edge::from).toArray(String[]::new);
            TensorShape in = a.shapeOf(from[0]);
            TensorShape out = a.shapeOf(id);
            try {
                Object built = LayerFactory.build(n, in, out);
                if (built instanceof Layer layer) gb.addLayer(id, layer, from);
                else gb.addVertex(id, (GraphVertex) built, from);
            } catch (UnsupportedOperationException e) {
                throw new CompileException(List.of(Problem.error(Problem.Kind.INVALID_VALUE, id, n.label() + ": " + e.getMessage())));
            }
            if (n.spec() instanceof OutputSpec) {
                outputs.add(id);
                outputShapes.add(out);
                outputSpecs.add((OutputSpec) n.spec());
            }
        }
        gb.setOutputs(outputs.toArray(String[]::new));
        try {
            ComputationGraphConfiguration conf = gb.build();
            restoreVocabularySizes(g, conf);
            return new Compiled(conf, inputs, inputShapes, outputs, outputShapes, outputSpecs, a, g);
        } catch (RuntimeException e) {
            throw new CompileException(List.of(Problem.error(Problem.Kind.INVALID_VALUE, null,
                    "Deeplearning4j rejected the graph: " + e.getMessage() + "; please report this with the project file")));
        }
    }

    /**
     * DL4J sets every layer's nIn from its input type while building, which for an embedding is the
     * feature count of the index sequence (1), not the vocabulary; put the vocabulary back.
     */
    private static void restoreVocabularySizes(Graph g, ComputationGraphConfiguration conf) {
        for (Node n : g.nodes()) {
            if (n.spec() instanceof EmbeddingSpec e
                    && conf.getVertices().get(n.id()) instanceof org.deeplearning4j.nn.conf.graph.LayerVertex v
                    && v.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer layer) {
                layer.setNIn(e.vocabularySize());
            }
        }
    }

    /** The per-node translation. */
    static final class LayerFactory {
        private LayerFactory() {}

        static Object build(Node n, TensorShape in, TensorShape out) {
            LayerSpec spec = n.spec();
            if (spec instanceof InputSpec x) throw new IllegalStateException("inputs are not layers");
            if (spec instanceof DenseSpec d) return new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(d.units())
                        .activation(Dl4jTypes.activation(d.activation())).hasBias(d.useBias()).build();
            if (spec instanceof OutputSpec o) return in.isSequence()
                        ? new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(Dl4jTypes.loss(o.loss()))
                                .nOut(o.units()).activation(Dl4jTypes.activation(o.activation())).build()
                        : new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(Dl4jTypes.loss(o.loss()))
                                .nOut(o.units()).activation(Dl4jTypes.activation(o.activation())).build();
            if (spec instanceof ActivationSpec x) return new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(Dl4jTypes.activation(x.activation())).build();
            // DL4J's dropout argument is the probability of keeping a value
            if (spec instanceof DropoutSpec d) return new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(1.0 - d.rate()).build();
            if (spec instanceof BatchNormSpec b) return new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                        .eps(b.epsilon()).decay(b.decay()).build();
            // a plain DL4J layer with its own backward pass: a SameDiff version failed the finite-difference
            // check (DL4J M2.1 returned twice the upstream gradient from SameDiff layers with parameters)
            if (spec instanceof LayerNormSpec l) return new org.layerlab.trainer.layers.LayerNormLayer(l.epsilon());
            if (spec instanceof Conv1DSpec c) return new org.deeplearning4j.nn.conf.layers.Convolution1DLayer.Builder()
                        .kernelSize(c.kernel()).stride(c.stride()).dilation(c.dilation()).nOut(c.filters())
                        .convolutionMode(Dl4jTypes.mode(c.padding())).activation(Dl4jTypes.activation(c.activation()))
                        .hasBias(c.useBias()).build();
            if (spec instanceof Conv2DSpec c) return new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(c.kernelHeight(), c.kernelWidth())
                        .stride(c.strideHeight(), c.strideWidth()).dilation(c.dilation(), c.dilation()).nOut(c.filters())
                        .convolutionMode(Dl4jTypes.mode(c.padding())).activation(Dl4jTypes.activation(c.activation()))
                        .hasBias(c.useBias()).build();
            if (spec instanceof Deconv2DSpec c) return new org.deeplearning4j.nn.conf.layers.Deconvolution2D.Builder(c.kernelHeight(), c.kernelWidth())
                        .stride(c.strideHeight(), c.strideWidth()).nOut(c.filters())
                        .convolutionMode(Dl4jTypes.mode(c.padding())).activation(Dl4jTypes.activation(c.activation()))
                        .hasBias(c.useBias()).build();
            if (spec instanceof Pool1DSpec p) return new org.deeplearning4j.nn.conf.layers.Subsampling1DLayer.Builder(Dl4jTypes.pooling(p.mode()))
                        .kernelSize(p.kernel()).stride(p.stride()).convolutionMode(Dl4jTypes.mode(p.padding())).build();
            if (spec instanceof Pool2DSpec p) return new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(Dl4jTypes.pooling(p.mode()))
                        .kernelSize(p.kernelHeight(), p.kernelWidth()).stride(p.strideHeight(), p.strideWidth())
                        .convolutionMode(Dl4jTypes.mode(p.padding())).build();
            if (spec instanceof GlobalPoolingSpec p) return new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(Dl4jTypes.pooling(p.mode())).build();
            if (spec instanceof FlattenSpec f) return flatten(in);
            if (spec instanceof ReshapeSpec r) return reshape(in, out);
            if (spec instanceof ZeroPadding2DSpec z) return new org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer.Builder(z.top(), z.bottom(), z.left(), z.right()).build();
            if (spec instanceof Upsampling2DSpec u) return new org.deeplearning4j.nn.conf.layers.Upsampling2D.Builder(u.size()).build();
            if (spec instanceof SimpleRnnSpec r) return lastStep(new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nOut(r.units())
                        .activation(Dl4jTypes.activation(r.activation())).build(), r.returnSequences());
            if (spec instanceof LstmSpec l) return lastStep(lstm(l.units(), l.activation()), l.returnSequences());
            if (spec instanceof GruSpec x) return lastStep(gru(x.units(), Activation.TANH), x.returnSequences());
            if (spec instanceof BidirectionalSpec b) return lastStep(new org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional(
                        Dl4jTypes.merge(b.mode()), switch (b.cell()) {
                            case LSTM -> lstm(b.units(), b.activation());
                            case SIMPLE_RNN -> new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nOut(b.units())
                                    .activation(Dl4jTypes.activation(b.activation())).build();
                            case GRU -> gru(b.units(), b.activation());
                        }), b.returnSequences());
            if (spec instanceof EmbeddingSpec e) return new org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer.Builder()
                        .nIn(e.vocabularySize()).nOut(e.dimension()).hasBias(e.useBias()).inputLength(in.length()).build();
            if (spec instanceof SelfAttentionSpec s) return new org.deeplearning4j.nn.conf.layers.SelfAttentionLayer.Builder()
                        .nOut(s.outputSize()).nHeads(s.heads()).headSize(s.headSize()).projectInput(true).build();
            if (spec instanceof PositionalEncodingSpec p) return new org.layerlab.trainer.layers.PositionalEncodingLayer(p.base());
            if (spec instanceof OpaqueSpec o) return OpaqueLayers.build(o);
            if (spec instanceof AddSpec x) return new ElementWiseVertex(ElementWiseVertex.Op.Add);
            if (spec instanceof MultiplySpec x) return new ElementWiseVertex(ElementWiseVertex.Op.Product);
            if (spec instanceof ConcatSpec) return new MergeVertex();
            throw new UnsupportedOperationException("no Deeplearning4j translation for " + spec.typeName());
        }

        private static Layer lstm(int units, Activation act) {
            return new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nOut(units).activation(Dl4jTypes.activation(act))
                    .gateActivationFunction(org.nd4j.linalg.activations.Activation.SIGMOID).build();
        }

        /** LayerLab's own GRU (DL4J has none); its candidate activation is tanh unless a Bidirectional says otherwise. */
        private static Layer gru(int units, Activation act) {
            return new org.layerlab.trainer.layers.GruLayer.Builder().nOut(units).activation(Dl4jTypes.activation(act)).build();
        }

        private static Layer lastStep(Layer recurrent, boolean returnSequences) {
            return returnSequences ? recurrent : new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(recurrent);
        }

        private static GraphVertex flatten(TensorShape in) {
            return switch (in.kind()) {
                case VECTOR -> new ScaleVertex(1.0);
                case IMAGE -> new PreprocessorVertex(new CnnToFeedForwardPreProcessor(in.height(), in.width(), in.channels()));
                case SEQUENCE -> new ReshapeVertex('c', new int[] {-1, (int) in.size()}, null);
            };
        }

        private static GraphVertex reshape(TensorShape in, TensorShape out) {
            if (out.isVector()) return flatten(in);
            if (out.isImage() && in.isVector()) {
                return new PreprocessorVertex(new FeedForwardToCnnPreProcessor(out.height(), out.width(), out.channels()));
            }
            if (out.isImage()) return new ReshapeVertex('c', new int[] {-1, out.channels(), out.height(), out.width()}, null);
            return new ReshapeVertex('c', new int[] {-1, out.lastDim(), out.length()}, null);
        }
    }

    /** Global settings: seed, updater with its schedule, init, regularization, clipping. */
    static final class Optimizers {
        private Optimizers() {}

        static NeuralNetConfiguration.Builder configure(NeuralNetConfiguration.Builder b, TrainingSettings s) {
            b.seed(s.seed()).dataType(DataType.FLOAT).updater(Updaters.of(s))
                    .weightInit(Dl4jTypes.weightInit(s.weightInit()));
            if (s.l1() > 0) b.l1(s.l1());
            if (s.l2() > 0) b.l2(s.l2());
            if (s.weightDecay() > 0) b.weightDecay(s.weightDecay(), true);
            if (s.dropout() > 0) b.dropOut(1.0 - s.dropout());
            switch (s.clipping()) {
                case VALUE -> b.gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                        .gradientNormalizationThreshold(s.clipThreshold());
                case L2_PER_LAYER -> b.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                        .gradientNormalizationThreshold(s.clipThreshold());
                case NONE -> { }
            }
            return b;
        }
    }
}
