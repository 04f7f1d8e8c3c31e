package org.layerlab.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.trainer.backend.Backend;

/**
 * Issue 20: the user's own data files, mangled. A seeded fuzzer writes ≥ 1,000 broken variants each
 * of a CSV file, an IDX image/label pair and a folder of PNG images — byte flips, truncation,
 * deleted and duplicated lines and fields, odd numbers, invalid UTF-8, headers that lie about sizes,
 * files that are not what their name says — and loads each as the Data tab would. Every one either
 * loads or is refused with a message that names the file and says what is wrong in plain words:
 * nothing else may escape (no stack trace, no out-of-memory), and no library jargon may show.
 */
class DataFuzzTest {
    static final int MUTATIONS = Integer.getInteger("fuzz.data", 1_200);
    static final List<String> JARGON = List.of("Exception", "java.", "javax.", "null", "Index ", "out of bounds");
    private static final DataFiles NO_BUNDLED = name -> {
        throw new java.io.FileNotFoundException(name);
    };

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Loads the reference; returns true if it loaded, false if it was refused properly; fails the test otherwise. */
    private static boolean load(DatasetRef ref, String mustName, String what) {
        try {
            LoadedData d = Datasets.load(ref, NO_BUNDLED, null);
            assertThat(d.train().size()).as(what).isPositive();
            return true;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            assertThat(m).as(what).isNotNull().hasSizeLessThan(2_000);
            // it names the file, or the dataset option that is wrong (the project's place, not the file's)
            if (!m.startsWith("dataset option ")) assertThat(m).as(what).contains(mustName);
            for (String j : JARGON) assertThat(m).as("%s: %s", what, m).doesNotContain(j);
            return false;
        } catch (Throwable t) {
            fail(what + " escaped as " + t, t);
            return false;
        }
    }

    // ---------------------------------------------------------------- CSV

    static final String CSV = """
            sepal length,sepal width,"petal, length",petal width,species
            5.1,3.5,1.4,0.2,setosa
            4.9,3.0,1.4,0.2,setosa
            7.0,3.2,4.7,1.4,versicolor
            6.4,3.2,4.5,1.5,versicolor
            6.3,3.3,6.0,2.5,virginica
            5.8,2.7,5.1,1.9,virginica
            """;
    static final String[] TOKENS = {"", "abc", "1e400", "-1e400", "NaN", "inf", "-Infinity", "\"", "\"\"", ",,", "0x1F", "1,5",
        "99999999999999999999999999999999", "-0", " 3 ", "\t", "é", "1.2.3", "\\", "#"};

    @Test
    void mutatedCsvFilesLoadOrAreRefusedNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Random r = new Random(20);
        int loaded = 0, refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            int kind = r.nextInt(12);
            byte[] bytes = mutateCsv(CSV, kind, r);
            Path f = dir.resolve("data-" + i + ".csv");
            Files.write(f, bytes);
            Map<String, String> options = new HashMap<>(Map.of("path", f.toString()));
            switch (r.nextInt(6)) {
                case 0 -> options.put("label", r.nextBoolean() ? "species" : TOKENS[r.nextInt(TOKENS.length)]);
                case 1 -> options.put("task", r.nextBoolean() ? "regression" : "sideways");
                case 2 -> options.put("header", new String[] {"yes", "no", "auto", "maybe"}[r.nextInt(4)]);
                case 3 -> options.put("features", r.nextBoolean() ? "1,2" : "sepal length,nope");
                default -> { }
            }
            if (load(new DatasetRef("csv", options), f.toString(), "CSV mutation " + i + " (kind " + kind + ", " + options + ")")) loaded++;
            else refused++;
        }
        System.out.printf("FUZZ: %d mutated CSV files: %d loaded, %d refused with a message%n", MUTATIONS, loaded, refused);
        assertThat(refused).isGreaterThan(MUTATIONS / 4);
        assertThat(loaded).isGreaterThan(MUTATIONS / 20);
    }

    static byte[] mutateCsv(String seed, int kind, Random r) {
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        int at = r.nextInt(lines.size());
        switch (kind) {
            case 0 -> {
                byte[] b = seed.getBytes(StandardCharsets.UTF_8);
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                return b;
            }
            case 1 -> {
                byte[] b = seed.getBytes(StandardCharsets.UTF_8);
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case 2 -> lines.remove(at);
            case 3 -> lines.add(at, lines.get(at));
            case 4 -> {
                String[] fields = lines.get(at).split(",", -1);
                fields[r.nextInt(fields.length)] = TOKENS[r.nextInt(TOKENS.length)];
                lines.set(at, String.join(",", fields));
            }
            case 5 -> lines.set(at, lines.get(at).replaceFirst(",[^,]*$", ""));
            case 6 -> lines.set(at, lines.get(at) + "," + TOKENS[r.nextInt(TOKENS.length)]);
            case 7 -> {
                byte[] b = seed.getBytes(StandardCharsets.UTF_8);
                b[r.nextInt(b.length)] = (byte) (0x80 | r.nextInt(0x40));
                return b;
            }
            case 8 -> {
                return new String[] {"", "\n\n", " ", "\uFEFF"}[r.nextInt(4)].getBytes(StandardCharsets.UTF_8);
            }
            case 9 -> lines.set(at, lines.get(at).replace(",", r.nextBoolean() ? ";" : "\t"));
            case 10 -> lines.set(at, "x".repeat(1 + r.nextInt(200_000)));
            default -> lines.add(0, "\uFEFF" + lines.remove(0).replace("\n", "\r\n"));
        }
        return String.join(r.nextInt(8) == 0 ? "\r\n" : "\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- IDX

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        return b.array();
    }

    @Test
    void mutatedIdxFilesLoadOrAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Random r = new Random(21);
        byte[] pixels = new byte[12 * 8 * 8];
        r.nextBytes(pixels);
        byte[] classes = new byte[12];
        for (int i = 0; i < classes.length; i++) classes[i] = (byte) (i % 3);
        byte[] images = idx(0x08, new int[] {12, 8, 8}, pixels), labels = idx(0x08, new int[] {12}, classes);
        int loaded = 0, refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            boolean onImages = r.nextInt(3) != 0;
            int kind = r.nextInt(9);
            byte[] broken = mutateIdx(onImages ? images : labels, kind, r);
            Path img = dir.resolve("images-" + i + ".idx"), lab = dir.resolve("labels-" + i + ".idx");
            Files.write(img, onImages ? broken : images);
            Files.write(lab, onImages ? labels : broken);
            DatasetRef ref = new DatasetRef("idx", Map.of("images", img.toString(), "labels", lab.toString()));
            // the message names the broken file, or the pair when they disagree
            String name = (onImages ? img : lab).getFileName().toString().replaceFirst("-\\d+\\.idx$", "");
            if (load(ref, name, "IDX mutation " + i + " (kind " + kind + (onImages ? ", images)" : ", labels)"))) loaded++;
            else refused++;
            Files.delete(img);
            Files.delete(lab);
        }
        System.out.printf("FUZZ: %d mutated IDX pairs: %d loaded, %d refused with a message%n", MUTATIONS, loaded, refused);
        assertThat(refused).isGreaterThan(MUTATIONS / 4);
    }

    static byte[] mutateIdx(byte[] seed, int kind, Random r) {
        byte[] b = seed.clone();
        ByteBuffer buf = ByteBuffer.wrap(b);
        int rank = b[3];
        switch (kind) {
            case 0 -> b[r.nextInt(Math.min(b.length, 4 + 4 * rank))] = (byte) r.nextInt(256); // the header
            case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 3 -> buf.putInt(4 + 4 * r.nextInt(rank), new int[] {0, -1, Integer.MAX_VALUE, 1 << 20, 65_536, 7}[r.nextInt(6)]);
            case 4 -> b[3] = (byte) new int[] {0, 1, 2, 5, 9, 127, -1}[r.nextInt(7)];
            case 5 -> b[2] = (byte) new int[] {0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0xFF}[r.nextInt(7)];
            case 6 -> {
                b = Arrays.copyOf(b, b.length + 1 + r.nextInt(100));
            }
            case 7 -> {
                b = new byte[r.nextInt(64)];
                r.nextBytes(b);
            }
            default -> {
                // gzip the file: some IDX files come compressed
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (var z = new java.util.zip.GZIPOutputStream(out)) {
                    z.write(b, 0, r.nextBoolean() ? b.length : b.length / 2);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return out.toByteArray();
            }
        }
        return b;
    }

    // ---------------------------------------------------------------- image folders

    static byte[] png(int w, int h, int seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt(1 << 24));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void mutatedImageFoldersLoadOrAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Random r = new Random(22);
        Path root = dir.resolve("images");
        String[] classes = {"cats", "dogs"};
        List<Path> files = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (String c : classes) {
            Files.createDirectories(root.resolve(c));
            for (int k = 0; k < 3; k++) {
                Path f = root.resolve(c).resolve(c + "-" + k + ".png");
                byte[] b = png(8, 8, files.size());
                Files.write(f, b);
                files.add(f);
                originals.add(b);
            }
        }
        int loaded = 0, refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            int which = r.nextInt(files.size());
            Path f = files.get(which);
            int kind = r.nextInt(8);
            Path extra = null;
            byte[] b = originals.get(which).clone();
            switch (kind) {
                case 0 -> b[8 + r.nextInt(b.length - 8)] = (byte) r.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                case 2 -> b = new byte[0];
                case 3 -> b = "not really a picture".getBytes(StandardCharsets.UTF_8);
                case 4 -> {
                    // the header claims an enormous picture (a decompression bomb): width and height in IHDR
                    ByteBuffer.wrap(b).putInt(16, new int[] {100_000, 1 << 30, -5, 0}[r.nextInt(4)]);
                    ByteBuffer.wrap(b).putInt(20, new int[] {100_000, 1 << 30, 1, 0}[r.nextInt(4)]);
                }
                case 5 -> b[r.nextInt(Math.min(b.length, 33))] = (byte) r.nextInt(256); // signature or header
                case 6 -> extra = Files.writeString(root.resolve(classes[r.nextInt(2)]).resolve("notes.txt"), "hello");
                default -> extra = Files.createDirectories(root.resolve(r.nextBoolean() ? "empty-class" : "cats/nested"));
            }
            Files.write(f, b);
            DatasetRef ref = new DatasetRef("images", Map.of("path", root.toString(), "width", "8", "height", "8"));
            String name = extra != null && kind == 7 ? extra.getFileName().toString() : extra != null ? "notes.txt" : f.getFileName().toString();
            if (load(ref, kind == 7 && extra.getFileName().toString().equals("nested") ? "cats" : name, "image mutation " + i + " (kind " + kind + ")")) loaded++;
            else refused++;
            Files.write(f, originals.get(which));
            if (extra != null) Files.delete(extra);
        }
        System.out.printf("FUZZ: %d mutated image folders: %d loaded, %d refused with a message%n", MUTATIONS, loaded, refused);
        assertThat(refused).isGreaterThan(MUTATIONS / 4);
    }
}
