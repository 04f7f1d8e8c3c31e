package org.layerlab.app.train;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javax.imageio.ImageIO;
import org.layerlab.app.Dialogs;
import org.layerlab.charts.LineChart;

/** Saves charts as PNG pictures or CSV histories, asking for the file; errors go to a dialog. FX thread. */
final class ChartExports {
    private final Dialogs dialogs;
    private final Consumer<String> say;

    ChartExports(Dialogs dialogs, Consumer<String> say) {
        this.dialogs = dialogs;
        this.say = say;
    }

    /** Any view as one picture. */
    void view(Node node, String suggested) {
        save(suggested, "PNG image", ".png", p -> ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png", p.toFile()));
    }

    /** One chart as PNG or CSV (its full-resolution history). */
    void chart(LineChart chart, String format) {
        String base = chart.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (format.equals("csv")) {
            save(base + ".csv", "CSV", ".csv", p -> {
                try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                    chart.writeCsv(w);
                }
            });
        } else {
            view(chart, base + ".png");
        }
    }

    private interface Save {
        void to(Path p) throws IOException;
    }

    private void save(String suggested, String kind, String extension, Save save) {
        Path p = dialogs.chooseSave(null, suggested, kind, extension);
        if (p == null) return;
        try {
            save.to(p);
            say.accept("Exported " + p.getFileName());
        } catch (IOException ex) {
            dialogs.showError("Cannot export " + p.getFileName(), p + ": " + ex.getMessage());
        }
    }
}
