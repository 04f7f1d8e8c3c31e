package org.layerlab.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The graph module is the document every other part reads: no UI, no DL4J. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.layerlab.graph");

    @Test
    void graphDependsOnNeitherJavaFxNorDl4j() {
        noClasses().that().resideInAPackage("org.layerlab.graph..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..",
                        "org.deeplearning4j..", "org.nd4j..")
                .check(classes);
    }

    @Test
    void graphDependsOnlyOnTheJdkAndJackson() {
        noClasses().that().resideInAPackage("org.layerlab.graph..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.layerlab.graph..", "java..",
                        "com.fasterxml.jackson..")
                .check(classes);
    }
}
