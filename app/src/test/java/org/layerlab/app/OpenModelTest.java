package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.Examples;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.trainer.compile.GraphCompiler;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Open Model…: a trained LeNet zip opens as an unsaved project with LeNet's layers and shapes,
 * naming the zip as its weights; a file that is not a model is refused in a dialog and the project
 * that was open stays.
 */
@ExtendWith(ApplicationExtension.class)
class OpenModelTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;
    private final MainWindowTest.ScriptedDialogs dialogs = new MainWindowTest.ScriptedDialogs();

    @Start
    void start(Stage stage) {
        window = new MainWindow(dialogs, new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    private void openModel(FxRobot robot) {
        MenuBar bar = (MenuBar) scene.lookup("#menu-bar");
        MenuItem item = bar.getMenus().get(0).getItems().stream().filter(i -> "Open Model…".equals(i.getText())).findFirst().orElseThrow();
        robot.interact(item::fire);
    }

    @Test
    void aTrainedModelOpensAsAnUnsavedProjectWithItsWeights(FxRobot robot) throws Exception {
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(Examples.lenet(), TrainingSettings.defaults()).conf());
        net.init();
        Path zip = tmp.resolve("lenet-trained.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);

        dialogs.files.add(zip);
        openModel(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.project().project().name().equals("lenet-trained"));
        WaitForAsyncUtils.waitForFxEvents();
        var p = window.project().project();
        assertThat(p.graph().nodes()).hasSize(Examples.lenet().nodes().size());
        assertThat(p.graph().node("in").spec()).isEqualTo(InputSpec.image(28, 28, 1));
        assertThat(window.project().weights()).isEqualTo(zip.toAbsolutePath());
        assertThat(window.project().isDirty()).as("new work, not on disk yet").isTrue();
        assertThat(window.statusMessage()).startsWith("Opened the model lenet-trained.zip (8 layers); runs start from its weights.");
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(scene, "open-model-" + theme.name().toLowerCase());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));

        // a Keras file: converted once beside it, and the project names the converted weights
        Path h5 = Files.copy(Path.of("../trainer/src/test/resources/keras/functional.h5"), tmp.resolve("branches.h5"));
        dialogs.files.add(h5);
        dialogs.unsaved.add(Dialogs.Unsaved.DISCARD); // the LeNet project is unsaved: opening another asks first
        openModel(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.project().project().name().equals("branches"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.project().project().graph().node("both").spec()).isEqualTo(new org.layerlab.graph.spec.ConcatSpec());
        assertThat(window.project().weights()).isEqualTo(tmp.resolve("branches-dl4j.zip").toAbsolutePath());
        assertThat(window.statusMessage()).contains("became an Output with categorical cross-entropy");
        Snapshots.write(scene, "open-keras-model");

        // not a model: refused in a dialog, the open project untouched
        Path text = Files.writeString(tmp.resolve("notes.zip"), "hello");
        dialogs.files.add(text);
        openModel(robot);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !dialogs.errors.isEmpty());
        assertThat(dialogs.errors).singleElement().asString().contains("Cannot open notes.zip").contains("not a zip archive");
        assertThat(window.project().project().name()).isEqualTo("branches");
    }

    @Test
    void aModelFineTunesWithTheLayersTickedOnTheTrainTabKeptUnchanged(FxRobot robot) throws Exception {
        var spiral = org.layerlab.samples.StarterSamples.byId("spiral").project();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(spiral.graph(), spiral.training()).conf());
        net.init();
        Path zip = tmp.resolve("spiral-trained.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        dialogs.files.add(zip);
        openModel(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.project().project().name().equals("spiral-trained"));
        robot.interact(() -> window.project().setDataset(spiral.dataset()));
        robot.interact(() -> window.selectTab("Train"));

        javafx.scene.control.MenuButton freeze = robot.lookup("#train-freeze").queryAs(javafx.scene.control.MenuButton.class);
        assertThat(freeze.getText()).isEqualTo("None — every layer trains");
        robot.clickOn(freeze);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(freeze.getItems()).extracting(MenuItem::getText).as("layers between the Input and the Output").containsExactly("h1", "h2");
        robot.interact(() -> {
            var h1 = (javafx.scene.control.CheckMenuItem) freeze.getItems().get(0);
            h1.setSelected(true);
            h1.fire();
            freeze.hide();
        });
        assertThat(window.project().frozen()).containsExactly("h1");
        long h1Params = 2 * 32 + 32; // the spiral sample's first layer: 2 inputs, 32 units
        long total = org.layerlab.graph.shape.ShapeInference.analyze(spiral.graph()).totalParams();
        assertThat(freeze.getText()).isEqualTo(String.format(java.util.Locale.ROOT, "h1 — %,d of %,d parameters train", total - h1Params, total));
        assertThat(org.layerlab.graph.project.ProjectFiles.toJson(window.project().project())).contains("\"frozen\" : [ \"h1\" ]");
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(scene, "train-freeze-" + theme.name().toLowerCase());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));

        robot.interact(() -> window.training().startRun());
        var session = window.training().session();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.current() != null && session.current().run.state().isOver());
        var run = session.current().run;
        assertThat(run.state()).as(run.failure()).isEqualTo(org.layerlab.trainer.run.RunState.FINISHED);
        assertThat((boolean) run.inspect(n -> n.getParam("h1_W").equalsWithEps(net.getParam("h1_W"), 0))).as("frozen h1 kept the model's weights").isTrue();
        assertThat((boolean) run.inspect(n -> n.getParam("h2_W").equalsWithEps(net.getParam("h2_W"), 0))).as("h2 trained (the control)").isFalse();
        robot.interact(session::shutdown);
    }

    @Test
    void aLayerLayerLabHasNoSpecForOpensAsAKeptDl4jLayer(FxRobot robot) throws Exception {
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(5).graphBuilder().addInputs("in")
                .addLayer("depthwise", new org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "in")
                .addLayer("pool", new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "depthwise")
                .addLayer("out", new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(28, 28, 1)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Path zip = tmp.resolve("depthwise.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        dialogs.files.add(zip);
        openModel(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.project().project().name().equals("depthwise"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.project().project().graph().node("depthwise").spec()).isInstanceOf(org.layerlab.graph.spec.OpaqueSpec.class);
        assertThat(window.statusMessage()).contains("'depthwise' is kept as the DL4J layer it is");
        robot.interact(() -> window.editor().editor().select("depthwise"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#inspector").queryAs(javafx.scene.layout.Region.class).lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).filter(t -> t != null && t.contains("kept exactly as the opened model had it")))
                .isNotEmpty();
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            WaitForAsyncUtils.waitForFxEvents();
            Snapshots.write(scene, "open-model-kept-layer-" + theme.name().toLowerCase());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));
    }
}
