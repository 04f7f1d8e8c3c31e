package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.DenseProducts;
import org.layerlab.trainer.kernels.NdBlas;
import org.layerlab.trainer.kernels.SoftmaxCrossEntropy;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's per-time-step output layer, for softmax with cross-entropy (a character model's output), in one
 * pass: the sequence [batch, features, time] turned into rows in a Java loop, the products straight into
 * BLAS, softmax, loss and gradient in Java loops, the input gradient turned back into a sequence. DL4J
 * reshapes with element-by-element copies, computes the pre-activation twice (for the gradient and for the
 * score) through ND4J's product op and the loss as separate ops. Masks, dropout, weight noise, the
 * time-major format and other losses keep DL4J's path; so does inference.
 */
public final class FastRnnOutputLayer extends RnnOutputLayer {
    private final DenseProducts products = new DenseProducts();
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private INDArray lossInput, lossLabels;
    private int fastBackwards;
    /** Work arrays reused across batches: a sequence's values, and the same as rows. */
    private double[] sequenceValues, inputRows, labelRows, epsilonRows, epsilonSequence;

    public FastRnnOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        if (!fits() || !NdBlas.fits(w, weightGrad)) return super.backpropGradient(epsilon, workspaceMgr);
        int batch = (int) input.size(0), features = (int) input.size(1), steps = (int) input.size(2), width = (int) w.columns();
        int rows = batch * steps;
        // rows in DL4J's order (example-major, then time), so the loss adds up in the same order
        INDArray input2d = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, features}, 'c');
        sequenceValues = NdBlas.read(input, sequenceValues);
        NdBlas.write(input2d, inputRows = rows(sequenceValues, batch, features, steps, inputRows));
        INDArray z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, width}, 'c');
        double[] zs = products.forward(input2d, w, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, z);
        sequenceValues = NdBlas.read(labels, sequenceValues);
        double[] delta = loss.gradient(zs, labelRows = rows(sequenceValues, batch, width, steps, labelRows), rows, width);
        NdBlas.write(z, delta);
        lossInput = input;
        lossLabels = labels;
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray epsilon2d = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, new long[] {rows, features}, 'c');
        DenseProducts.backward(input2d, w, z, delta, weightGrad, biasGrad, epsilon2d);
        INDArray epsilon3d = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {batch, features, steps}, 'c');
        epsilonRows = NdBlas.read(epsilon2d, epsilonRows);
        NdBlas.write(epsilon3d, epsilonSequence = sequence(epsilonRows, batch, features, steps, epsilonSequence));
        weightNoiseParams.clear();
        fastBackwards++;
        return new Pair<>(FastOutputLayer.gradient(weightGrad, biasGrad), epsilon3d);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean kept = training && lossInput != null && lossInput == input && lossLabels == labels;
        lossInput = lossLabels = null;
        if (!kept || !fits()) return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        return score = FastOutputLayer.score(this, loss, fullNetRegTerm);
    }

    /** Softmax with unweighted cross-entropy on unmasked [batch, features, time] sequences of FLOAT or DOUBLE. */
    private boolean fits() {
        var c = layerConf();
        return FastOutputLayer.plain(c, maskArray, dataType) && c.getRnnDataFormat() == RNNFormat.NCW
                && c.getLossFn() instanceof LossMCXENT l && l.getClass() == LossMCXENT.class && l.getWeights() == null
                && c.getActivationFn().getClass() == ActivationSoftmax.class && input != null && input.rank() == 3
                && labels != null && labels.rank() == 3 && input.dataType() == dataType && labels.dataType() == dataType
                && input.size(0) == labels.size(0) && input.size(2) == labels.size(2);
    }

    /** [batch, features, time] values as rows [batch·time, features], example-major, into {@code reuse} when long enough. */
    private static double[] rows(double[] seq, int batch, int features, int steps, double[] reuse) {
        double[] out = reuse != null && reuse.length >= batch * features * steps ? reuse : new double[batch * features * steps];
        for (int e = 0; e < batch; e++) for (int t = 0; t < steps; t++) { // rows written in order
            int to = (e * steps + t) * features, from = e * features * steps + t;
            for (int k = 0; k < features; k++) out[to + k] = seq[from + k * steps];
        }
        return out;
    }

    /** The inverse of {@link #rows}. */
    private static double[] sequence(double[] rows, int batch, int features, int steps, double[] reuse) {
        double[] out = reuse != null && reuse.length >= batch * features * steps ? reuse : new double[batch * features * steps];
        for (int e = 0; e < batch; e++) for (int t = 0; t < steps; t++) { // rows read in order
            int from = (e * steps + t) * features, to = e * features * steps + t;
            for (int k = 0; k < features; k++) out[to + k * steps] = rows[from + k];
        }
        return out;
    }

    /** How many backward passes ran on the kernel (tests). */
    int fastBackwards() {
        return fastBackwards;
    }
}
