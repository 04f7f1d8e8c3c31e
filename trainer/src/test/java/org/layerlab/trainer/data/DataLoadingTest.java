package org.layerlab.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.project.DatasetRef;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The user's own files: what loads, and that a bad file names the file, the line and the fix. */
class DataLoadingTest {
    @TempDir
    Path dir;

    private LoadedData csv(String text, Map<String, String> options) throws Exception {
        Files.writeString(dir.resolve("data.csv"), text);
        java.util.TreeMap<String, String> o = new java.util.TreeMap<>(options);
        o.put("path", "data.csv");
        return Datasets.load(new DatasetRef("csv", o), DataFiles.none(), dir);
    }

    @Test
    void csvWithHeaderAndTextLabelsIsOneHot() throws Exception {
        LoadedData d = csv("width;height;kind\n1.0;2;cat\n3;4;dog\n5;6;cat\n", Map.of());
        assertThat(d.info().featureNames()).containsExactly("width", "height");
        assertThat(d.info().classNames()).containsExactly("cat", "dog");
        assertThat(d.train().features().toFloatMatrix()).isEqualTo(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(d.train().labels().toFloatMatrix()).isEqualTo(new float[][] {{1, 0}, {0, 1}, {1, 0}});
    }

    @Test
    void csvWithoutHeaderChosenColumnsAndRegression() throws Exception {
        LoadedData d = csv("1,2,3.5\n4,5,6.25\n7,8,9.75\n", Map.of("label", "3", "features", "2", "task", "regression"));
        assertThat(d.info().isClassification()).isFalse();
        assertThat(d.train().features().toFloatMatrix()).isEqualTo(new float[][] {{2}, {5}, {8}});
        assertThat(d.train().labels().toFloatVector()).containsExactly(3.5f, 6.25f, 9.75f);
    }

    @Test
    void badCellsNameFileLineColumnAndFix() throws Exception {
        assertThatThrownBy(() -> csv("a,b,label\n1,2,x\n3,oops,y\n", Map.of()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data.csv, line 3").hasMessageContaining("column 'b'").hasMessageContaining("'oops'")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> csv("a,b,label\n1,2,x\n3,,y\n", Map.of()))
                .hasMessageContaining("line 3").hasMessageContaining("empty");
        assertThatThrownBy(() -> csv("a,b,label\n1,2,x\n3,4,5,y\n", Map.of()))
                .hasMessageContaining("line 3").hasMessageContaining("4 fields but the header has 3");
        assertThatThrownBy(() -> csv("a,b,label\n1,2,x\n", Map.of("label", "colour")))
                .hasMessageContaining("no column 'colour'");
        assertThatThrownBy(() -> csv("a,b,label\n\"1,2,x\n", Map.of()))
                .hasMessageContaining("line 2").hasMessageContaining("quoted field");
        assertThatThrownBy(() -> Datasets.load(new DatasetRef("csv", Map.of("path", "missing.csv")), DataFiles.none(), dir))
                .hasMessageContaining("missing.csv").hasMessageContaining("does not exist");
    }

    @Test
    void imageFolderReadsClassesResizesAndRejectsStrayFiles() throws Exception {
        for (String cls : List.of("circle", "square")) {
            Files.createDirectories(dir.resolve("img").resolve(cls));
            for (int i = 0; i < 3; i++) {
                BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
                img.setRGB(0, 0, cls.equals("circle") ? 0xffffff : 0x000000);
                ImageIO.write(img, "png", dir.resolve("img").resolve(cls).resolve(i + ".png").toFile());
            }
        }
        LoadedData d = Datasets.load(new DatasetRef("images", Map.of("path", "img", "width", "8", "height", "6")), DataFiles.none(), dir);
        assertThat(d.train().features().shape()).containsExactly(6, 1, 6, 8);
        assertThat(d.info().classNames()).containsExactly("circle", "square");
        assertThat(d.info().inputSpec().height()).isEqualTo(6);
        Files.writeString(dir.resolve("img/square/notes.txt"), "hello");
        assertThatThrownBy(() -> Datasets.load(new DatasetRef("images", Map.of("path", "img")), DataFiles.none(), dir))
                .hasMessageContaining("notes.txt").hasMessageContaining("not an image");
        Files.delete(dir.resolve("img/square/notes.txt"));
        Files.write(dir.resolve("img/square/broken.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Datasets.load(new DatasetRef("images", Map.of("path", "img")), DataFiles.none(), dir))
                .hasMessageContaining("broken.png").hasMessageContaining("is not an image LayerLab can read");
    }

    private static byte[] idx(int magic, int[] dims, int values) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) d.writeInt(x);
        for (int i = 0; i < values; i++) d.writeByte(i % 3);
        return b.toByteArray();
    }

    @Test
    void idxFilesRoundTripAndTruncationIsReported() throws Exception {
        Files.write(dir.resolve("img.idx"), idx(0x803, new int[] {4, 2, 2}, 16));
        Files.write(dir.resolve("lab.idx"), idx(0x801, new int[] {4}, 4));
        LoadedData d = Datasets.load(new DatasetRef("idx", Map.of("images", "img.idx", "labels", "lab.idx")), DataFiles.none(), dir);
        assertThat(d.train().features().shape()).containsExactly(4, 1, 2, 2);
        assertThat(d.train().features().getFloat(0, 0, 0, 1)).isCloseTo(1 / 255f, within(1e-7f));
        assertThat(d.info().classNames()).containsExactly("0", "1", "2");
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream(idx(0x803, new int[] {4, 2, 2}, 10)), "short.idx"))
                .hasMessageContaining("short.idx, line 3").hasMessageContaining("truncated");
        assertThatThrownBy(() -> Idx.read(new ByteArrayInputStream("hello world".getBytes()), "a.txt"))
                .hasMessageContaining("a.txt").hasMessageContaining("not an IDX file");
        Files.write(dir.resolve("lab5.idx"), idx(0x801, new int[] {5}, 5));
        assertThatThrownBy(() -> Datasets.load(new DatasetRef("idx", Map.of("images", "img.idx", "labels", "lab5.idx")), DataFiles.none(), dir))
                .hasMessageContaining("5 labels but").hasMessageContaining("4 images");
    }

    @Test
    void generatorsAreSeededAndShaped() {
        for (String name : List.of("xor", "circles", "moons", "spiral", "blobs", "checkerboard", "sine", "cubic", "plane",
                "noisy-sine", "remember", "copy", "reverse")) {
            LoadedData a = Datasets.load(DatasetRef.of(name), DataFiles.none(), null);
            LoadedData b = Datasets.load(DatasetRef.of(name), DataFiles.none(), null);
            assertThat(a.train().features()).as(name).isEqualTo(b.train().features());
            assertThat(a.train().size()).as(name).isGreaterThan(50);
            assertThat(a.train().features().length() / a.train().size()).as(name).isEqualTo(a.info().example().size());
        }
        LoadedData spiral5 = Datasets.load(new DatasetRef("spiral", Map.of("arms", "5")), DataFiles.none(), null);
        assertThat(spiral5.info().classNames()).hasSize(5);
        assertThatThrownBy(() -> Datasets.load(new DatasetRef("spiral", Map.of("arms", "9")), DataFiles.none(), null))
                .hasMessageContaining("arms=9").hasMessageContaining("2 to 5");
        // reverse: the label at output step t is the input token at step 2k-1-t
        LoadedData rev = Datasets.load(new DatasetRef("reverse", Map.of("k", "3", "size", "4")), DataFiles.none(), null);
        INDArray x = rev.train().features().argMax(1);
        INDArray y = rev.train().labels().argMax(1);
        for (int t = 3; t < 6; t++) assertThat(y.getInt(0, t)).isEqualTo(x.getInt(0, 5 - t));
    }

    @Test
    void normalizerIsFittedOnTheTrainingSplitOnly() {
        LoadedData d = Datasets.load(new DatasetRef("plane", Map.of("size", "200")), DataFiles.none(), null);
        var settings = org.layerlab.graph.project.TrainingSettings.defaults(); // 10 % validation
        Prepared p = Prepared.of(d, settings, new DatasetRef("plane", Map.of("normalize", "standardize")));
        // the training part is exactly standardized; validation uses the training mean/std, so it is only close
        assertThat(p.train().features().mean(0).toDoubleVector()).containsExactly(new double[] {0, 0}, within(1e-5));
        assertThat(p.train().features().std(false, 0).toDoubleVector()).containsExactly(new double[] {1, 1}, within(1e-4));
        double valMean = p.validation().features().mean(0).getDouble(0);
        assertThat(Math.abs(valMean)).isGreaterThan(1e-4);
        assertThat(p.train().size() + p.validation().size()).isEqualTo(200);
        Prepared mm = Prepared.of(d, settings, new DatasetRef("plane", Map.of("normalize", "minmax")));
        assertThat(mm.train().features().minNumber().doubleValue()).isCloseTo(0, within(1e-6));
        assertThat(mm.train().features().maxNumber().doubleValue()).isCloseTo(1, within(1e-6));
        assertThatThrownBy(() -> Normalizer.mode("zscore")).hasMessageContaining("standardize");
        // a test split for sets without one: held out before validation, never seen by the normalizer
        LoadedData withTest = Datasets.load(new DatasetRef("plane", Map.of("size", "200", "test", "0.25")), DataFiles.none(), null);
        assertThat(withTest.train().size()).isEqualTo(150);
        assertThat(withTest.test().size()).isEqualTo(50);
        Prepared three = Prepared.of(withTest, settings, new DatasetRef("plane", Map.of("normalize", "standardize")));
        assertThat(three.train().size() + three.validation().size() + three.test().size()).isEqualTo(200);
    }

    @Test
    void augmentationChangesTrainingBatchesOnly() {
        INDArray img = Nd4j.zeros(1, 1, 5, 5);
        img.putScalar(new long[] {0, 0, 2, 2}, 1f);
        DataSet batch = new DataSet(img, Nd4j.ones(1, 1));
        DataSet shifted = new Augmentation(1, 0, 0, false).apply(batch, new Random(3));
        // one bright pixel, moved by at most one step in each direction, labels untouched
        assertThat(shifted.getFeatures().sumNumber().floatValue()).isEqualTo(1f);
        int at = shifted.getFeatures().reshape(25).argMax().getInt(0);
        assertThat(Math.abs(at / 5 - 2)).isLessThanOrEqualTo(1);
        assertThat(Math.abs(at % 5 - 2)).isLessThanOrEqualTo(1);
        assertThat(shifted.getLabels()).isEqualTo(batch.getLabels());
        DataSet rotated = new Augmentation(0, 90, 0, false).apply(batch, new Random(1));
        assertThat(rotated.getFeatures().getFloat(0, 0, 2, 2)).isEqualTo(1f); // the centre stays
        LoadedData d = Datasets.load(DatasetRef.of("xor"), DataFiles.none(), null);
        Prepared p = Prepared.of(d, org.layerlab.graph.project.TrainingSettings.defaults(), new DatasetRef("xor", Map.of("augment.noise", "0.1")));
        DataSet first = p.train().batches(8).get(0);
        assertThat(p.batchTransform(1).apply(first).getFeatures()).isNotEqualTo(first.getFeatures());
        assertThat(p.validation().features()).isEqualTo(Prepared.of(d, org.layerlab.graph.project.TrainingSettings.defaults(), DatasetRef.of("xor")).validation().features());
    }
}
