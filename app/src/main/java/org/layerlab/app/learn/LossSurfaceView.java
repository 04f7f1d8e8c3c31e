package org.layerlab.app.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.charts.SurfaceView;
import org.layerlab.trainer.inspect.LossSurface;
import org.layerlab.trainer.lesson.LessonRace;
import org.layerlab.trainer.run.TrainingRun;

/**
 * Lesson 12's view: every run's parameters are recorded every {@link #STRIDE} steps of the race;
 * when it ends, the loss over the plane through the common start and the first two runs' end points
 * is computed off the FX thread and drawn with each run's path on it. FX thread, except
 * {@link #stepped}, which the race's thread calls.
 */
final class LossSurfaceView implements LessonView {
    static final int STRIDE = 4;
    static final int GRID = 41;

    private final SurfaceView surface = new SurfaceView("Loss over a plane through the paths");
    private final Label note = new Label();
    private final VBox box = new VBox(6, surface, note);
    private final Map<String, List<float[]>> paths = new ConcurrentHashMap<>();
    private volatile LessonRace race;
    private List<String> order = List.of();
    private LossSurface.Surface last;

    LossSurfaceView() {
        box.setPadding(new Insets(4));
        VBox.setVgrow(surface, Priority.ALWAYS);
        surface.setMinSize(200, 200);
        surface.setPrefSize(520, 320);
        note.setWrapText(true);
        note.getStyleClass().add("check-numbers");
        surface.clear("Run the experiment: the optimizers' paths are drawn on the loss surface when the race ends.");
    }

    @Override
    public String title() {
        return "Loss surface";
    }

    @Override
    public Node node() {
        return box;
    }

    SurfaceView surface() {
        return surface;
    }

    /** The last surface computed, or null (tests). */
    LossSurface.Surface lastSurface() {
        return last;
    }

    @Override
    public void raceStarting(LessonRace r, Map<String, LessonRunner.Variant> variants) {
        race = r;
        paths.clear();
        order = new ArrayList<>(r.runs().keySet());
        for (String v : order) {
            List<float[]> p = java.util.Collections.synchronizedList(new ArrayList<>());
            p.add(r.runs().get(v).inspect(LossSurface::snapshot));
            paths.put(v, p);
        }
        surface.clear("Racing: the paths are being recorded…");
        note.setText("");
    }

    @Override
    public void stepped(LessonRace r, int iteration) {
        if (r != race || iteration % STRIDE != 0) return;
        r.runs().forEach((v, run) -> {
            List<float[]> p = paths.get(v);
            // a run that just ended on its last step still has its network: that point is the path's end
            if (p != null && run.hasNetwork()) p.add(run.inspect(LossSurface::snapshot));
        });
    }

    @Override
    public void raceEnded(LessonRace r) {
        if (r != race) return;
        Map<String, List<float[]>> copy = new LinkedHashMap<>();
        for (String v : order) copy.put(v, List.copyOf(paths.get(v)));
        TrainingRun first = r.runs().get(order.get(0));
        surface.clear("Computing the loss over the plane…");
        Thread t = new Thread(() -> {
            try {
                LossSurface.Surface s = first.inspect(n -> LossSurface.compute(n, copy, first.trainingData(), GRID));
                Platform.runLater(() -> show(r, s));
            } catch (RuntimeException ex) {
                Platform.runLater(() -> surface.clear("Cannot draw the loss surface: " + ex.getMessage()));
            }
        }, "layerlab-loss-surface");
        t.setDaemon(true);
        t.start();
    }

    private void show(LessonRace r, LossSurface.Surface s) {
        if (r != race) return;
        last = s;
        List<SurfaceView.Path> drawn = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        int k = 0;
        for (String v : order) {
            drawn.add(new SurfaceView.Path(v, LessonRaceView.COLOURS[k++ % LessonRaceView.COLOURS.length], s.paths().get(v)));
            double[] l = s.pathLoss().get(v);
            b.append(String.format(Locale.ROOT, "%s: loss %.3f at the start (ring) → %.3f at the end (dot).  ", v, l[0], l[1]));
        }
        surface.setSurface(s.alphas(), s.betas(), s.loss(), drawn,
                "along the direction to " + order.get(0) + "'s end", order.size() > 1 ? "towards " + order.get(1) + "'s end" : "across");
        b.append(String.format(Locale.ROOT, "The plane holds the start and %s; the paths between are projected onto it (the farthest point was %.0f %% of the first direction's length off the plane).",
                order.size() > 1 ? "both end points" : "the end point", 100 * s.offPlane()));
        note.setText(b.toString());
    }
}
