package org.layerlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/** The live path draws a chart only when its picture changes; an axis from 0 grows in steps. */
class LiveRedrawTest {

    @Test
    void aGrowingAxisEndsAtTheNextRoundNumberAtMostAQuarterAhead() {
        assertThat(YAxis.niceCeil(4199)).isEqualTo(4500);
        assertThat(YAxis.niceCeil(1001)).isEqualTo(1200);
        assertThat(YAxis.niceCeil(95)).isEqualTo(100);
        assertThat(YAxis.niceCeil(1)).isEqualTo(1);
        assertThat(YAxis.niceCeil(0.037)).isEqualTo(0.04, org.assertj.core.api.Assertions.within(1e-12));
        for (double v = 0.5; v < 1e7; v *= 1.0137) assertThat(YAxis.niceCeil(v) / v).isBetween(1.0, 1.25);
    }

    @Test
    void newPointsThatMoveNoPixelAreNotDrawnAndOnesThatDoAre() throws Exception {
        LineChart chart = new LineChart("Learning rate");
        Series lr = chart.add(new Series("lr", "#2f6fde"));
        List<Boolean> drew = Fx.call(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(chart), 640, 220));
            stage.show();
            chart.applyCss();
            chart.layout();
            List<Boolean> out = new ArrayList<>();
            // x up to 4205: the axis ends at 4500 and its 285 columns are 15.8 iterations wide,
            // so the last point opened the column [4200, 4215.8)
            for (int i = 0; i <= 4205; i++) lr.add(i, 0.01);
            out.add(chart.refreshIfChanged());
            // the same rate in the same column: not a pixel moves
            for (int i = 4206; i <= 4212; i++) lr.add(i, 0.01);
            out.add(chart.refreshIfChanged());
            // nothing new at all
            out.add(chart.refreshIfChanged());
            // the next column gets its first points: the line grows by two pixels
            for (int i = 4213; i <= 4230; i++) lr.add(i, 0.01);
            out.add(chart.refreshIfChanged());
            // the rate changes
            lr.add(4231, 0.02);
            out.add(chart.refreshIfChanged());
            stage.close();
            return out;
        });
        assertThat(drew).containsExactly(true, false, false, true, true);
    }
}
