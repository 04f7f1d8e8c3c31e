package org.layerlab.trainer.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.compile.Dl4jTypes;
import org.layerlab.trainer.layers.GruLayer;
import org.layerlab.trainer.layers.LayerNormLayer;
import org.layerlab.trainer.layers.PositionalEncodingLayer;

/**
 * The LayerLab spec a DL4J layer or vertex configuration compiles from — the inverse of the
 * compiler's translation, for every type it produces. What has no spec throws {@link Unmapped} with
 * the reason (the importer keeps such a layer as an opaque DL4J layer). Pure.
 */
final class LayerMapping {
    private LayerMapping() {}

    /** No LayerLab spec compiles to this configuration; the message says why. */
    static final class Unmapped extends Exception {
        Unmapped(String why) {
            super(why, null, false, false);
        }
    }

    /** A vertex's spec; {@code out} is the vertex's output shape (a reshape's target), when known. */
    static LayerSpec vertex(GraphVertex v, TensorShape out) throws Unmapped {
        if (v instanceof ElementWiseVertex e) {
            String op = String.valueOf(e.getOp());
            if (op.equals("Add")) return new AddSpec();
            if (op.equals("Product")) return new MultiplySpec();
            throw new Unmapped("it combines its inputs by " + op + "; LayerLab adds or multiplies");
        }
        if (v instanceof MergeVertex) return new ConcatSpec();
        // LayerLab compiles Flatten of a vector as a scale by 1, of an image as a CNN-to-dense preprocessor, of a sequence as a reshape
        if (v instanceof ScaleVertex s && s.getScaleFactor() == 1.0) return new FlattenSpec();
        if (v instanceof PreprocessorVertex p && p.getPreProcessor() instanceof CnnToFeedForwardPreProcessor) return new FlattenSpec();
        if (v instanceof PreprocessorVertex p && p.getPreProcessor() instanceof FeedForwardToCnnPreProcessor f) {
            return new ReshapeSpec(InputKind.IMAGE, 1, (int) f.getInputHeight(), (int) f.getInputWidth(), (int) f.getNumChannels(), 1);
        }
        if (v instanceof ReshapeVertex r && r.getNewShape().length == 2 && r.getNewShape()[0] == -1) return new FlattenSpec();
        if (v instanceof ReshapeVertex r && r.getNewShape().length == 4 && r.getNewShape()[0] == -1) {
            int[] s = r.getNewShape();
            return new ReshapeSpec(InputKind.IMAGE, 1, s[2], s[3], s[1], 1);
        }
        if (v instanceof ReshapeVertex r && r.getNewShape().length == 3 && r.getNewShape()[0] == -1) {
            int[] s = r.getNewShape();
            return new ReshapeSpec(InputKind.SEQUENCE, s[1], 28, 28, 1, s[2]);
        }
        throw new Unmapped("it is DL4J's " + v.getClass().getSimpleName() + " vertex");
    }

    static LayerSpec preprocessor(InputPreProcessor p) throws Unmapped {
        if (p instanceof CnnToFeedForwardPreProcessor) return new FlattenSpec();
        throw new Unmapped("it reshapes its input with DL4J's " + p.getClass().getSimpleName());
    }

    /** The layer inside DL4J's wrapper for a layer frozen by transfer learning (itself otherwise). */
    static Layer unfrozen(Layer l) {
        if (l instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) return unfrozen(f.getLayer());
        if (l instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop f) return unfrozen(f.getUnderlying());
        return l;
    }

    static LayerSpec layer(Layer wrapped) throws Unmapped {
        Layer l = unfrozen(wrapped); // a layer frozen for fine-tuning is the same layer; the project keeps it frozen
        if (l instanceof BaseOutputLayer o) return new OutputSpec((int) o.getNOut(), activation(o.getActivationFn()), loss(o));
        if (l instanceof DenseLayer d) return new DenseSpec((int) d.getNOut(), activation(d.getActivationFn()), d.hasBias());
        if (l instanceof Convolution1DLayer c && c.getClass() == Convolution1DLayer.class) {
            return new Conv1DSpec((int) c.getNOut(), c.getKernelSize()[0], c.getStride()[0], padding(c.getConvolutionMode(), c.getPadding()),
                    c.getDilation()[0], activation(c.getActivationFn()), c.hasBias());
        }
        if (l instanceof Deconvolution2D c && c.getClass() == Deconvolution2D.class) {
            int[] k = c.getKernelSize(), s = c.getStride();
            return new Deconv2DSpec((int) c.getNOut(), k[0], k[1], s[0], s[1], padding(c.getConvolutionMode(), c.getPadding()),
                    activation(c.getActivationFn()), c.hasBias());
        }
        if (l instanceof ConvolutionLayer c && c.getClass() == ConvolutionLayer.class) {
            int[] k = c.getKernelSize(), s = c.getStride(), d = c.getDilation();
            if (d[0] != d[1]) throw new Unmapped("it dilates its kernel differently in height and width");
            return new Conv2DSpec((int) c.getNOut(), k[0], k[1], s[0], s[1], padding(c.getConvolutionMode(), c.getPadding()), d[0],
                    activation(c.getActivationFn()), c.hasBias());
        }
        if (l instanceof Subsampling1DLayer p && p.getClass() == Subsampling1DLayer.class) {
            return new Pool1DSpec(pool(p.getPoolingType()), p.getKernelSize()[0], p.getStride()[0], padding(p.getConvolutionMode(), p.getPadding()));
        }
        if (l instanceof SubsamplingLayer p && p.getClass() == SubsamplingLayer.class) {
            int[] k = p.getKernelSize(), s = p.getStride();
            return new Pool2DSpec(pool(p.getPoolingType()), k[0], k[1], s[0], s[1], padding(p.getConvolutionMode(), p.getPadding()));
        }
        if (l instanceof GlobalPoolingLayer g) return new GlobalPoolingSpec(pool(g.getPoolingType()));
        if (l instanceof BatchNormalization bn) return new BatchNormSpec(bn.getEps(), bn.getDecay());
        if (l instanceof LayerNormLayer n) return new LayerNormSpec(n.getEpsilon());
        if (l instanceof DropoutLayer d) {
            // DL4J keeps values with probability p; LayerLab's rate is the share dropped
            double keep = d.getIDropout() instanceof org.deeplearning4j.nn.conf.dropout.Dropout x ? x.getP() : 1.0;
            return new DropoutSpec(Math.round((1.0 - keep) * 1e9) / 1e9); // 1 − 0.7 is 0.30000000000000004
        }
        if (l instanceof ActivationLayer a) return new ActivationSpec(activation(a.getActivationFn()));
        if (l instanceof ZeroPaddingLayer z) {
            int[] p = z.getPadding(); // top, bottom, left, right
            return new ZeroPadding2DSpec(p[0], p[1], p[2], p[3]);
        }
        if (l instanceof Upsampling2D u) {
            int[] s = u.getSize();
            if (s[0] != s[1]) throw new Unmapped("it upsamples height and width by different factors");
            return new Upsampling2DSpec(s[0]);
        }
        if (l instanceof EmbeddingSequenceLayer e) return new EmbeddingSpec((int) e.getNIn(), (int) e.getNOut(), e.hasBias());
        if (l instanceof SelfAttentionLayer s && s.isProjectInput()) return new SelfAttentionSpec(s.getNHeads(), (int) s.getHeadSize(), (int) s.getNOut());
        if (l instanceof PositionalEncodingLayer p) return new PositionalEncodingSpec(p.getBase());
        boolean last = l instanceof LastTimeStep;
        Layer r = last ? ((LastTimeStep) l).getUnderlying() : l;
        if (r instanceof LSTM lstm) return new LstmSpec((int) lstm.getNOut(), activation(lstm.getActivationFn()), !last);
        if (r instanceof SimpleRnn s) return new SimpleRnnSpec((int) s.getNOut(), activation(s.getActivationFn()), !last);
        if (r instanceof GruLayer g) {
            if (activation(g.getActivationFn()) != Activation.TANH) throw new Unmapped("its candidate activation is not tanh");
            return new GruSpec((int) g.getNOut(), !last);
        }
        if (r instanceof Bidirectional b) {
            Layer f = b.getFwd();
            RecurrentCell cell = f instanceof LSTM ? RecurrentCell.LSTM : f instanceof SimpleRnn ? RecurrentCell.SIMPLE_RNN
                    : f instanceof GruLayer ? RecurrentCell.GRU : null;
            if (cell == null) throw new Unmapped("it runs DL4J's " + f.getClass().getSimpleName() + " both ways");
            var ff = (org.deeplearning4j.nn.conf.layers.BaseLayer) f;
            return new BidirectionalSpec(cell, (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) f).getNOut(),
                    activation(ff.getActivationFn()), merge(b.getMode()), !last);
        }
        throw new Unmapped("it is DL4J's " + l.getClass().getSimpleName());
    }

    private static Activation activation(org.nd4j.linalg.activations.IActivation a) throws Unmapped {
        for (Activation x : Activation.values()) {
            if (Dl4jTypes.activation(x).getClass() == a.getClass() && Dl4jTypes.activation(x).equals(a)) return x;
        }
        throw new Unmapped("it uses the activation " + a + ", which LayerLab does not offer");
    }

    private static Loss loss(BaseOutputLayer o) throws Unmapped {
        for (Loss x : Loss.values()) {
            if (Dl4jTypes.loss(x).getILossFunction().getClass() == o.getLossFn().getClass()) return x;
        }
        throw new Unmapped("it uses the loss " + o.getLossFn() + ", which LayerLab does not offer");
    }

    private static PoolMode pool(PoolingType t) throws Unmapped {
        if (t == PoolingType.MAX) return PoolMode.MAX;
        if (t == PoolingType.AVG) return PoolMode.AVG;
        throw new Unmapped("it pools by " + t + "; LayerLab pools by max or average");
    }

    private static MergeMode merge(Bidirectional.Mode m) throws Unmapped {
        for (MergeMode x : MergeMode.values()) if (Dl4jTypes.merge(x) == m) return x;
        throw new Unmapped("it merges its two directions by " + m);
    }

    private static Padding padding(ConvolutionMode m, int[] pad) throws Unmapped {
        if (m == ConvolutionMode.Same) return Padding.SAME;
        if (m == ConvolutionMode.Causal) return Padding.CAUSAL;
        if (pad != null) for (int p : pad) if (p != 0) {
            throw new Unmapped("it pads by " + java.util.Arrays.toString(pad) + " pixels; LayerLab pads none (valid) or to keep the size (same)");
        }
        return Padding.VALID;
    }
}
