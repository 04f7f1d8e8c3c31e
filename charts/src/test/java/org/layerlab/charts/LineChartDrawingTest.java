package org.layerlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A live-training chart as drawn: dense series as a band with its means, sparse ones as lines; a PNG to look at. */
class LineChartDrawingTest {

    @Test
    void aDenseNoisySeriesIsDrawnAsABandThatKeepsItsSpike() throws Exception {
        int n = 20_000, spikeAt = 7_000;
        LineChart chart = new LineChart("Loss");
        Series train = chart.add(new Series("train", "#2f6fde"));
        Series validation = chart.add(new Series("validation", "#e0862f").asPoints());
        Random r = new Random(3);
        for (int i = 0; i < n; i++) train.add(i, 2 * Math.exp(-i / 5000.0) + 0.5 + 0.3 * r.nextGaussian());
        train.rawY()[spikeAt] = 8f;
        for (int i = 0; i < n; i += 2_000) validation.add(i, 2 * Math.exp(-i / 5000.0) + 0.6);

        BufferedImage png = Fx.call(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(chart), 640, 220));
            stage.show();
            chart.applyCss();
            chart.layout();
            chart.refresh();
            WritableImage img = chart.snapshot(null, null);
            stage.close();
            BufferedImage b = new BufferedImage((int) img.getWidth(), (int) img.getHeight(), BufferedImage.TYPE_INT_ARGB);
            for (int y = 0; y < b.getHeight(); y++) for (int x = 0; x < b.getWidth(); x++) b.setRGB(x, y, img.getPixelReader().getArgb(x, y));
            return b;
        });
        File out = new File("target/snapshots/chart-dense-band.png");
        out.getParentFile().mkdirs();
        ImageIO.write(png, "png", out);

        assertThat(chart.shapeOf(train)).isInstanceOf(Decimation.Envelope.class);
        assertThat(chart.shapeOf(validation)).isInstanceOf(Decimation.Points.class);
        // the spike's column reaches far above its neighbours' band: nothing was averaged away
        double plotLeft = 58, plotWidth = 640 - 58 - 12;
        int spikeX = (int) Math.round(plotLeft + spikeAt / (double) (n - 1) * plotWidth);
        int quietX = (int) Math.round(plotLeft + 9_000 / (double) (n - 1) * plotWidth);
        assertThat(topmostBlue(png, spikeX)).isLessThan(topmostBlue(png, quietX) - 40);
    }

    /** The highest row (smallest y) in columns x−1…x+1 whose pixel is tinted by the blue series. */
    private static int topmostBlue(BufferedImage img, int x) {
        for (int y = 26; y < img.getHeight() - 24; y++) {
            for (int dx = -1; dx <= 1; dx++) {
                int argb = img.getRGB(x + dx, y);
                int red = (argb >> 16) & 0xff, blue = argb & 0xff;
                if (blue - red > 25) return y;
            }
        }
        return Integer.MAX_VALUE;
    }
}
