package org.layerlab.app.train;

import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks which setting to race and its values: a choice and a text field with an example. FX thread. */
public final class RaceDialog {
    private RaceDialog() {}

    /** The request, or null if cancelled. */
    public static RaceRequest ask(Window owner) {
        Dialog<RaceRequest> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Race");
        d.setHeaderText("Train the graph several times side by side, from the same seed and batch order,\n"
                + "changing one setting: the curves grow together on the charts.");
        ChoiceBox<String> setting = new ChoiceBox<>();
        setting.setId("race-setting");
        Map<String, String[]> all = RaceRequest.SETTINGS;
        for (String[] about : all.values()) setting.getItems().add(about[0]);
        setting.setValue(setting.getItems().get(0));
        TextField values = new TextField();
        values.setId("race-values");
        values.setPrefColumnCount(24);
        values.setPromptText(all.get("learningRate")[1]);
        values.setText(all.get("learningRate")[1]);
        setting.setOnAction(e -> {
            String[] about = all.values().stream().filter(a -> a[0].equals(setting.getValue())).findFirst().orElseThrow();
            values.setPromptText(about[1]);
            values.setText(about[1]);
        });
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.setPadding(new Insets(12));
        form.addRow(0, new Label("Setting"), setting);
        form.addRow(1, new Label("Values"), values);
        form.add(new Label("Separate the values with commas; up to " + RaceRequest.MAX_RUNS + " runs."), 1, 2);
        d.getDialogPane().setContent(form);
        ButtonType race = new ButtonType("Race", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(race, ButtonType.CANCEL);
        d.setResultConverter(b -> {
            if (b != race) return null;
            String key = all.entrySet().stream().filter(e -> e.getValue()[0].equals(setting.getValue())).findFirst().orElseThrow().getKey();
            return new RaceRequest(key, RaceRequest.parseValues(values.getText()));
        });
        return d.showAndWait().orElse(null);
    }
}
