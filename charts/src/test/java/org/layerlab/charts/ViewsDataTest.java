package org.layerlab.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** The arithmetic behind the heat map, image grid, confusion matrix and decision boundary (no toolkit). */
class ViewsDataTest {

    @Test
    void rebinningKeepsTheMassAndPutsItWhereTheValuesAre() {
        int[] counts = new int[32];
        counts[0] = 100;   // [-1, -0.9375)
        counts[31] = 50;   // [0.9375, 1]
        counts[16] = 7;    // [0, 0.0625)
        double[] rows = HeatMap.rebin(-1, 1, counts, -2, 2, 64); // rows of width 1/16
        assertThat(Arrays.stream(rows).sum()).isCloseTo(157, within(1e-9));
        assertThat(rows[16]).isCloseTo(100, within(1e-9)); // -1 is row 16 of [-2, 2]
        assertThat(rows[47]).isCloseTo(50, within(1e-9));
        assertThat(rows[32]).isCloseTo(7, within(1e-9));
        // a bin is shared by overlap; the part outside [lo, hi] is dropped
        double[] part = HeatMap.rebin(0, 1, new int[] {10, 0}, 0.25, 0.75, 2);
        assertThat(part[0]).isCloseTo(5, within(1e-9)); // bin [0, 0.5) overlaps row [0.25, 0.5) by half
        assertThat(part[1]).isZero();
        double[] shared = HeatMap.rebin(0, 1, new int[] {8}, 0, 1, 4);
        assertThat(shared).containsExactly(2, 2, 2, 2);
    }

    @Test
    void rebinningAZeroWidthHistogramPutsEverythingInOneRow() {
        double[] rows = HeatMap.rebin(0.5, 0.5, new int[] {3, 4}, 0, 1, 10);
        assertThat(rows[5]).isEqualTo(7);
        assertThat(Arrays.stream(rows).sum()).isEqualTo(7);
    }

    @Test
    void thinningShowsEveryColumnThatFitsAndEvenlySpacedOnesOtherwise() {
        assertThat(HeatMap.thin(5, 100)).containsExactly(0, 1, 2, 3, 4);
        int[] t = HeatMap.thin(2048, 400);
        assertThat(t).hasSize(400);
        assertThat(t[0]).isBetween(0, 5);
        assertThat(t[399]).isBetween(2040, 2047);
        for (int i = 1; i < t.length; i++) assertThat(t[i] - t[i - 1]).isBetween(4, 7);
    }

    @Test
    void imageGridTilesFillTheSpaceAndKeepFixedColumns() {
        double[] free = ImageGrid.layout(20, 0, 900, 300);
        int cols = (int) free[0];
        assertThat(cols * (free[1] + 8)).isLessThanOrEqualTo(900);
        assertThat(Math.ceil(20.0 / cols) * (free[1] + 8 + 14) + 26).isLessThanOrEqualTo(300);
        assertThat(free[1]).isGreaterThan(40);
        assertThat(ImageGrid.layout(16, 8, 900, 400)[0]).isEqualTo(8);
    }

    @Test
    void recallIsTheRowsShareOnTheDiagonal() {
        int[][] m = {{8, 2}, {1, 9}};
        assertThat(ConfusionMatrixView.recall(m, 0)).isEqualTo(0.8);
        assertThat(ConfusionMatrixView.recall(m, 1)).isEqualTo(0.9);
        assertThat(ConfusionMatrixView.recall(new int[][] {{0, 0}, {0, 1}}, 0)).isNaN();
    }

    @Test
    void aConfidentCellTakesItsClassColourAnUnsureOneIsPale() {
        Color sure = DecisionBoundaryView.cellColour(new float[] {0.02f, 0.98f}, 0, 2);
        Color unsure = DecisionBoundaryView.cellColour(new float[] {0.49f, 0.51f}, 0, 2);
        Color blue = Color.web(DecisionBoundaryView.CLASS_COLOURS[1]);
        assertThat(sure.getBlue()).isGreaterThan(sure.getRed());
        assertThat(distance(sure, blue)).isLessThan(distance(unsure, blue));
        assertThat(unsure.getBrightness()).isGreaterThan(0.9);
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }
}
