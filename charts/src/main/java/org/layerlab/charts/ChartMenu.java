package org.layerlab.charts;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * The right-click menu of a line chart: log scale, smoothing, reset zoom, export as PNG or CSV.
 * Exporting needs file dialogs, so the owner supplies it. FX thread.
 */
public final class ChartMenu {
    private ChartMenu() {}

    /** Saves a chart; {@code format} is "png" or "csv". */
    public interface Exporter {
        void export(LineChart chart, String format);
    }

    static final double[] SMOOTHING = {0, 0.6, 0.9, 0.99};

    public static ContextMenu install(LineChart chart, Exporter exporter) {
        CheckMenuItem log = new CheckMenuItem("Log scale");
        log.setOnAction(e -> chart.setLogY(log.isSelected()));
        Menu smoothing = new Menu("Smoothing");
        ToggleGroup group = new ToggleGroup();
        for (double s : SMOOTHING) {
            RadioMenuItem item = new RadioMenuItem(s == 0 ? "Off" : String.valueOf(s));
            item.setToggleGroup(group);
            item.setOnAction(e -> chart.setSmoothing(s));
            smoothing.getItems().add(item);
        }
        MenuItem reset = new MenuItem("Reset zoom");
        reset.setOnAction(e -> chart.resetView());
        MenuItem png = new MenuItem("Export PNG…");
        png.setOnAction(e -> exporter.export(chart, "png"));
        MenuItem csv = new MenuItem("Export CSV…");
        csv.setOnAction(e -> exporter.export(chart, "csv"));
        ContextMenu menu = new ContextMenu(log, smoothing, reset, new SeparatorMenuItem(), png, csv);
        // show the chart's current state each time (the toolbar may have changed it)
        menu.setOnShowing(e -> {
            log.setSelected(chart.isLogY());
            for (int i = 0; i < SMOOTHING.length; i++) {
                ((RadioMenuItem) smoothing.getItems().get(i)).setSelected(nearest(chart.smoothing()) == i);
            }
        });
        chart.setOnContextMenuRequested(e -> {
            menu.show(chart, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return menu;
    }

    private static int nearest(double s) {
        int best = 0;
        for (int i = 1; i < SMOOTHING.length; i++) if (Math.abs(SMOOTHING[i] - s) < Math.abs(SMOOTHING[best] - s)) best = i;
        return best;
    }
}
