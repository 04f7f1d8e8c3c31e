package org.layerlab.canvas;

import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import org.layerlab.graph.command.GraphDocument;

/**
 * The whole editing area: palette on the left, canvas in the middle with the problems below it,
 * the inspector on the right. The app adds menus, toolbar and status bar around it.
 */
public final class EditorPane extends BorderPane {
    private final Editor editor;
    private final GraphCanvas canvas;
    private final Palette palette;
    private final Inspector inspector;
    private final ProblemsView problems;

    public EditorPane(GraphDocument document) {
        editor = new Editor(document);
        canvas = new GraphCanvas(editor);
        palette = new Palette(canvas);
        inspector = new Inspector(editor);
        problems = new ProblemsView(editor, canvas::reveal);
        getStyleClass().add("editor-pane");

        SplitPane centre = new SplitPane(canvas, problems);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.84);
        SplitPane.setResizableWithParent(problems, false);
        SplitPane main = new SplitPane(palette, centre, inspector);
        main.setDividerPositions(0.17, 0.78);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(inspector, false);
        palette.setMinWidth(170);
        inspector.setMinWidth(240);
        setCenter(main);
    }

    public Editor editor() {
        return editor;
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    public Palette palette() {
        return palette;
    }

    public Inspector inspector() {
        return inspector;
    }

    public ProblemsView problems() {
        return problems;
    }
}
