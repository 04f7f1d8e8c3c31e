package org.layerlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One DL4J on the classpath: every Deeplearning4j, ND4J and DataVec jar is the core's 1.0.0-M2.1,
 * except DL4J's Spark modules and their Scala-suffixed helpers, which are served for 1.0.0-M2 only.
 * A second version of a DL4J class would load whichever comes first.
 */
class DependencyVersionsTest {
    private static final Set<String> SPARK_MODULES = Set.of("dl4j-spark3_2.12", "nd4j-kryo_2.12", "datavec-spark3_2.12",
            "dl4j-spark-parameterserver_2.12", "nd4j-parameter-server-node_2.12");

    @Test
    void everyDl4jJarIsTheCoreVersionButTheSparkModules() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String p = entry.replace('\\', '/');
            if (p.contains("/org/deeplearning4j/") || p.contains("/org/nd4j/") || p.contains("/org/datavec/")) jars.add(p);
        }
        assertThat(jars).as("DL4J jars on the test classpath").isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (String p : jars) {
            String[] parts = p.split("/");
            String version = parts[parts.length - 2], artifact = parts[parts.length - 3];
            boolean spark = SPARK_MODULES.contains(artifact);
            if (spark ? !version.equals("1.0.0-M2") : !version.equals("1.0.0-M2.1")) wrong.add(artifact + ":" + version);
        }
        assertThat(wrong).as("artifacts off the core's 1.0.0-M2.1 (the Spark modules must be 1.0.0-M2)").isEmpty();
        assertThat(jars).anyMatch(p -> p.contains("/dl4j-spark3_2.12/1.0.0-M2/"));
    }
}
