package org.layerlab.app.learn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonFiles;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.graph.project.ProjectFormatException;
import org.layerlab.samples.BuiltInLessons;

/**
 * The Learn tab: the lessons by chapter with a done mark, the chosen lesson's text beside its
 * experiment (checks and live charts, {@link LessonRaceView}), a classroom mode (larger type, the
 * list hidden) and the student's result export. A teacher's lesson folder opens with
 * {@link #open(Path)}. FX thread.
 */
public final class LearnWorkspace extends BorderPane {
    /** A lesson in the list: where it comes from and what it says. */
    record Entry(LessonSource source, Lesson lesson) {}

    private final ListView<Entry> list = new ListView<>();
    private final Label title = new Label();
    private final Label question = new Label();
    private final Label text = new Label();
    private final LessonProgress progress;
    private final LessonRaceView race;
    private final CheckBox classroom = new CheckBox("Classroom mode");
    private final Button export = new Button("Export result…");
    private final Consumer<String> onError;

    /**
     * @param progressFile where done marks are kept (null: this session only)
     * @param exportTo asked for a PNG file to export the student's result to (null: cancelled)
     * @param onError shows a message (a lesson folder that cannot be read)
     */
    public LearnWorkspace(Path progressFile, java.util.function.Supplier<Path> exportTo, Consumer<String> onError) {
        this.progress = new LessonProgress(progressFile);
        this.onError = onError;
        this.race = new LessonRaceView(id -> {
            progress.markDone(id);
            list.refresh();
        });
        setId("learn");
        getStyleClass().add("learn");
        List<Entry> entries = new ArrayList<>();
        for (LessonSource s : BuiltInLessons.all()) {
            try {
                entries.add(new Entry(s, LessonFiles.load(s)));
            } catch (ProjectFormatException e) {
                onError.accept(e.getMessage()); // a built-in lesson that does not load is a bug the tests catch
            }
        }
        list.getItems().setAll(entries);
        list.setId("lesson-list");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Entry e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                    setText(null);
                    return;
                }
                Lesson l = e.lesson();
                // long titles wrap inside the list's width instead of scrolling it sideways
                setWrapText(true);
                setPrefWidth(0);
                setText((progress.isDone(l.id()) ? "✔ " : "    ") + l.chapter() + " · " + l.number() + "  " + l.title());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) show(b);
        });
        list.setPrefWidth(340);
        list.setMinWidth(220);

        title.getStyleClass().add("learn-title");
        title.setWrapText(true);
        question.getStyleClass().add("learn-question");
        question.setWrapText(true);
        text.getStyleClass().add("learn-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        VBox reading = new VBox(10, title, question, text);
        reading.setPadding(new Insets(12));
        ScrollPane readingScroll = new ScrollPane(reading);
        readingScroll.setFitToWidth(true);
        readingScroll.setPrefWidth(380);
        readingScroll.getStyleClass().add("learn-reading");

        VBox experiment = new VBox(8, race);
        experiment.setPadding(new Insets(8));
        VBox.setVgrow(race, Priority.ALWAYS);
        BorderPane center = new BorderPane(experiment);
        center.setLeft(readingScroll);

        classroom.setId("classroom-mode");
        classroom.setOnAction(e -> setClassroom(classroom.isSelected()));
        export.setId("lesson-export");
        export.setOnAction(e -> {
            Path p = exportTo.get();
            if (p != null) exportResult(p);
        });
        ToolBar bar = new ToolBar(classroom, export);
        setTop(bar);
        setLeft(list);
        setCenter(center);
        if (!entries.isEmpty()) list.getSelectionModel().select(0);
    }

    /** Classroom mode: larger type for a projector, and only the lesson (the list hidden). */
    public void setClassroom(boolean on) {
        classroom.setSelected(on);
        if (on && !getStyleClass().contains("classroom")) getStyleClass().add("classroom");
        if (!on) getStyleClass().remove("classroom");
        setLeft(on ? null : list);
    }

    /** Opens a teacher's lesson folder: added to the list and shown; false (with the reason shown) if it is malformed. */
    public boolean open(Path folder) {
        LessonSource src = LessonSource.folder(folder);
        try {
            Entry e = new Entry(src, LessonFiles.load(src));
            list.getItems().add(e);
            list.getSelectionModel().select(e);
            return true;
        } catch (ProjectFormatException ex) {
            onError.accept(ex.getMessage());
            return false;
        }
    }

    /** Selects the lesson with this number (tests, the command line). */
    public void select(int number) {
        list.getItems().stream().filter(e -> e.lesson().number() == number).findFirst().ifPresent(e -> list.getSelectionModel().select(e));
    }

    LessonRaceView race() {
        return race;
    }

    private void show(Entry e) {
        Lesson l = e.lesson();
        title.setText(l.number() + ". " + l.title());
        question.setText(l.question());
        text.setText(MarkdownText.plain(l.text(), l.title()));
        race.show(l, e.source());
    }

    /** The charts and checks as a PNG, and the checks as text beside it (same name, .txt). */
    private void exportResult(Path png) {
        try {
            javafx.scene.image.WritableImage img = snapshot(null, null);
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png", png.toFile());
            Path txt = png.resolveSibling(png.getFileName().toString().replaceFirst("\\.png$", "") + ".txt");
            java.nio.file.Files.writeString(txt, race.checksText(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException ex) {
            onError.accept("Cannot export the result to " + png + ": " + ex.getMessage());
        }
    }

    public void shutdown() {
        race.shutdown();
    }
}
