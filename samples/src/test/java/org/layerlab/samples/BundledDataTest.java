package org.layerlab.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.trainer.data.DataInfo;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.LoadedData;

/** The bundled sets load offline with their published counts; MNIST's decoder is checked by its mean pixel. */
class BundledDataTest {

    private static LoadedData load(String name) {
        return Datasets.load(DatasetRef.of(name), BundledData::open, null);
    }

    /** In double precision: a float sum over 47 million pixels drifts by 1 % (measured). */
    private static double mean(LoadedData d) {
        return d.train().features().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }

    @Test
    void mnistHasItsCountsAndMeanPixel() {
        LoadedData d = load("mnist");
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.train().features().shape()).containsExactly(60_000, 1, 28, 28);
        assertThat(mean(d)).isCloseTo(0.1307, within(0.0005));
        // every example has exactly one label, and all ten digits occur
        assertThat(d.train().labels().sumNumber().intValue()).isEqualTo(60_000);
        assertThat(d.train().labels().sum(0).minNumber().intValue()).isGreaterThan(5000);
        assertThat(d.info().classNames()).hasSize(10);
    }

    @Test
    void fashionMnistIsTheFullSet() {
        LoadedData d = load("fashion-mnist");
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(mean(d)).isCloseTo(0.286, within(0.001));
        assertThat(d.info().classNames()).contains("Ankle boot");
    }

    @Test
    void smallTablesHaveTheirPublishedSizes() {
        assertThat(load("digits").train().size()).isEqualTo(1797);
        assertThat(load("digits").info().example().height()).isEqualTo(8);
        LoadedData iris = load("iris");
        assertThat(iris.train().size()).isEqualTo(150);
        assertThat(iris.info().classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(iris.train().labels().sum(0).toIntVector()).containsExactly(50, 50, 50);
        assertThat(load("wine").train().size()).isEqualTo(178);
        assertThat(load("wine").info().example().lastDim()).isEqualTo(13);
        assertThat(load("breast-cancer").train().size()).isEqualTo(569);
        assertThat(load("breast-cancer").info().example().lastDim()).isEqualTo(30);
    }

    @Test
    void textAndSeriesLoad() {
        LoadedData moby = Datasets.load(new DatasetRef("moby-dick", Map.of("length", "40", "size", "100")), BundledData::open, null);
        assertThat(moby.info().kind()).isEqualTo(DataInfo.Kind.TEXT);
        assertThat(moby.info().classNames()).hasSize(StarterSamples.MOBY_DICK_VOCABULARY);
        assertThat(moby.train().features().shape()).containsExactly(100, StarterSamples.MOBY_DICK_VOCABULARY, 40);
        LoadedData sun = load("sunspots");
        assertThat(sun.train().size() + sun.test().size()).isEqualTo(309 - 12);
        assertThat(load("nile").train().size() + load("nile").test().size()).isEqualTo(100 - 8);
    }

    @Test
    void noticeNamesEverySetAndLicence() {
        String notice = BundledData.notice();
        for (String s : new String[] {"MNIST", "Fashion-MNIST", "Iris", "Wine", "Breast Cancer", "Moby-Dick", "sunspot", "Nile", "CC BY-SA 3.0", "MIT", "CC BY 4.0", "CC0"}) {
            assertThat(notice).contains(s);
        }
    }
}
