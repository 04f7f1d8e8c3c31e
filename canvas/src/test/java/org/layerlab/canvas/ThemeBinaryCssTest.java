package org.layerlab.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The theme's binary CSS, which JavaFX loads instead of the text when it sits beside it, says what the text
 * says: the build makes it from the text (canvas/pom.xml); a stale or missing one would show an old look.
 */
class ThemeBinaryCssTest {
    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Theme.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " beside the theme").isNotNull();
            return in.readAllBytes();
        }
    }

    /** The binary JavaFX makes of this stylesheet text. */
    private byte[] binaryOf(String css) throws IOException {
        Path source = Files.writeString(dir.resolve("theme.css"), css);
        Path target = dir.resolve("theme.bss");
        Stylesheet.convertToBinary(source.toFile(), target.toFile());
        return Files.readAllBytes(target);
    }

    private static String text() throws IOException {
        return new String(resource("layerlab-theme.css"), StandardCharsets.UTF_8);
    }

    @Test
    void theShippedBinaryIsTheThemeTextConverted() throws IOException {
        byte[] shipped = resource("layerlab-theme.bss");
        assertThat(Stylesheet.loadBinary(Theme.class.getResource("layerlab-theme.bss")).getRules()).hasSizeGreaterThan(50);
        assertThat(shipped).isEqualTo(binaryOf(text()));
    }

    @Test
    void negativeControlAnEditedThemeNoLongerMatchesTheShippedBinary() throws IOException {
        // one changed size must be told apart, or the comparison above proves nothing
        String edited = text().replaceFirst("-fx-font-size: 13px", "-fx-font-size: 14px");
        assertThat(edited).isNotEqualTo(text());
        assertThat(resource("layerlab-theme.bss")).isNotEqualTo(binaryOf(edited));
    }
}
