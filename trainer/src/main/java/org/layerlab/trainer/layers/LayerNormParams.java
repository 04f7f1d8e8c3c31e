package org.layerlab.trainer.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of {@link LayerNormLayer}: gain (starts at 1) then bias (starts at 0), one of each
 * per feature, as views into the network's flat parameter vector. Neither is a "weight", so L1/L2
 * leave them alone, as is usual for normalization layers.
 */
final class LayerNormParams implements ParamInitializer {
    static final String GAIN = "gain";
    static final String BIAS = "bias";
    static final LayerNormParams INSTANCE = new LayerNormParams();

    private LayerNormParams() {}

    private static long features(Layer layer) {
        return ((LayerNormLayer) layer).getNOut();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * features(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(GAIN, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> views = split(conf, paramsView);
        if (initializeParams) {
            views.get(GAIN).assign(1.0);
            views.get(BIAS).assign(0.0);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(conf, gradientView);
    }

    private static Map<String, INDArray> split(NeuralNetConfiguration conf, INDArray flat) {
        long f = features(conf.getLayer());
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(GAIN, v.get(NDArrayIndex.interval(0, f)));
        out.put(BIAS, v.get(NDArrayIndex.interval(f, 2 * f)));
        return out;
    }
}
