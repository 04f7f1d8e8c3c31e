package org.layerlab.trainer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;
import org.nd4j.linalg.factory.Nd4j;

/** The loss surface is the network's own score on a plane through the start that holds both paths' ends. */
class LossSurfaceTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    private static ComputationGraph net(TrainingSettings s) throws Exception {
        Nd4j.getRandom().setSeed(s.seed());
        ComputationGraph n = new ComputationGraph(GraphCompiler.compile(InspectTest.mlp(2, 8, 3), s).conf());
        n.init();
        return n;
    }

    private static List<float[]> train(ComputationGraph n, Dataset data, int steps) {
        List<float[]> path = new ArrayList<>();
        path.add(LossSurface.snapshot(n));
        for (int i = 0; i < steps; i++) {
            n.fit(data.toMultiDataSet());
            path.add(LossSurface.snapshot(n));
        }
        return path;
    }

    @Test
    void twoPathsFromOneStartEndInThePlaneAndTheGridIsTheNetworksScoreThere() throws Exception {
        Dataset data = Synthetic.spiral(40, 3, 0.05, 3);
        TrainingSettings sgd = InspectTest.settings(TrainingSettings.Optimizer.SGD, 0.5, 120, 1);
        TrainingSettings adam = InspectTest.settings(TrainingSettings.Optimizer.ADAM, 0.05, 120, 1);
        ComputationGraph a = net(sgd), b = net(adam);
        Map<String, List<float[]>> paths = new LinkedHashMap<>();
        paths.put("sgd", train(a, data, 60));
        paths.put("adam", train(b, data, 60));
        assertThat(paths.get("sgd").get(0)).as("same seed, same start").containsExactly(paths.get("adam").get(0));

        float[] trained = LossSurface.snapshot(a);
        LossSurface.Surface s = LossSurface.compute(a, paths, data, 9);
        assertThat(LossSurface.snapshot(a)).as("the network is left as it was").containsExactly(trained);

        // the start is the origin, and the score there is the untrained network's
        ComputationGraph fresh = net(sgd);
        double startScore = fresh.score(data.toMultiDataSet(), false);
        assertThat(s.paths().get("sgd")[0]).containsExactly(0, 0);
        assertThat(s.pathLoss().get("sgd")[0]).isCloseTo(startScore, within(1e-4 * startScore));
        // each end lies in the plane: the score at its projection is the trained network's
        assertThat(s.pathLoss().get("sgd")[1]).isCloseTo(a.score(data.toMultiDataSet(), false), within(1e-3));
        assertThat(s.pathLoss().get("adam")[1]).isCloseTo(b.score(data.toMultiDataSet(), false), within(1e-3));
        // both optimizers went downhill on this surface
        for (double[] l : s.pathLoss().values()) assertThat(l[1]).isLessThan(l[0]);
        assertThat(s.alphas()).hasSize(9);
        for (double[] row : s.loss()) for (double v : row) assertThat(v).isFinite().isPositive();
        // the grid covers both paths
        for (double[][] p : s.paths().values()) {
            for (double[] q : p) {
                assertThat(q[0]).isBetween(s.alphas()[0], s.alphas()[8]);
                assertThat(q[1]).isBetween(s.betas()[0], s.betas()[8]);
            }
        }
    }

    @Test
    void aPathThatNeverMovedStillGetsASurfaceAndEndsNoLower() throws Exception {
        Dataset data = Synthetic.spiral(20, 3, 0.05, 3);
        ComputationGraph n = net(InspectTest.settings(TrainingSettings.Optimizer.SGD, 0.1, 60, 1));
        float[] p = LossSurface.snapshot(n);
        LossSurface.Surface s = LossSurface.compute(n, Map.of("still", List.of(p, p.clone())), data, 5);
        assertThat(s.pathLoss().get("still")[1]).isEqualTo(s.pathLoss().get("still")[0]);
        for (double[] row : s.loss()) for (double v : row) assertThat(v).isFinite();
    }
}
