package org.layerlab.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Decimation, smoothing and export, fed synthetic samples (no toolkit, no DL4J). */
class ChartDataTest {

    @Test
    void decimationKeepsAtMostTwoPointsPerColumnAndEverySpike() {
        int n = 1_000_000;
        Series s = new Series("loss", "#ff0000");
        for (int i = 0; i < n; i++) s.add(i, Math.sin(i / 1000.0));
        s.add(n, 0);
        // one spike and one dip far from any column boundary
        s.rawY()[123_457] = 50f;
        s.rawY()[876_543] = -50f;
        Decimation.Points p = Decimation.minMax(s.rawX(), s.rawY(), s.size(), 0, n, 500);
        assertThat(p.size()).isLessThanOrEqualTo(2 * 500 + 4).isGreaterThan(500);
        assertThat(p.y()).contains(50.0, -50.0);
        for (int i = 1; i < p.size(); i++) assertThat(p.x()[i]).isGreaterThan(p.x()[i - 1]);
    }

    @Test
    void decimationOfAFewPointsKeepsThemAllAndDropsNonFiniteValues() {
        Series s = new Series("val", "#00ff00");
        s.add(0, 1);
        s.add(1, Double.NaN);
        s.add(2, 3);
        Decimation.Points p = Decimation.minMax(s.rawX(), s.rawY(), s.size(), 0, 2, 400);
        assertThat(p.x()).containsExactly(0, 2);
        assertThat(p.y()).containsExactly(1, 3);
    }

    @Test
    void decimationOfAZoomedRangeKeepsTheNeighboursSoLinesReachTheEdges() {
        Series s = new Series("x", "#000000");
        for (int i = 0; i < 100; i++) s.add(i * 10, i);
        Decimation.Points p = Decimation.minMax(s.rawX(), s.rawY(), s.size(), 205, 395, 400);
        assertThat(p.x()[0]).isEqualTo(200);
        assertThat(p.x()[p.size() - 1]).isEqualTo(400);
    }

    @Test
    void debiasedSmoothingStartsAtTheFirstValueAndLeavesAConstantUnchanged() {
        float[] constant = {2, 2, 2, 2, 2};
        float[] s = Smoothing.debiasedEma(constant, 0.9);
        for (float v : s) assertThat(v).isCloseTo(2f, within(1e-5f));
        float[] step = {0, 0, 0, 10, 10, 10, 10, 10, 10, 10};
        float[] sm = Smoothing.debiasedEma(step, 0.6);
        assertThat(sm[0]).isEqualTo(0f);
        assertThat(sm[3]).isBetween(0f, 10f);
        for (int i = 4; i < sm.length; i++) assertThat(sm[i]).isGreaterThan(sm[i - 1]);
        assertThat(Smoothing.debiasedEma(step, 0)).containsExactly(step);
    }

    @Test
    void csvExportHoldsEveryStoredPoint() throws Exception {
        javafx.application.Platform.startup(() -> {});
        LineChart chart = new LineChart("Loss");
        Series a = chart.add(new Series("run 1, train", "#4f86e8"));
        Series b = chart.add(new Series("run 1 validation", "#c9464b").asPoints());
        for (int i = 0; i < 1000; i++) a.add(i, 1.0 / (i + 1));
        b.add(499, 0.25);
        b.add(999, 0.125);
        StringWriter w = new StringWriter();
        chart.writeCsv(w);
        String[] lines = w.toString().split("\n");
        assertThat(lines).hasSize(1 + 1000 + 2);
        assertThat(lines[0]).isEqualTo("series,x,y");
        assertThat(lines[1]).isEqualTo("\"run 1, train\",0,1");
        assertThat(lines[3]).isEqualTo("\"run 1, train\",2," + (float) (1.0 / 3));
        assertThat(lines[1001]).isEqualTo("run 1 validation,499,0.25");
    }

    @Test
    void axisTicksAreRoundNumbersAndLogTicksAreDecades() {
        assertThat(YAxis.linear(0, 1).ticks()).contains(0.0, 0.2, 0.4, 1.0);
        assertThat(YAxis.log(1e-5, 1e-1).ticks()).contains(1e-5, 1e-3, 1e-1);
        assertThat(YAxis.log(1e-4, 1e-2).fraction(1e-3)).isCloseTo(0.5, within(1e-9));
    }
}
