package org.layerlab.trainer.layers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heaviside step, x &gt; 0 → 1 else 0. Its derivative is zero everywhere (undefined at 0), so no
 * gradient flows through it: for showing a perceptron's forward pass, not for training.
 */
public final class StepActivation extends BaseActivationFunction {

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray out = in.gt(0.0).castTo(in.dataType());
        in.assign(out);
        return in;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(in.like().assign(0), null);
    }

    @Override
    public String toString() {
        return "step";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepActivation;
    }

    @Override
    public int hashCode() {
        return 17;
    }
}
