package org.layerlab.trainer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.shape.TensorShape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Resolves a project's {@link DatasetRef} to data: synthetic generators, the bundled real sets (read
 * through {@link DataFiles}, never downloaded) and the user's own files (CSV, image folder, IDX).
 * Common options: {@code limit} (at most this many training examples, a seeded subset), {@code test}
 * (hold out this fraction as the test set when the set has none). Any thread.
 */
public final class Datasets {
    private Datasets() {}

    /** One choosable data set. {@code group} is Synthetic, Bundled or Your files. */
    public record Entry(String name, String title, String group, String description) {}

    public static final List<Entry> CATALOGUE = List.of(
            new Entry("xor", "XOR", "Synthetic", "four noisy corners, two classes (options: copies, noise, seed)"),
            new Entry("example", "One example", "Synthetic", "a single point (x1, x2) with target y, to follow one step of training (x1, x2, y)"),
            new Entry("circles", "Circles", "Synthetic", "two concentric rings (size, noise, seed)"),
            new Entry("moons", "Two moons", "Synthetic", "interleaved half circles (size, noise, seed)"),
            new Entry("spiral", "Spiral", "Synthetic", "2 to 5 spiral arms (arms, perArm, noise, seed)"),
            new Entry("blobs", "Gaussian blobs", "Synthetic", "clusters on a circle (centers, size, noise, seed)"),
            new Entry("checkerboard", "Checkerboard", "Synthetic", "colours of a checkerboard (cells, size, noise, seed)"),
            new Entry("sine", "Sine curve", "Synthetic", "regression y = sin x + noise (size, noise, seed)"),
            new Entry("cubic", "Cubic curve", "Synthetic", "regression on a cubic (size, noise, seed)"),
            new Entry("plane", "Plane", "Synthetic", "regression on a plane in 2-D (size, noise, seed)"),
            new Entry("noisy-sine", "Noisy sine waves", "Synthetic", "sequences: predict the next value (size, length, noise, seed)"),
            new Entry("remember", "Remember the first token", "Synthetic", "sequences: recall token 1 after T steps (size, length, vocab, seed)"),
            new Entry("copy", "Copy task", "Synthetic", "sequences: repeat k tokens (size, k, vocab, seed)"),
            new Entry("reverse", "Reverse task", "Synthetic", "sequences: repeat k tokens backwards (size, k, vocab, seed)"),
            new Entry("mnist", "MNIST digits", "Bundled", "60,000 + 10,000 handwritten digits, 28×28"),
            new Entry("fashion-mnist", "Fashion-MNIST", "Bundled", "60,000 + 10,000 clothing images, 28×28"),
            new Entry("digits", "Digits 8×8", "Bundled", "1,797 small handwritten digits"),
            new Entry("iris", "Iris", "Bundled", "150 flowers, 4 measurements, 3 species"),
            new Entry("wine", "Wine", "Bundled", "178 wines, 13 measurements, 3 cultivars"),
            new Entry("breast-cancer", "Breast cancer", "Bundled", "569 biopsies, 30 measurements, 2 diagnoses"),
            new Entry("moby-dick", "Moby-Dick (characters)", "Bundled", "next-character prediction (length, size, seed)"),
            new Entry("sunspots", "Sunspots 1700–2008", "Bundled", "yearly sunspot numbers: predict next year (window)"),
            new Entry("nile", "Nile flow 1871–1970", "Bundled", "yearly river flow: predict next year (window)"),
            new Entry("csv", "CSV file…", "Your files", "path, label, features, header (auto/yes/no), task (auto/classification/regression); for several Inputs or Outputs input.<name>=columns, output.<name>=columns"),
            new Entry("images", "Image folder…", "Your files", "path (one subfolder per class), width, height, grey"),
            new Entry("idx", "IDX files…", "Your files", "images, labels (MNIST format, optionally gzipped)"));

    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static Entry entry(String name) {
        return CATALOGUE.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * Loads the data a reference names.
     * @param files   bundled files (the samples module's resources in the app)
     * @param baseDir relative file paths are resolved against it (the project's folder); may be null
     * @throws IllegalArgumentException (often a {@link DataException}) naming the problem and the fix
     */
    public static LoadedData load(DatasetRef ref, DataFiles files, Path baseDir) {
        DatasetOptions o = new DatasetOptions(ref);
        LoadedData d;
        try {
            d = switch (ref.name()) {
                case "example" -> regression("One example", new Dataset(
                        Nd4j.create(new float[][] {{(float) o.number("x1", 0.5), (float) o.number("x2", -1.0)}}),
                        Nd4j.create(new float[][] {{(float) o.number("y", 1.0)}})), "x1", "x2");
                case "xor" -> points("XOR", Synthetic.xor(o.integer("copies", 50), o.number("noise", 0.05), o.seed()));
                case "circles" -> points("Circles", Synthetic.circles(o.integer("size", 400), o.number("noise", 0.05), o.seed()));
                case "moons" -> points("Two moons", Synthetic.moons(o.integer("size", 400), o.number("noise", 0.1), o.seed()));
                case "spiral" -> points("Spiral", Synthetic.spiral(o.integer("perArm", 100), o.range("arms", 3, 2, 5), o.number("noise", 0.05), o.seed()));
                case "blobs" -> points("Gaussian blobs", Synthetic.blobs(o.integer("size", 400), o.range("centers", 3, 2, 12), o.number("noise", 0.5), o.seed()));
                case "checkerboard" -> points("Checkerboard", Synthetic.checkerboard(o.integer("size", 800), o.range("cells", 4, 2, 16), o.number("noise", 0.0), o.seed()));
                case "sine", "cubic" -> regression(ref.name(), Synthetic.curve(ref.name(), o.integer("size", 400), o.number("noise", 0.1), o.seed()), "x");
                case "plane" -> regression("plane", Synthetic.plane(o.integer("size", 400), o.number("noise", 0.05), o.seed()), "x1", "x2");
                case "noisy-sine" -> Sequences.noisySine(o.integer("size", 1000), o.integer("length", 30), o.number("noise", 0.1), o.seed());
                case "remember" -> Sequences.rememberFirst(o.integer("size", 1000), o.integer("length", 20), o.range("vocab", 4, 2, 64), o.seed());
                case "copy", "reverse" -> Sequences.copyTask(o.integer("size", 1000), o.integer("k", 5), o.range("vocab", 4, 2, 64), ref.name().equals("reverse"), o.seed());
                case "mnist" -> idxPair("MNIST digits", files, "mnist/", digitNames());
                case "fashion-mnist" -> idxPair("Fashion-MNIST", files, "fashion-mnist/", FASHION_CLASSES);
                case "digits" -> digits(files);
                case "iris" -> sklearnCsv("Iris", files, "iris.csv", List.of("sepal length", "sepal width", "petal length", "petal width"));
                case "wine" -> sklearnCsv("Wine", files, "wine_data.csv", List.of());
                case "breast-cancer" -> sklearnCsv("Breast cancer", files, "breast_cancer.csv", List.of());
                case "moby-dick" -> Sequences.charText("Moby-Dick", text(files, "moby-dick.txt.gz"), o.integer("length", 50), o.integer("size", 2000), o.seed());
                case "sunspots" -> Sequences.series("Sunspots", column(files, "sunspots.csv", 1), o.integer("window", 12), 0.2);
                case "nile" -> Sequences.series("Nile flow", column(files, "nile.csv", 1), o.integer("window", 8), 0.2);
                case "csv" -> UserFiles.csv(o, baseDir);
                case "images" -> ImageFolder.load(o.path(baseDir), o.integer("width", 0), o.integer("height", 0),
                        Boolean.parseBoolean(ref.options().getOrDefault("grey", "true")));
                case "idx" -> UserFiles.idx(o, baseDir);
                case "" -> throw new IllegalArgumentException("the project has no dataset; choose one on the Train tab");
                default -> throw new IllegalArgumentException("unknown dataset '" + ref.name() + "'; choose one of "
                        + CATALOGUE.stream().map(Entry::name).toList());
            };
        } catch (IOException e) {
            // the loaders name the file in what they throw; an I/O failure of the disk itself comes here
            throw new IllegalArgumentException("cannot read the data of '" + ref.name() + "'"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; check that the file is readable", e);
        }
        String limit = ref.options().get("limit");
        if (limit != null && !limit.isBlank()) {
            int n = o.integer("limit", d.train().size());
            if (n < d.train().size()) {
                int[] keep = Arrays.copyOf(Dataset.permutation(d.train().size(), o.seed()), n);
                Arrays.sort(keep);
                d = new LoadedData(d.train().rows(keep), d.test(), d.info());
            }
        }
        String testOption = ref.options().get("test");
        if (testOption != null && !testOption.isBlank()) {
            double fraction = o.number("test", 0);
            if (!(fraction > 0 && fraction < 0.9)) throw new IllegalArgumentException("dataset option test=" + testOption + " must be a fraction between 0 and 0.9");
            if (d.test() != null) throw new IllegalArgumentException("'" + ref.name() + "' has its own test set; remove the test option");
            // a seeded split of the examples, before the run splits validation off the rest
            Dataset[] parts = d.train().split(fraction, o.seed() + 7919);
            d = new LoadedData(parts[0], parts[1], d.info());
        }
        String target = ref.options().getOrDefault("target", "labels").trim();
        if (target.equals("input")) {
            // autoencoders: the network rebuilds its input
            Dataset t = d.train();
            java.util.function.Function<Dataset, Dataset> self = x -> x == null ? null
                    : new Dataset(x.features(), x.features().reshape('c', x.size(), x.features().length() / x.size()).dup());
            d = new LoadedData(self.apply(t), self.apply(d.test()), new DataInfo(d.info().title() + " (rebuild the input)",
                    d.info().kind(), d.info().example(), List.of(), d.info().featureNames()));
        } else if (!target.equals("labels")) {
            throw new IllegalArgumentException("dataset option target=" + target + " is not known; use labels or input (autoencoder)");
        }
        return d;
    }

    private static LoadedData points(String title, Dataset d) {
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < d.labels().size(1); i++) classes.add("class " + i);
        return new LoadedData(d, null, new DataInfo(title, DataInfo.Kind.POINTS, TensorShape.vector(2), classes, List.of("x1", "x2")));
    }

    private static LoadedData regression(String title, Dataset d, String... features) {
        return new LoadedData(d, null, new DataInfo(title, features.length == 2 ? DataInfo.Kind.POINTS : DataInfo.Kind.TABLE,
                TensorShape.vector(features.length), List.of(), List.of(features)));
    }

    private static List<String> digitNames() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) out.add(String.valueOf(i));
        return out;
    }

    /** Train and test IDX pairs, pixels scaled to [0, 1]. */
    private static LoadedData idxPair(String title, DataFiles files, String dir, List<String> classes) throws IOException {
        Dataset train = idxImages(files, dir + "train-images-idx3-ubyte.gz", dir + "train-labels-idx1-ubyte.gz", classes.size());
        Dataset test = idxImages(files, dir + "t10k-images-idx3-ubyte.gz", dir + "t10k-labels-idx1-ubyte.gz", classes.size());
        return new LoadedData(train, test, new DataInfo(title, DataInfo.Kind.IMAGES,
                TensorShape.image((int) train.features().size(2), (int) train.features().size(3), 1), classes, List.of()));
    }

    private static Dataset idxImages(DataFiles files, String images, String labels, int classes) throws IOException {
        return idxDataset(Idx.read(files.open(images), images), images, Idx.read(files.open(labels), labels), labels, classes);
    }

    /** Images [n, 1, rows, cols] in [0, 1] and one-hot labels; counts and label range are checked. */
    static Dataset idxDataset(Idx img, String imagesName, Idx lab, String labelsName, int classes) {
        if (img.dims().length != 3) throw new DataException(imagesName, 0, "holds " + img.dims().length + "-D entries; image files are count × rows × cols");
        if (lab.dims().length != 1) throw new DataException(labelsName, 0, "is not a label file (1-D); choose the labels-idx1 file");
        if (img.count() != lab.count()) {
            throw new DataException(labelsName, 0, "has " + lab.count() + " labels but " + imagesName + " has " + img.count() + " images; use the matching pair");
        }
        int n = img.count();
        float[] x = new float[img.data().length];
        byte[] px = img.data();
        for (int i = 0; i < x.length; i++) x[i] = (px[i] & 0xff) * (1f / 255f);
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            int c = lab.data()[i] & 0xff;
            if (c >= classes) throw new DataException(labelsName, i + 1, "label " + c + " is outside 0.." + (classes - 1));
            y[i * classes + c] = 1f;
        }
        return new Dataset(Nd4j.create(x, new long[] {n, 1, img.dims()[1], img.dims()[2]}, 'c'), Nd4j.create(y, new long[] {n, classes}, 'c'));
    }

    private static LoadedData digits(DataFiles files) throws IOException {
        Csv csv = Csv.read(reader(files, "digits.csv.gz"), "digits.csv.gz", Csv.Header.NO);
        LoadedData t = Tabular.from(csv, "Digits 8×8", null, null, Tabular.Task.CLASSIFICATION);
        // pixels are 0..16; show and train them as 8×8 images in [0, 1]
        var x = t.train().features().div(16f).reshape('c', t.train().size(), 1, 8, 8);
        return new LoadedData(new Dataset(x, t.train().labels()), null,
                new DataInfo("Digits 8×8", DataInfo.Kind.IMAGES, TensorShape.image(8, 8, 1), digitNames(), List.of()));
    }

    /** scikit-learn's layout: first line "n, features, class names…", then features and a class index. */
    private static LoadedData sklearnCsv(String title, DataFiles files, String name, List<String> featureNames) throws IOException {
        String all;
        try (Reader r = reader(files, name)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) sb.append(buf, 0, n);
            all = sb.toString();
        }
        int eol = all.indexOf('\n');
        String[] head = all.substring(0, Math.max(0, eol)).trim().split(",");
        if (eol < 0 || head.length < 4) throw new DataException(name, 1, "is not in the 'n, features, class names' layout");
        List<String> classes = List.of(head).subList(2, head.length).stream().map(String::trim).toList();
        // the first line is replaced by a blank one so that reported line numbers stay the file's
        Csv csv = Csv.read(new java.io.StringReader("\n" + all.substring(eol + 1)), name, Csv.Header.NO);
        LoadedData t = Tabular.from(csv, title, null, null, Tabular.Task.CLASSIFICATION);
        if (t.info().classNames().size() != classes.size()) {
            throw new DataException(name, 0, "names " + classes.size() + " classes but has " + t.info().classNames().size());
        }
        List<String> features = featureNames;
        if (features.isEmpty()) {
            features = new ArrayList<>();
            for (int i = 0; i < t.info().example().lastDim(); i++) features.add("feature " + (i + 1));
        }
        return new LoadedData(t.train(), null, new DataInfo(title, DataInfo.Kind.TABLE, t.info().example(), classes, features));
    }

    private static Reader reader(DataFiles files, String name) throws IOException {
        InputStream in = files.open(name);
        if (name.endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static String text(DataFiles files, String name) throws IOException {
        try (InputStream in = new GZIPInputStream(files.open(name), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** One numeric column of a CSV with a header (0-based index). */
    private static double[] column(DataFiles files, String name, int col) throws IOException {
        Csv csv = Csv.read(reader(files, name), name, Csv.Header.YES);
        double[] v = new double[csv.rows().size()];
        for (int i = 0; i < v.length; i++) {
            String cell = csv.rows().get(i)[col].trim();
            if (!Csv.isNumber(cell)) throw new DataException(name, csv.lineOf(i), "'" + cell + "' is not a number");
            v[i] = Double.parseDouble(cell);
        }
        return v;
    }
}
