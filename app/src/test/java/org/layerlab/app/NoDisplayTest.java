package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A window start with no screen to show it on: one plain sentence and exit 1, not JavaFX's stack trace or its class-path warning. */
class NoDisplayTest {
    @TempDir
    Path home;

    @Test
    void aWindowStartWithoutADisplaySaysSoInPlainWords() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dglass.platform=gtk", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName()).redirectErrorStream(true);
        pb.environment().put("DISPLAY", ":97"); // no X server listens there
        pb.environment().put("LAYERLAB_HOME", home.toString());
        pb.environment().remove("WAYLAND_DISPLAY");
        Process child = pb.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("LayerLab could not open its window: the display :97 cannot be reached")
                .contains("LayerLab --help").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("Unsupported JavaFX configuration"); // JavaFX's class-path warning, quieted on purpose
        try (var files = Files.list(home)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".layerlab"))).as("nothing written as a project").isEmpty();
        }
    }

    @Test
    void theMessageNamesAnUnsetDisplay() {
        assertThat(Launcher.noDisplay(null)).contains("no display is set");
        assertThat(Launcher.noDisplay(" ")).contains("no display is set");
        assertThat(Launcher.noDisplay(":0")).contains("the display :0 cannot be reached");
    }
}
