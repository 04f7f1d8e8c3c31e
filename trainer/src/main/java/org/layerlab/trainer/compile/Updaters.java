package org.layerlab.trainer.compile;

import org.layerlab.graph.project.TrainingSettings;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/** The DL4J updater for the chosen optimizer, driven by LayerLab's schedule. AdamW = Adam + decoupled weight decay. */
public final class Updaters {
    private Updaters() {}

    public static IUpdater of(TrainingSettings s) {
        // a constant rate stays a plain number (DL4J's gradient checks and LR read-outs expect that)
        boolean constant = s.schedule() == TrainingSettings.Schedule.CONSTANT && s.warmupIterations() == 0
                || s.schedule() == TrainingSettings.Schedule.WARMUP && s.warmupIterations() == 0;
        ISchedule lr = constant ? new org.nd4j.linalg.schedule.FixedSchedule(s.learningRate()) : new LayerLabSchedule(s);
        IUpdater u = build(s, lr);
        if (constant) u.setLrAndSchedule(s.learningRate(), null);
        return u;
    }

    private static IUpdater build(TrainingSettings s, ISchedule lr) {
        return switch (s.optimizer()) {
            case SGD -> new Sgd(lr);
            case MOMENTUM -> new MomentumUpdater(lr, s.momentum());
            case NESTEROV -> new Nesterovs(lr, s.momentum());
            case ADAGRAD -> new AdaGrad(lr, s.epsilon());
            case RMSPROP -> {
                RmsProp r = new RmsProp(lr);
                r.setRmsDecay(s.rmsDecay());
                r.setEpsilon(s.epsilon());
                yield r;
            }
            case ADAM, ADAMW -> {
                Adam a = new Adam(lr);
                a.setBeta1(s.beta1());
                a.setBeta2(s.beta2());
                a.setEpsilon(s.epsilon());
                yield a;
            }
        };
    }
}
