package org.layerlab.trainer.model;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.trainer.data.DataException;

/**
 * What an imported network's Input takes. DL4J's saved configuration does not record input types,
 * so they are read off the layers: the first layer's input width for vectors and sequences (a
 * sequence's length is not stored at all), and for images the channels of the first convolution and
 * a height and width worked back from the first flattening preprocessor through the convolutions
 * and poolings on the way (the smallest size that gives it). What had to be guessed is noted. Pure.
 */
final class InputShapes {
    private InputShapes() {}

    static InputSpec infer(ComputationGraphConfiguration conf, String input, String source, List<String> notes) {
        String first = consumer(conf, input);
        Layer l = first == null ? null : layer(conf.getVertices().get(first));
        if (l instanceof LastTimeStep t) l = t.getUnderlying();
        if (l instanceof org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer e && e.getInputLength() > 0) {
            return InputSpec.sequence(e.getInputLength(), 1); // token indices; an embedding stores its input's length
        }
        long sequenceFeatures = l instanceof org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional b ? ((FeedForwardLayer) b.getFwd()).getNIn()
                : l instanceof org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer || l instanceof RnnOutputLayer
                        || l instanceof org.deeplearning4j.nn.conf.layers.Convolution1DLayer ? ((FeedForwardLayer) l).getNIn() : -1;
        if (sequenceFeatures > 0) {
            notes.add("the model does not store the length of input '" + input + "'s sequences: set the Input's length to your data's");
            return InputSpec.sequence(1, (int) sequenceFeatures);
        }
        if (l instanceof ConvolutionLayer c) {
            int[] hw = backToInput(conf, first);
            if (hw == null) {
                notes.add("the model does not store the size of input '" + input + "'s images: 28 × 28 was assumed; set the Input's to your data's");
                hw = new int[] {28, 28};
            }
            return InputSpec.image(hw[0], hw[1], (int) c.getNIn());
        }
        if (l instanceof FeedForwardLayer f && f.getNIn() > 0) return InputSpec.vector((int) f.getNIn());
        throw new DataException(source, 0, "LayerLab cannot tell what input '" + input + "' takes (its first layer, "
                + (first == null ? "none" : "'" + first + "'") + ", does not say)");
    }

    private static String consumer(ComputationGraphConfiguration conf, String of) {
        for (var e : conf.getVertexInputs().entrySet()) if (e.getValue().contains(of)) return e.getKey();
        return null;
    }

    private static Layer layer(GraphVertex v) {
        return v instanceof LayerVertex lv ? LayerMapping.unfrozen(lv.getLayerConf().getLayer()) : null;
    }

    /** Height and width before {@code start}, worked back from the first CNN-to-dense preprocessor after it; null if none is reached. */
    private static int[] backToInput(ComputationGraphConfiguration conf, String start) {
        java.util.ArrayDeque<Layer> chain = new java.util.ArrayDeque<>();
        String at = start;
        for (int guard = 0; at != null && guard < 10_000; guard++) {
            GraphVertex v = conf.getVertices().get(at);
            InputPreProcessor pre = v instanceof LayerVertex lv ? lv.getPreProcessor() : v instanceof PreprocessorVertex pv ? pv.getPreProcessor() : null;
            if (pre instanceof CnnToFeedForwardPreProcessor p && !at.equals(start)) {
                int h = (int) p.getInputHeight(), w = (int) p.getInputWidth();
                while (!chain.isEmpty()) {
                    int[] back = back(chain.pop(), h, w);
                    h = back[0];
                    w = back[1];
                }
                return new int[] {h, w};
            }
            Layer l = layer(v);
            if (l instanceof ConvolutionLayer || l instanceof SubsamplingLayer || l instanceof org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer
                    || l instanceof org.deeplearning4j.nn.conf.layers.Upsampling2D) chain.push(l);
            else if (l == null && !(v instanceof PreprocessorVertex)) return null; // a merge: the sizes could come from anywhere
            at = consumer(conf, at);
        }
        return null;
    }

    /** The smallest input height and width that give {@code (h, w)} through one convolution, pooling, padding or upsampling. */
    private static int[] back(Layer l, int h, int w) {
        if (l instanceof org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer z) {
            int[] p = z.getPadding();
            return new int[] {h - p[0] - p[1], w - p[2] - p[3]};
        }
        if (l instanceof org.deeplearning4j.nn.conf.layers.Upsampling2D u) return new int[] {h / u.getSize()[0], w / u.getSize()[1]};
        if (l instanceof org.deeplearning4j.nn.conf.layers.Deconvolution2D c) {
            int[] k = c.getKernelSize(), s = c.getStride();
            if (c.getConvolutionMode() == ConvolutionMode.Same) return new int[] {h / s[0], w / s[1]};
            return new int[] {(h - k[0]) / s[0] + 1, (w - k[1]) / s[1] + 1};
        }
        int[] k, s, d = {1, 1};
        ConvolutionMode mode;
        if (l instanceof ConvolutionLayer c) {
            k = c.getKernelSize();
            s = c.getStride();
            d = c.getDilation();
            mode = c.getConvolutionMode();
        } else {
            SubsamplingLayer p = (SubsamplingLayer) l;
            k = p.getKernelSize();
            s = p.getStride();
            mode = p.getConvolutionMode();
        }
        if (mode == ConvolutionMode.Same) return new int[] {(h - 1) * s[0] + 1, (w - 1) * s[1] + 1};
        int kh = (k[0] - 1) * d[0] + 1, kw = (k[1] - 1) * d[1] + 1;
        return new int[] {(h - 1) * s[0] + kh, (w - 1) * s[1] + kw};
    }
}
