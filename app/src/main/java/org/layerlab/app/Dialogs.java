package org.layerlab.app;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The questions the window asks the user; an interface so tests can answer them. FX thread. */
public interface Dialogs {
    enum Unsaved { SAVE, DISCARD, CANCEL }

    /** What to do with an autosave a crashed window left: open it, delete it, or ask again next start. */
    enum Recovery { RESTORE, DISCARD, LATER }

    Recovery askRecovery(String header, String text);

    Unsaved askUnsaved(String projectName);

    void showError(String title, String message);

    /** Which setting to race on the Train tab, and its values; null if cancelled. */
    org.layerlab.app.train.RaceRequest askRace();

    /** A trained model's zip (DL4J's format); null if cancelled. */
    Path chooseModel(Path initialDir);

    /** A lesson folder (holding lesson.json); null if cancelled. */
    Path chooseLessonFolder();

    /** A yes/cancel question; {@code yes} labels the button that goes ahead. True if the user went ahead. */
    boolean confirm(String title, String header, String text, String yes);

    Path chooseOpen(Path initialDir);

    Path chooseSave(Path initialDir, String suggestedName, String description, String extension);

    /** The real dialogs, owned by {@code owner}. */
    /** A data file (CSV, IDX) or, with {@code folder}, a folder of class subfolders; null if cancelled. */
    Path chooseData(Path initialDir, boolean folder);

    /** The recovery question as a dialog: Restore, Discard, Not now (also pictured by a test). */
    static Alert recoveryAlert(String header, String text) {
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        ButtonType later = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", restore, discard, later);
        a.setTitle("Recover unsaved work");
        a.setHeaderText(header);
        javafx.scene.control.Label content = new javafx.scene.control.Label(text);
        content.setWrapText(true);
        content.setMaxWidth(520);
        content.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId("recovery-dialog");
        a.getDialogPane().setPrefWidth(560);
        return a;
    }

    /**
     * A dialog of the window: owned by it, with the app's stylesheet and the window's theme (a dark
     * window no longer opens light dialogs).
     */
    static void ownedBy(javafx.scene.control.Dialog<?> d, Window owner) {
        d.initOwner(owner);
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot().getStyleClass().contains("dark")) d.getDialogPane().getStyleClass().add("dark");
        }
    }

    static Dialogs of(Window owner) {
        return new Dialogs() {
            @Override
            public Unsaved askUnsaved(String name) {
                ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
                ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
                ownedBy(a, owner);
                a.setTitle("Unsaved changes");
                a.setHeaderText("Save the changes to \"" + name + "\"?");
                a.setContentText("Your changes are lost if you don't save them.");
                Optional<ButtonType> r = a.showAndWait();
                if (r.isEmpty() || r.get() == ButtonType.CANCEL) return Unsaved.CANCEL;
                return r.get() == save ? Unsaved.SAVE : Unsaved.DISCARD;
            }

            @Override
            public Recovery askRecovery(String header, String text) {
                Alert a = recoveryAlert(header, text);
                ownedBy(a, owner);
                Optional<ButtonType> r = a.showAndWait();
                if (r.isEmpty() || r.get().getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE) return Recovery.LATER;
                return r.get().getButtonData() == ButtonBar.ButtonData.YES ? Recovery.RESTORE : Recovery.DISCARD;
            }

            @Override
            public org.layerlab.app.train.RaceRequest askRace() {
                return org.layerlab.app.train.RaceDialog.ask(owner);
            }

            @Override
            public Path chooseLessonFolder() {
                javafx.stage.DirectoryChooser d = new javafx.stage.DirectoryChooser();
                d.setTitle("Open a lesson folder (it holds lesson.json)");
                File f = d.showDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public boolean confirm(String title, String header, String text, String yes) {
                ButtonType go = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
                Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, go, ButtonType.CANCEL);
                ownedBy(a, owner);
                a.setTitle(title);
                a.setHeaderText(header);
                return a.showAndWait().filter(go::equals).isPresent();
            }

            @Override
            public void showError(String title, String message) {
                Alert a = new Alert(Alert.AlertType.ERROR);
                ownedBy(a, owner);
                a.setTitle(title);
                a.setHeaderText(title);
                TextArea text = new TextArea(message);
                text.setEditable(false);
                text.setWrapText(true);
                text.setPrefRowCount(Math.min(12, 2 + message.length() / 60));
                a.getDialogPane().setContent(text);
                a.showAndWait();
            }

            @Override
            public Path chooseOpen(Path initialDir) {
                FileChooser c = chooser(initialDir, "LayerLab project", "*.layerlab");
                File f = c.showOpenDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public Path chooseSave(Path initialDir, String suggestedName, String description, String extension) {
                FileChooser c = chooser(initialDir, description, "*" + extension);
                c.setInitialFileName(suggestedName);
                File f = c.showSaveDialog(owner);
                if (f == null) return null;
                Path p = f.toPath();
                return p.getFileName().toString().endsWith(extension) ? p : p.resolveSibling(p.getFileName() + extension);
            }

            @Override
            public Path chooseModel(Path initialDir) {
                FileChooser c = chooser(initialDir, "Trained models (DL4J zip, Keras .h5)", "*.zip");
                c.getExtensionFilters().setAll(new FileChooser.ExtensionFilter("Trained models (DL4J zip, Keras .h5)", "*.zip", "*.h5", "*.hdf5"));
                File f = c.showOpenDialog(owner);
                return f == null ? null : f.toPath();
            }

            @Override
            public Path chooseData(Path initialDir, boolean folder) {
                if (folder) {
                    javafx.stage.DirectoryChooser d = new javafx.stage.DirectoryChooser();
                    d.setTitle("Choose a folder with one subfolder per class");
                    if (initialDir != null && initialDir.toFile().isDirectory()) d.setInitialDirectory(initialDir.toFile());
                    File f = d.showDialog(owner);
                    return f == null ? null : f.toPath();
                }
                FileChooser c = chooser(initialDir, "Data files (CSV, IDX)", "*.csv");
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
                File f = c.showOpenDialog(owner);
                return f == null ? null : f.toPath();
            }

            private FileChooser chooser(Path dir, String description, String pattern) {
                FileChooser c = new FileChooser();
                c.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
                if (dir != null && dir.toFile().isDirectory()) c.setInitialDirectory(dir.toFile());
                return c;
            }
        };
    }
}
