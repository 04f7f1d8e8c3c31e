package org.layerlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;

/**
 * Gradient sharing over Aeron on the loopback interface, opt in (it needs UDP ports and a media
 * driver): {@code ./mvnw -pl cluster test -Dcluster.excluded= -Dtest=GradientSharingTest}.
 */
@Tag("gradient-sharing")
class GradientSharingTest {
    @TempDir
    Path dir;

    @Test
    void theMnistMlpLearnsWithSharedGradientsOnLocalSpark() throws Exception {
        Project p = SparkTrainingTest.mnistSubset();
        p = p.withDataset(new DatasetRef("mnist", Map.of("limit", "3000")));
        Path file = dir.resolve("mnist.layerlab");
        ProjectFiles.write(file, p);
        var r = SparkTrainingTest.cli("train", file.toString(), "--spark", "local[2]", "--gradient-sharing", "--epochs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("test: loss [0-9.]+, accuracy ([0-9.]+) %").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(r.out()).isGreaterThan(80.0);
    }
}
