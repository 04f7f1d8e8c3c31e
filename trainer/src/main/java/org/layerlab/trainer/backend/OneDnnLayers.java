package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs DL4J's 2-D convolution and batch normalization layers through libnd4j's {@code conv2d} /
 * {@code conv2d_bp} and {@code batchnorm} / {@code batchnorm_bp} ops, which the {@code -onednn}
 * natives execute with oneDNN. DL4J M2.1 has this path ({@link MKLDNNConvHelper})
 * but never takes it: helpers are off by default ({@code org.eclipse.deeplearning4j.helpers.disable})
 * and its availability check looks up a bindings class M2.1 renamed, so every convolution ran DL4J's
 * own im2col + gemm (STACK.md; LeNet trained 2.5× slower) and batch norm as a dozen separate ND4J ops.
 * Installing the helpers on the layer objects changes nothing in the configuration: saved models stay
 * plain DL4J. A convolution that reads the network's input gets {@link FirstConvHelper}, whose backward
 * pass skips the input gradient (set {@code -Dlayerlab.firstConv.off=true} to compare), and every convolution
 * lets a ReLU or identity activation serve its backward pass ({@link OneDnnConvHelper};
 * {@code -Dlayerlab.keptForward.off=true} to compare).
 *
 * <p>Only exact {@link ConvolutionLayer} instances in FLOAT (oneDNN's convolution is FLOAT-only)
 * without dilation get it; subclasses (1-D, transposed, separable, depthwise) keep DL4J's path. If the helper refuses an
 * input, DL4J falls back to its own path for that call (its "allow fallback" default). Any thread,
 * before or between {@code fit} calls.
 */
public final class OneDnnLayers {
    private static volatile Boolean available;

    private OneDnnLayers() {}

    /** True when the loaded natives were built with oneDNN (the {@code -onednn} classifier). */
    public static boolean available() {
        if (available == null) {
            Backend.init();
            boolean yes;
            try {
                yes = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN")
                        && !Boolean.getBoolean("layerlab.onednn.off");
            } catch (RuntimeException | LinkageError e) {
                yes = false;
            }
            available = yes;
        }
        return available;
    }

    /** Gives each plain 2-D convolution and batch normalization layer of {@code net} its oneDNN helper; returns how many got one. */
    public static int install(ComputationGraph net) {
        if (!available()) return 0;
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv)) continue;
            Layer l = lv.getLayer();
            if (l.getClass() == BatchNormalization.class && l.getParam("gamma") != null && l.getParam("gamma").dataType() == DataType.FLOAT
                    && !(helperOf(l) instanceof FastBatchNormHelper)) {
                set(BN_HELPER, l, new MKLDNNBatchNormHelper(DataType.FLOAT));
                n++;
                continue;
            }
            if (l.getClass() != ConvolutionLayer.class || l.getParam("W") == null || l.getParam("W").dataType() != DataType.FLOAT) continue;
            // DL4J's helper refuses dilated kernels at the first call and falls back for good: leave them alone
            int[] dilation = ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) l.conf().getLayer()).getDilation();
            if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) continue;
            boolean first = FastDense.readsOnlyTheInput(net, lv) && !Boolean.getBoolean("layerlab.firstConv.off");
            ConvolutionLayer conv = (ConvolutionLayer) l;
            boolean keep = !feedsDropout(net, v, new java.util.HashSet<>()) && !Boolean.getBoolean("layerlab.keptForward.off");
            set(HELPER, l, first ? new FirstConvHelper(conv, keep) : new OneDnnConvHelper(conv, keep));
            n++;
        }
        return n;
    }

    /**
     * True when a layer reading {@code v}'s output, directly or through vertices without parameters (which
     * may pass views), applies dropout: DL4J may drop in place, in the array {@link OneDnnConvHelper} keeps.
     */
    static boolean feedsDropout(ComputationGraph net, GraphVertex v, java.util.Set<Integer> seen) {
        if (v.getOutputVertices() == null) return false;
        for (var out : v.getOutputVertices()) {
            GraphVertex next = net.getVertices()[out.getVertexIndex()];
            if (!seen.add(next.getVertexIndex())) continue;
            if (next instanceof LayerVertex lv) {
                if (lv.getLayer() instanceof org.deeplearning4j.nn.layers.DropoutLayer || lv.getLayer().conf().getLayer().getIDropout() != null) return true;
            } else if (feedsDropout(net, next, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Object helperOf(Layer batchNorm) {
        try {
            return BN_HELPER.get(batchNorm);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Layer l, Object helper) {
        try {
            f.set(l, helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the oneDNN helper of DL4J's " + l.getClass().getName(), e);
        }
    }

    /** True when {@code layer} runs on a oneDNN helper and has not fallen back (tests). */
    public static boolean inUse(Layer layer) {
        try {
            if (layer instanceof BatchNormalization) return BN_HELPER.get(layer) instanceof MKLDNNBatchNormHelper && BN_FAILS.getInt(layer) == 0;
            return layer instanceof ConvolutionLayer && HELPER.get(layer) instanceof MKLDNNConvHelper && FAILS.getInt(layer) == 0;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static final Field HELPER = Dl4jFields.field(ConvolutionLayer.class, "helper");
    private static final Field FAILS = Dl4jFields.field(ConvolutionLayer.class, "helperCountFail");
    private static final Field BN_HELPER = Dl4jFields.field(BatchNormalization.class, "helper");
    private static final Field BN_FAILS = Dl4jFields.field(BatchNormalization.class, "helperCountFail");
}
