package org.layerlab.graph.spec;

import java.util.Map;

/**
 * What a property of a layer or of the training settings does, in a sentence or two for the
 * inspector's tooltip (the range is added by the inspector). Pure; any thread.
 */
public final class PropertyHelp {
    private PropertyHelp() {}

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("units", "How many outputs (neurons) the layer has; each has its own weights and bias."),
            Map.entry("activation", "The function applied to each output: ReLU max(0, x) keeps gradients alive in deep nets; sigmoid and tanh "
                    + "saturate; softmax turns outputs into probabilities; identity leaves them linear."),
            Map.entry("useBias", "Add a learned constant to each output. Not needed right before batch normalization, which adds its own."),
            Map.entry("filters", "How many kernels the convolution learns: the number of output channels (feature maps)."),
            Map.entry("kernelHeight", "Height f of the window each filter looks at."),
            Map.entry("kernelWidth", "Width f of the window each filter looks at."),
            Map.entry("strideHeight", "How far the window moves down between outputs: stride s divides the output height by about s."),
            Map.entry("strideWidth", "How far the window moves right between outputs: stride s divides the output width by about s."),
            Map.entry("padding", "VALID: no padding, out = floor((n − d(f−1) − 1)/s) + 1. SAME: pads so out = ceil(n/s). "
                    + "CAUSAL (1-D): pads only the past, so no output sees a later time step."),
            Map.entry("dilation", "Spaces the kernel's taps d apart: a 3-wide kernel with dilation 2 covers 5 inputs with 3 weights. "
                    + "With VALID padding out = floor((n − d(f−1) − 1)/s) + 1."),
            Map.entry("rate", "The share of outputs set to zero at random in each training step (none at test time)."),
            Map.entry("epsilon", "A small number added to the variance (or the optimizer's denominator) so it never divides by zero."),
            Map.entry("decay", "How fast batch norm's running mean and variance (used at test time) follow the batches: 0.9 keeps 90 % of the old value."),
            Map.entry("returnSequences", "Output every time step (for another recurrent layer or a per-step output) or only the last one."),
            Map.entry("mode", "MAX keeps the largest value in each window; AVG their mean."),
            Map.entry("loss", "What training minimizes: cross-entropy for classes (with softmax or sigmoid), MSE or MAE for numbers."),
            Map.entry("seed", "Seeds the initial weights, the shuffling and dropout: the same seed and data give the same run."),
            Map.entry("optimizer", "How a gradient becomes a step: SGD steps by rate × gradient; momentum and Nesterov add velocity; "
                    + "AdaGrad, RMSProp and Adam scale each weight's step by its gradient history."),
            Map.entry("learningRate", "The size of each step. Too small learns slowly; too large overshoots and diverges (try the LR finder)."),
            Map.entry("momentum", "How much of the previous step carries into the next (0.9 is usual)."),
            Map.entry("beta1", "Adam's memory of past gradients (its momentum), 0.9 is usual."),
            Map.entry("beta2", "Adam's memory of past squared gradients (its step scaling), 0.999 is usual."),
            Map.entry("rmsDecay", "RMSProp's memory of past squared gradients, 0.95 is usual."),
            Map.entry("schedule", "How the learning rate changes over training: constant, step (× gamma every N iterations), exponential, "
                    + "cosine (down to a floor over N iterations) or warm-up."),
            Map.entry("scheduleGamma", "The factor the step and exponential schedules multiply the rate by every N iterations."),
            Map.entry("scheduleStep", "N: the iterations per step (step, exponential) or the length of the cosine."),
            Map.entry("warmupIterations", "The rate grows linearly from almost 0 over this many iterations, so early large gradients do no harm."),
            Map.entry("minLearningRateFraction", "The cosine schedule's floor, as a fraction of the starting rate."),
            Map.entry("weightInit", "How weights start: Xavier suits tanh and sigmoid, He suits ReLU; zero makes every unit of a layer identical."),
            Map.entry("l1", "Penalty on the sum of |weights|: pushes many weights to exactly zero."),
            Map.entry("l2", "Penalty on the sum of squared weights: keeps all weights small."),
            Map.entry("weightDecay", "Shrinks every weight a little each step, apart from the gradient (AdamW-style)."),
            Map.entry("dropout", "Dropout applied to every layer's inputs during training (per-layer Dropout layers give finer control)."),
            Map.entry("clipping", "Limits gradients before the step: by value (each element) or by the L2 norm of each layer's gradient."),
            Map.entry("clipThreshold", "The largest value (or L2 norm) a gradient may have after clipping."),
            Map.entry("batchSize", "Examples per step: larger batches give smoother, slower steps; an epoch takes ceil(n / batch) iterations."),
            Map.entry("epochs", "Passes over the training data."),
            Map.entry("validationSplit", "The share of the data held out to measure how well the network does on examples it did not train on."),
            Map.entry("kernel", "Length f of the window each filter (or pool) looks at along the sequence."),
            Map.entry("stride", "How far the window moves between outputs: stride s divides the length by about s."),
            Map.entry("size", "Each pixel is repeated size × size times: the image grows by that factor."),
            Map.entry("top", "Rows of zeros added above the image."),
            Map.entry("bottom", "Rows of zeros added below the image."),
            Map.entry("left", "Columns of zeros added left of the image."),
            Map.entry("right", "Columns of zeros added right of the image."),
            Map.entry("kind", "The shape of one example: a vector of features, an image (height × width × channels) or a sequence (length × features)."),
            Map.entry("features", "Numbers per example (vector) or per time step (sequence)."),
            Map.entry("height", "Image height in pixels."),
            Map.entry("width", "Image width in pixels."),
            Map.entry("channels", "Values per pixel: 1 for grey, 3 for colour."),
            Map.entry("length", "Time steps per sequence."),
            Map.entry("vocabularySize", "How many different tokens (word or character numbers) the input can hold."),
            Map.entry("dimension", "The length of the vector each token becomes; close tokens end up with close vectors."),
            Map.entry("base", "The wavelength scale of the sine and cosine positions (10,000 in the Transformer paper)."),
            Map.entry("heads", "How many attention patterns are learned side by side; each attends to the sequence in its own way."),
            Map.entry("headSize", "The size of each head's queries, keys and values."),
            Map.entry("outputSize", "The size of the vector the layer outputs per time step."),
            Map.entry("cell", "The recurrent layer run forwards and backwards: LSTM, GRU or a simple RNN."),
            Map.entry("BidirectionalSpec.mode", "How the forward and backward outputs combine: CONCAT puts them side by side (twice the units); "
                    + "ADD, MUL and AVERAGE combine them element by element."),
            Map.entry("earlyStoppingPatience", "Stop after this many epochs without a better validation loss and restore the best weights (0: off)."));

    /** The property's explanation, or null when there is none. */
    public static String of(String property) {
        return HELP.get(property);
    }

    /** As {@link #of(String)}, preferring an explanation for this record type ("BidirectionalSpec.mode"). */
    public static String of(Class<?> owner, String property) {
        String own = HELP.get(owner.getSimpleName() + "." + property);
        return own != null ? own : HELP.get(property);
    }
}
