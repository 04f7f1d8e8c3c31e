package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.AddSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.LayerSpec;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Not a test: a measurement of editing a 300-layer graph (drag of everything, zoom, one edit).
 * Run with {@code ./mvnw -pl canvas test -Dbench.excluded=none -Dtest=CanvasScaleBench}; it prints
 * FX pulse durations (CSS + layout, from the scene's pulse listeners) and the interval between
 * frames while a select-all drag is animated one step per frame.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class CanvasScaleBench {
    private EditorPane pane;
    private Scene scene;

    @Start
    void start(Stage stage) {
        pane = new EditorPane(new GraphDocument(residualTower(300)));
        scene = new Scene(pane, 1280, 800);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    /** Input, then blocks of two Dense layers with a skip connection merged by Add, 300 layers in all. */
    static Graph residualTower(int size) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(new Node("in", InputSpec.vector(64), 0, 0));
        String last = "in";
        int i = 0;
        while (nodes.size() + 3 <= size) {
            String a = "a" + i, b = "b" + i, s = "s" + i;
            nodes.add(new Node(a, new DenseSpec(64, Activation.RELU, true), 0, 0));
            nodes.add(new Node(b, new DenseSpec(64, Activation.RELU, true), 0, 0));
            nodes.add(new Node(s, new AddSpec(), 0, 0));
            edges.add(new Edge(last, a, 0));
            edges.add(new Edge(a, b, 0));
            edges.add(new Edge(b, s, 0));
            edges.add(new Edge(last, s, 1));
            last = s;
            i++;
        }
        while (nodes.size() < size) {
            LayerSpec d = new DenseSpec(64, Activation.RELU, true);
            String id = "t" + nodes.size();
            nodes.add(new Node(id, d, 0, 0));
            edges.add(new Edge(last, id, 0));
            last = id;
        }
        Graph g = Graph.of(nodes, edges);
        var at = AutoLayout.layout(g, 12);
        List<Node> placed = new ArrayList<>();
        for (Node n : g.nodes()) placed.add(n.at(at.get(n.id()).x(), at.get(n.id()).y()));
        return Graph.of(placed, g.edges());
    }

    @Test
    void measure(FxRobot robot) throws Exception {
        List<Long> pulse = new ArrayList<>();
        long[] pre = new long[1];
        Runnable preL = () -> pre[0] = System.nanoTime();
        Runnable postL = () -> pulse.add(System.nanoTime() - pre[0]);
        robot.interact(() -> {
            scene.addPreLayoutPulseListener(preL);
            scene.addPostLayoutPulseListener(postL);
            pane.canvas().fit();
            pane.editor().selectAll();
        });
        System.out.printf(Locale.ROOT, "graph: %d layers, %d wires%n", pane.editor().graph().size(), pane.editor().graph().edges().size());

        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            pulse.clear();
            List<Long> frames = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            int steps = 120;
            robot.interact(() -> new AnimationTimer() {
                int step;
                long last;

                @Override
                public void handle(long now) {
                    if (last != 0) frames.add(now - last);
                    last = now;
                    if (step++ == steps) {
                        stop();
                        done.countDown();
                        return;
                    }
                    pane.canvas().previewMove(step * 2.0, step);
                }
            }.start());
            if (!done.await(60, TimeUnit.SECONDS) || frames.size() < steps - 1) {
                // a drag that did not run its frames measures nothing: fail rather than report it
                throw new IllegalStateException("invalid measurement: the drag ran " + frames.size() + " of " + steps + " frames");
            }
            // time spent on the FX thread by each action (model, shape inference, view update), not rendering
            long[] t = new long[3];
            robot.interact(() -> {
                long t0 = System.nanoTime();
                pane.editor().moveSelection(steps * 2.0, steps);
                t[0] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                pane.canvas().zoomAt(pane.canvas().zoom() * 1.2, 400, 300);
                t[1] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                pane.editor().setProperty("a0", "units", 65);
                t[2] = System.nanoTime() - t0;
            });
            long commit = t[0], zoom = t[1], edit = t[2];
            robot.interact(() -> pane.editor().undo());
            List<Long> updates = new ArrayList<>();
            robot.interact(() -> {
                for (int k = 0; k < 30; k++) {
                    pane.canvas().reconcileForBench();
                    updates.add(pane.canvas().lastReconcileNanos);
                }
            });
            double reconcile = pct(updates, 50);
            Graph g = pane.editor().graph();
            long a0 = System.nanoTime();
            for (int k = 0; k < 10; k++) org.layerlab.graph.shape.ShapeInference.analyze(g);
            double analyze = (System.nanoTime() - a0) / 10 / 1e6;
            List<Long> pulses = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> new ArrayList<>(pulse)).get();
            if (round == 1) {
                System.out.printf(Locale.ROOT, "shape inference of the whole graph %.1f ms, view update after an edit (median of 30) %.1f ms%n",
                        analyze, reconcile);
                System.out.printf(Locale.ROOT, "drag of all layers, %d frames: pulse CSS+layout p50 %.2f ms p99 %.2f ms; "
                                + "frame interval p50 %.2f ms p99 %.2f ms%n", steps,
                        pct(pulses, 50), pct(pulses, 99), pct(frames, 50), pct(frames, 99));
                System.out.printf(Locale.ROOT, "FX-thread time: commit move of %d layers %.1f ms, zoom step %.2f ms, one property edit %.1f ms%n",
                        pane.editor().graph().size(), commit / 1e6, zoom / 1e6, edit / 1e6);
            }
        }
    }

    private static double pct(List<Long> nanos, int p) {
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        if (a.length == 0) return Double.NaN;
        Arrays.sort(a);
        return a[Math.min(a.length - 1, (int) Math.ceil(p / 100.0 * a.length) - 1)] / 1e6;
    }
}
