package org.layerlab.trainer.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of {@link GruLayer}, as views into the network's flat parameter vector: input weights
 * W [nIn, 3·units], recurrent weights RW [units, 3·units] and bias b [1, 3·units], each holding the
 * update gate, reset gate and candidate in that column order (DL4J's own key names, so L1/L2 treat W and
 * RW as weights). Column-major, so each gate's block is one contiguous run and is initialized with the
 * fan-in and fan-out of that gate alone.
 */
final class GruParams implements ParamInitializer {
    static final String W = "W";
    static final String RW = "RW";
    static final String B = "b";
    static final GruParams INSTANCE = new GruParams();

    private GruParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GruLayer g = (GruLayer) layer;
        long u = g.getNOut();
        return 3 * (g.getNIn() * u + u * u + u);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(W, RW, B);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(W, RW);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return W.equals(key) || RW.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return B.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GruLayer g = (GruLayer) conf.getLayer();
        long nIn = g.getNIn(), u = g.getNOut();
        INDArray flat = paramsView.reshape(paramsView.length());
        if (initializeParams) {
            IWeightInit input = g.getWeightInitFn();
            IWeightInit recurrent = g.getWeightInitFnRecurrent() != null ? g.getWeightInitFnRecurrent() : input;
            for (int gate = 0; gate < 3; gate++) {
                long w0 = gate * nIn * u;
                input.init(nIn, u, new long[] {nIn, u}, 'f', flat.get(NDArrayIndex.interval(w0, w0 + nIn * u)));
                long r0 = 3 * nIn * u + gate * u * u;
                recurrent.init(u, u, new long[] {u, u}, 'f', flat.get(NDArrayIndex.interval(r0, r0 + u * u)));
            }
        }
        Map<String, INDArray> views = split(g, flat);
        if (initializeParams) views.get(B).assign(g.getBiasInit());
        for (String key : views.keySet()) conf.addVariable(key);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split((GruLayer) conf.getLayer(), gradientView.reshape(gradientView.length()));
    }

    private static Map<String, INDArray> split(GruLayer g, INDArray flat) {
        long nIn = g.getNIn(), u = g.getNOut();
        long wEnd = 3 * nIn * u, rwEnd = wEnd + 3 * u * u;
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(W, flat.get(NDArrayIndex.interval(0, wEnd)).reshape('f', nIn, 3 * u));
        out.put(RW, flat.get(NDArrayIndex.interval(wEnd, rwEnd)).reshape('f', u, 3 * u));
        out.put(B, flat.get(NDArrayIndex.interval(rwEnd, rwEnd + 3 * u)).reshape(1, 3 * u));
        return out;
    }
}
