package org.layerlab.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.layerlab.graph.shape.TensorShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A folder with one subfolder per class of images (png, jpg, gif, bmp), read into [n, c, h, w] with
 * values in [0, 1]. Images are resized to the given size (0 = the first image's size) and optionally
 * made grey. A file that is not a readable image is an error naming it. Any thread (uses AWT headless).
 */
public final class ImageFolder {
    private ImageFolder() {}

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    public static LoadedData load(Path dir, int width, int height, boolean grey) throws IOException {
        if (!Files.isDirectory(dir)) throw new DataException(dir.toString(), 0, "is not a folder; choose a folder with one subfolder per class");
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(dir)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classDirs.size() < 2) {
            throw new DataException(dir.toString(), 0, "has " + classDirs.size() + " class subfolders; put each class's images in its own subfolder (at least two)");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            List<Path> inClass;
            try (Stream<Path> s = Files.list(classDirs.get(c))) {
                inClass = s.filter(p -> !hidden(p) && Files.isRegularFile(p)).sorted().toList();
            }
            if (inClass.isEmpty()) throw new DataException(classDirs.get(c).toString(), 0, "has no images; add some or remove the folder");
            for (Path p : inClass) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (EXTENSIONS.stream().noneMatch(name::endsWith)) {
                    throw new DataException(p.toString(), 0, "is not an image file (" + String.join(", ", EXTENSIONS) + "); move it out of the data folder");
                }
                files.add(p);
                labels.add(c);
            }
        }
        int w = width;
        int h = height;
        int channels = grey ? 1 : 3;
        float[] x = null;
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img = decode(files.get(i));
            if (x == null) {
                if (w <= 0) w = img.getWidth();
                if (h <= 0) h = img.getHeight();
                x = new float[files.size() * channels * w * h];
            }
            BufferedImage scaled = resize(img, w, h);
            int base = i * channels * w * h;
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    int rgb = scaled.getRGB(xx, yy);
                    float r = ((rgb >> 16) & 0xff) / 255f;
                    float g = ((rgb >> 8) & 0xff) / 255f;
                    float b = (rgb & 0xff) / 255f;
                    int at = yy * w + xx;
                    if (grey) {
                        x[base + at] = 0.299f * r + 0.587f * g + 0.114f * b;
                    } else {
                        x[base + at] = r;
                        x[base + w * h + at] = g;
                        x[base + 2 * w * h + at] = b;
                    }
                }
            }
        }
        var features = Nd4j.create(x, new long[] {files.size(), channels, h, w}, 'c');
        var y = Nd4j.zeros(DataType.FLOAT, files.size(), classDirs.size());
        for (int i = 0; i < labels.size(); i++) y.putScalar(i, labels.get(i), 1f);
        List<String> names = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        return new LoadedData(new Dataset(features, y), null, new DataInfo(dir.getFileName().toString(), DataInfo.Kind.IMAGES,
                TensorShape.image(h, w, channels), names, List.of()));
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static BufferedImage resize(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, java.awt.Color.WHITE, null);
        g.dispose();
        return out;
    }

    /** Pixels one image may have (a 16-megapixel photo); a header claiming more is refused before anything is allocated. */
    static final long MAX_PIXELS = 16_000_000L;

    /**
     * Decodes one image, checking the size its header claims first (a damaged or hostile header must
     * not make the decoder allocate gigabytes); every failure is a {@link DataException} naming the file.
     */
    static BufferedImage decode(Path file) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DataException(file.toString(), 0, "is not an image LayerLab can read (" + String.join(", ", EXTENSIONS) + "); re-save it as PNG");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0), h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw new DataException(file.toString(), 0, "claims to be " + w + " × " + h + " pixels; it is damaged or too large (at most "
                            + MAX_PIXELS / 1_000_000 + " megapixels): re-save it smaller as PNG");
                }
                BufferedImage img = reader.read(0);
                if (img == null) throw new DataException(file.toString(), 0, "cannot be decoded as an image; re-save it as PNG");
                return img;
            } finally {
                reader.dispose();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // decoders fail on damaged files in many ways (I/O errors, bad strides, negative sizes): one plain answer
            throw new DataException(file.toString(), 0, "is damaged and cannot be decoded as an image; re-save it as PNG");
        }
    }
}
