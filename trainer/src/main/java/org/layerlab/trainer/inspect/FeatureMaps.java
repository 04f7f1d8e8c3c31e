package org.layerlab.trainer.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the convolution layers of a network see: for one input example, the activations of every
 * layer whose output is an image (channels × height × width), and the filters of those that have
 * 4-D weights. Plain float arrays, no INDArray leaves; immutable values for any thread.
 */
public final class FeatureMaps {
    /** At most this many channels (maps or filters) per layer are copied. */
    public static final int MAX_CHANNELS = 64;

    private FeatureMaps() {}

    /** Filters of one layer: {@code count} filters of {@code inChannels × height × width}, row-major. */
    public record Filters(int count, int inChannels, int height, int width, float[] values) {
        public Filters {
            values = values.clone();
        }

        /** Filter {@code f}, averaged over its input channels (what a grid can show for any depth). */
        public float[] meanOverInputs(int f) {
            float[] out = new float[height * width];
            int size = height * width;
            for (int c = 0; c < inChannels; c++) {
                int base = (f * inChannels + c) * size;
                for (int i = 0; i < size; i++) out[i] += values[base + i] / inChannels;
            }
            return out;
        }
    }

    /** One layer's maps for one example: {@code channels} maps of {@code height × width}, row-major. */
    public record LayerMaps(String layer, String type, int channels, int totalChannels, int height, int width,
                            float[] values, Filters filters) {
        public LayerMaps {
            values = values.clone();
        }

        public float[] map(int c) {
            int size = height * width;
            float[] out = new float[size];
            System.arraycopy(values, c * size, out, 0, size);
            return out;
        }
    }

    /** The maps of every image-shaped layer for {@code example} (one example, batch dimension 1), in graph order. */
    public static List<LayerMaps> of(TrainingRun run, INDArray example) {
        return run.inspect(net -> of(net, example));
    }

    static List<LayerMaps> of(ComputationGraph net, INDArray example) {
        if (example.size(0) != 1) throw new IllegalArgumentException("one example at a time, got a batch of " + example.size(0));
        Map<String, INDArray> acts = net.feedForward(example, false);
        List<LayerMaps> out = new ArrayList<>();
        for (String id : net.getConfiguration().getTopologicalOrderStr()) {
            GraphVertex v = net.getVertex(id);
            INDArray a = acts.get(id);
            if (v == null || !v.hasLayer() || a == null || a.rank() != 4) continue;
            int total = (int) a.size(1);
            int channels = Math.min(total, MAX_CHANNELS);
            int h = (int) a.size(2);
            int w = (int) a.size(3);
            float[] values = a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, channels)).castTo(DataType.FLOAT).dup('c').data().asFloat();
            INDArray weights = net.getParam(id + "_W");
            Filters filters = null;
            if (weights != null && weights.rank() == 4) {
                int count = (int) Math.min(weights.size(0), MAX_CHANNELS);
                INDArray kept = weights.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, count));
                filters = new Filters(count, (int) weights.size(1), (int) weights.size(2), (int) weights.size(3),
                        kept.castTo(DataType.FLOAT).dup('c').data().asFloat());
            }
            String type = v.getLayer().conf().getLayer().getClass().getSimpleName();
            out.add(new LayerMaps(id, type, channels, total, h, w, values, filters));
        }
        return out;
    }
}
