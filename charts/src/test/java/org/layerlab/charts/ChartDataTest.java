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
        // TensorBoard's formula, worked out by hand: m_t = 0.6 m_(t-1) + 0.4 y_t, shown as m_t / (1 - 0.6^t)
        double[] want = {0, 0, 0, 4.595588235, 6.939625260, 8.223684211, 8.954673549, 9.379947092, 9.630493183, 9.779195053};
        for (int i = 0; i < want.length; i++) assertThat((double) sm[i]).as("point %d", i).isCloseTo(want[i], within(1e-5));
        float[] uneven = Smoothing.debiasedEma(new float[] {1, 3, 2, 5}, 0.9);
        double[] want9 = {1.0, 2.052631579, 2.033210332, 2.895899971};
        for (int i = 0; i < want9.length; i++) assertThat((double) uneven[i]).as("weight 0.9, point %d", i).isCloseTo(want9[i], within(1e-5));
        assertThat(Smoothing.debiasedEma(step, 0)).containsExactly(step);
    }

    @Test
    void runningSmoothingExtendedPieceByPieceEqualsSmoothingTheWholeSeriesAndStartsOverWhenItMust() {
        Series s = new Series("loss", "#ff0000");
        java.util.Random random = new java.util.Random(7);
        Smoothing.Running running = new Smoothing.Running();
        for (int chunk = 0; chunk < 40; chunk++) {
            for (int i = 0; i < 1 + random.nextInt(50); i++) s.add(s.size(), i == 3 ? Double.NaN : 2 + random.nextGaussian());
            float[] whole = Smoothing.debiasedEma(s.ys(), 0.6);
            float[] extended = running.update(s.rawY(), s.size(), 0.6, s.generation());
            for (int i = 0; i < s.size(); i++) assertThat(extended[i]).as("point %d", i).isCloseTo(whole[i], within(1e-5f));
        }
        // another weight, or the series cleared and refilled, is smoothed from its first point again
        float[] reweighted = running.update(s.rawY(), s.size(), 0.9, s.generation());
        assertThat(reweighted[s.size() - 1]).isCloseTo(Smoothing.debiasedEma(s.ys(), 0.9)[s.size() - 1], within(1e-5f));
        int before = s.size();
        s.clear();
        for (int i = 0; i < before; i++) s.add(i, 100);
        assertThat(running.update(s.rawY(), s.size(), 0.9, s.generation())[before - 1]).isCloseTo(100f, within(1e-3f));
    }

    @Test
    void csvExportHoldsEveryStoredPoint() throws Exception {
        Fx.start();
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

    @Test
    void envelopeKeepsEachColumnsLowestHighestAndMeanAndTheNeighboursOutside() {
        Series s = new Series("loss", "#ff0000");
        for (int i = 0; i < 1000; i++) s.add(i, i % 2 == 0 ? 1 : 3);
        s.rawY()[500] = 40f; // a spike in column 50
        s.rawY()[501] = Float.NaN;
        Decimation.Envelope e = Decimation.envelope(s.rawX(), s.rawY(), s.size(), 100, 899.999, 80, false);
        assertThat(e.size()).isEqualTo(82);
        // slot 0 and the last hold the one point on either side of the range
        assertThat(e.x()[0]).isEqualTo(99);
        assertThat(e.x()[81]).isEqualTo(900);
        // column k (slot k + 1) holds x in [100 + 10k, 110 + 10k): five 1s and five 3s
        assertThat(e.lo()[1]).isEqualTo(1);
        assertThat(e.hi()[1]).isEqualTo(3);
        assertThat(e.mean()[1]).isCloseTo(2, within(1e-9));
        assertThat(e.x()[1]).isCloseTo(105, within(1e-3)); // the column's centre
        assertThat(e.hi()[41]).isEqualTo(40); // x 500..509: the spike is kept, the NaN left out
        assertThat(e.mean()[41]).isCloseTo((40 + 3 + 1 + 3 + 1 + 3 + 1 + 3 + 1) / 9.0, within(1e-6));
        double max = 0;
        for (double h : e.hi()) max = Math.max(max, h);
        assertThat(max).isEqualTo(40);
    }

    @Test
    void envelopeOnALogAxisLeavesOutValuesAtOrBelowZeroAndMarksEmptyColumns() {
        Series s = new Series("ratio", "#ff0000");
        s.add(0, 0.5);
        s.add(1, -1);
        s.add(2, 0);
        s.add(9, 2);
        Decimation.Envelope e = Decimation.envelope(s.rawX(), s.rawY(), s.size(), 0, 10, 10, true);
        assertThat(e.lo()[1]).isEqualTo(0.5); // column 0 holds x = 0 only
        assertThat(e.mean()[2]).isNaN(); // x = 1: −1 is left out on a log axis
        assertThat(e.mean()[3]).isNaN();
        assertThat(e.mean()[5]).isNaN(); // no point at all
        assertThat(e.mean()[10]).isEqualTo(2);
        assertThat(Decimation.count(s.rawX(), s.size(), 1, 9)).isEqualTo(3);
        assertThat(java.util.Arrays.stream(Decimation.envelope(s.rawX(), s.rawY(), 0, 0, 10, 10, true).mean()).allMatch(Double::isNaN)).isTrue();
    }

    @Test
    void linesAreCutAtThePlotsEdges() {
        // inside: unchanged
        assertThat(SeriesPainter.clip(10, 5, 20, 15, 0, 100)).containsExactly(10, 5, 20, 15);
        // from outside on the left: starts on the edge, on the line
        assertThat(SeriesPainter.clip(-10, 0, 10, 20, 0, 100)).containsExactly(0, 10, 10, 20);
        // across both edges
        assertThat(SeriesPainter.clip(-100, 0, 200, 300, 0, 100)).containsExactly(0, 100, 100, 200);
        // into the right margin
        assertThat(SeriesPainter.clip(90, 0, 110, 40, 0, 100)).containsExactly(90, 0, 100, 20);
        // wholly outside
        assertThat(SeriesPainter.clip(101, 0, 130, 40, 0, 100)).isNull();
        assertThat(SeriesPainter.clip(-5, 0, -1, 40, 0, 100)).isNull();
    }
}
