package org.layerlab.trainer.kernels;

/**
 * What every recurrent kernel's forward pass keeps for its backward pass: its shape and precision, the
 * input as time-major rows [T·B, nIn] and the states h₀…h_T [(T+1)·B, u]; the kernels add their gates.
 * The arrays are reused while the shape and precision stay.
 */
public abstract class SequenceTrace {
    protected boolean single;
    protected int steps, batch, inputs, units;
    protected NativeMatrix x, h;

    /** Sets the shape and makes the arrays fit it; subclasses extend this for their own. */
    protected void shape(boolean single, int steps, int batch, int inputs, int units) {
        this.single = single;
        this.steps = steps;
        this.batch = batch;
        this.inputs = inputs;
        this.units = units;
        x = NativeMatrix.reuse(x, single, steps * batch, inputs);
        h = NativeMatrix.reuse(h, single, (steps + 1) * batch, units);
    }

    /** Frees the arrays; the next pass makes them again. Subclasses free their own too. */
    public void release() {
        NativeMatrix.closeAll(x, h);
    }

    /** Native bytes the arrays hold; subclasses add their own. */
    public long bytes() {
        return NativeMatrix.bytes(x, h);
    }

    public boolean single() {
        return single;
    }

    /** The input rows [T·B, nIn]. */
    public NativeMatrix inputRows() {
        return x;
    }

    /** The states h₀…h_T as rows [(T+1)·B, u]. */
    public NativeMatrix stateRows() {
        return h;
    }

    public int steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }

    public int inputs() {
        return inputs;
    }

    public int units() {
        return units;
    }

    /** Writes the outputs h₁…h_T into a C-order [B, u, T] array. */
    public void outputsInto(org.nd4j.linalg.api.ndarray.INDArray out) {
        Sequences.fromTimeMajor(h, batch * units, steps, batch, units, out);
    }
}
