package org.layerlab.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.Examples;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files are data: a saved model opens; zips with paths, foreign entries or bombs are refused
 * with the entry named — and a Java object hidden in one is never deserialized, which DL4J's own
 * reader would do (the control).
 */
class ModelFilesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Set when an instance is deserialized: the harm a hostile model file could do, made visible. */
    static final class Tripwire implements Serializable {
        static volatile boolean tripped;

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            tripped = true;
        }
    }

    private static Path saved() throws Exception {
        TrainingSettings s = TrainingSettings.defaults();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(Examples.spiralMlp(), s).conf());
        net.init();
        Path zip = dir.resolve("model-" + System.nanoTime() + ".zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        return zip;
    }

    /** A copy of {@code zip} with extra entries. */
    private static Path with(Path zip, Map<String, byte[]> extra) throws Exception {
        Path out = dir.resolve("tampered-" + System.nanoTime() + ".zip");
        try (ZipFile in = new ZipFile(zip.toFile()); ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : java.util.Collections.list(in.entries())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(in.getInputStream(e).readAllBytes());
                z.closeEntry();
            }
            for (var e : extra.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out;
    }

    @Test
    void aSavedModelOpensWithItsWeights() throws Exception {
        Path zip = saved();
        ComputationGraph original = ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        ComputationGraph read = ModelFiles.readGraph(zip);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 2);
        assertThat(read.outputSingle(x)).isEqualTo(original.outputSingle(x));
    }

    @Test
    void aHiddenJavaObjectIsRefusedAndNeverDeserialized() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new Tripwire());
        }
        Path hostile = with(saved(), Map.of("preprocessor.bin", bytes.toByteArray()));
        Tripwire.tripped = false;
        assertThatThrownBy(() -> ModelFiles.readGraph(hostile)).hasMessageContaining(hostile.toString())
                .hasMessageContaining("holds 'preprocessor.bin', which is not part of a DL4J model");
        assertThat(Tripwire.tripped).as("nothing was deserialized").isFalse();
        // the control: DL4J's own reader does deserialize it — the threat the check exists for is real
        try {
            ModelSerializer.restoreComputationGraph(hostile.toFile(), false);
        } catch (Exception ignored) {
            // it may fail after deserializing (the object is not a preprocessor)
        }
        assertThat(Tripwire.tripped).as("DL4J alone deserializes the entry").isTrue();
    }

    @Test
    void pathsForeignEntriesMissingPartsAndNonZipsAreRefusedByName() throws Exception {
        Path model = saved();
        assertThatThrownBy(() -> ModelFiles.check(with(model, Map.of("../../evil.sh", new byte[] {1}))))
                .hasMessageContaining("holds an entry with a path ('../../evil.sh')");
        assertThatThrownBy(() -> ModelFiles.check(with(model, Map.of("notes.txt", new byte[] {1}))))
                .hasMessageContaining("holds 'notes.txt'");
        Path onlyConfig = dir.resolve("config-only.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(onlyConfig))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{}".getBytes());
        }
        assertThatThrownBy(() -> ModelFiles.check(onlyConfig)).hasMessageContaining("lacks coefficients.bin (the weights)");
        Path text = Files.writeString(dir.resolve("not-a-zip.zip"), "hello");
        assertThatThrownBy(() -> ModelFiles.check(text)).hasMessageContaining("not a zip archive");
        assertThatThrownBy(() -> ModelFiles.check(dir.resolve("missing.zip"))).hasMessageContaining("does not exist");
        // a zip bomb: a small packed entry that unpacks to far more than the limit (lowered here: 4 GB of zeros takes a while to write)
        Path bomb = dir.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("configuration.json"));
            z.write("{}".getBytes());
            z.closeEntry();
            z.putNextEntry(new ZipEntry("coefficients.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.write(zeros);
            z.closeEntry();
        }
        assertThatThrownBy(() -> ModelFiles.check(bomb, 16 << 20)).hasMessageContaining("unpacks to 67108864 bytes").hasMessageContaining("zip bomb");
    }
}
