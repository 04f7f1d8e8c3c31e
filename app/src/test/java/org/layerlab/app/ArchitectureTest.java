package org.layerlab.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The arrows of shared/ARCHITECTURE.md, checked on every module's classes. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.layerlab");

    @Test
    void graphAndTrainerHaveNoJavaFx() {
        noClasses().that().resideInAnyPackage("org.layerlab.graph..", "org.layerlab.trainer..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void uiModulesAndGraphHaveNoDl4j() {
        noClasses().that().resideInAnyPackage("org.layerlab.graph..", "org.layerlab.canvas..", "org.layerlab.charts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(classes);
    }

    @Test
    void lowerModulesDoNotReachUp() {
        noClasses().that().resideInAnyPackage("org.layerlab.graph..", "org.layerlab.trainer..", "org.layerlab.canvas..",
                        "org.layerlab.charts..", "org.layerlab.samples..")
                .should().dependOnClassesThat().resideInAPackage("org.layerlab.app..")
                .check(classes);
    }

    @Test
    void theCommandLineHasNoJavaFx() {
        // `layerlab train` and friends run on servers and in CI without a display
        noClasses().that().resideInAPackage("org.layerlab.app.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void featuresDoNotReachIntoTheWindow() {
        // app is organized by feature (design window, project, data, train, learn, cli): the window assembles them, not the reverse
        noClasses().that().resideInAnyPackage("org.layerlab.app.project..", "org.layerlab.app.data..", "org.layerlab.app.train..",
                        "org.layerlab.app.learn..", "org.layerlab.app.cli..")
                .should().dependOnClassesThat().haveSimpleName("MainWindow").orShould().dependOnClassesThat().haveSimpleName("LayerLabApp")
                .check(classes);
    }

    @Test
    void userFilesAreNeverJavaDeserialized() {
        // model zips go through ModelFiles, which refuses the entries DL4J would deserialize; nothing else reads objects
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream").check(classes);
        noClasses().that().resideOutsideOfPackage("org.layerlab.trainer.model..")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a ModelSerializer.restore… method",
                        call -> call.getTargetOwner().getFullName().equals("org.deeplearning4j.util.ModelSerializer")
                                && call.getName().startsWith("restore")))
                .check(classes);
    }
}
