package org.layerlab.trainer.compile;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Classical (heavy-ball) momentum, which DL4J lacks (it has Nesterov only):
 * {@code v = μ·v + lr·g; θ -= v}. DL4J subtracts whatever the updater leaves in the gradient array.
 */
public final class MomentumUpdater implements IUpdater {
    @JsonProperty private double learningRate = 0.01;
    @JsonProperty private ISchedule schedule;
    @JsonProperty private double momentum = 0.9;

    public MomentumUpdater() {}

    public MomentumUpdater(ISchedule schedule, double momentum) {
        this.schedule = schedule;
        this.momentum = momentum;
    }

    public double getMomentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Impl u = new Impl(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Impl u = new Impl(this);
        u.setState(state, initialize);
        return u;
    }

    @Override
    public IUpdater clone() {
        MomentumUpdater c = new MomentumUpdater(schedule == null ? null : schedule.clone(), momentum);
        c.learningRate = learningRate;
        return c;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return schedule != null ? schedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        learningRate = lr;
        schedule = lrSchedule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MomentumUpdater m && m.learningRate == learningRate && m.momentum == momentum
                && Objects.equals(m.schedule, schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    private static final class Impl implements GradientUpdater<MomentumUpdater> {
        private final MomentumUpdater config;
        private INDArray velocity;

        Impl(MomentumUpdater config) {
            this.config = config;
        }

        @Override
        public MomentumUpdater getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            velocity = state.get("V");
            if (velocity == null) throw new IllegalStateException("momentum state 'V' is missing");
            if (initialize) velocity.assign(0);
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of("V", velocity);
        }

        @Override
        public void setStateViewArray(INDArray view, long[] shape, char order, boolean initialize) {
            if (initialize) view.assign(0);
            velocity = view.reshape(order, shape);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            velocity.muli(config.momentum).addi(gradient.mul(lr));
            gradient.assign(velocity);
        }
    }
}
