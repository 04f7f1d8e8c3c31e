package org.layerlab.canvas;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.graph.shape.Problem;

/**
 * Every problem of the graph, errors first. Clicking one selects its layer and scrolls it into view.
 */
public final class ProblemsView extends VBox {
    private final Editor editor;
    private final Label header = new Label();
    private final ListView<Problem> list = new ListView<>();

    public ProblemsView(Editor editor, Consumer<String> reveal) {
        this.editor = editor;
        getStyleClass().add("problems");
        setId("problems");
        header.getStyleClass().add("problems-header");
        list.setId("problem-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (empty || p == null) {
                    setText(null);
                    return;
                }
                setText((p.isError() ? "✖  " : "⚠  ") + p.message());
                getStyleClass().add(p.isError() ? "problem-error" : "problem-warning");
            }
        });
        list.setOnMouseClicked(e -> {
            Problem p = list.getSelectionModel().getSelectedItem();
            if (p != null && p.nodeId() != null && editor.graph().contains(p.nodeId())) {
                editor.select(p.nodeId());
                reveal.accept(p.nodeId());
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, list);
        editor.document().addListener((a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        var problems = new java.util.ArrayList<>(editor.analysis().problems());
        problems.sort((a, b) -> Boolean.compare(b.isError(), a.isError()));
        list.getItems().setAll(problems);
        long errors = problems.stream().filter(Problem::isError).count();
        header.setText(problems.isEmpty() ? "Problems — none" : "Problems — " + errors + " error" + (errors == 1 ? "" : "s")
                + ", " + (problems.size() - errors) + " warning" + (problems.size() - errors == 1 ? "" : "s"));
    }

    public ListView<Problem> list() {
        return list;
    }
}
