package org.layerlab.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.layerlab.graph.shape.TensorShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequence data in DL4J's recurrent layout [n, features, time]: character-level text, windows of a
 * time series, and synthetic memory tasks. Pure and seeded; any thread.
 */
public final class Sequences {
    private Sequences() {}

    /**
     * Character-level next-character prediction: {@code count} windows of {@code length} characters
     * at seeded offsets; features and labels one-hot over the text's characters (labels shifted by one).
     */
    public static LoadedData charText(String title, String text, int length, int count, long seed) {
        if (text.length() < length + 2) throw new IllegalArgumentException(title + " has " + text.length() + " characters; need more than " + (length + 1));
        TreeSet<Character> chars = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) chars.add(text.charAt(i));
        List<Character> vocab = new ArrayList<>(chars);
        int[] index = new int[Character.MAX_VALUE + 1];
        for (int i = 0; i < vocab.size(); i++) index[vocab.get(i)] = i;
        int v = vocab.size();
        float[] x = new float[count * v * length];
        float[] y = new float[count * v * length];
        Random r = new Random(seed);
        for (int s = 0; s < count; s++) {
            int start = r.nextInt(text.length() - length - 1);
            for (int t = 0; t < length; t++) {
                x[(s * v + index[text.charAt(start + t)]) * length + t] = 1f;
                y[(s * v + index[text.charAt(start + t + 1)]) * length + t] = 1f;
            }
        }
        INDArray f = Nd4j.create(x, new long[] {count, v, length}, 'c');
        INDArray l = Nd4j.create(y, new long[] {count, v, length}, 'c');
        List<String> names = vocab.stream().map(Sequences::visible).toList();
        return new LoadedData(new Dataset(f, l), null, new DataInfo(title, DataInfo.Kind.TEXT, TensorShape.sequence(length, v), names, List.of()));
    }

    private static String visible(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case ' ' -> "␣";
            case '\t' -> "\\t";
            default -> String.valueOf(c);
        };
    }

    /**
     * Windows of a series predicting the next value. The last {@code testFraction} of time is the
     * test set (no shuffling across time); values are scaled to [0, 1] by the training part's range.
     */
    public static LoadedData series(String title, double[] values, int window, double testFraction) {
        int windows = values.length - window;
        if (windows < 4) throw new IllegalArgumentException(title + " has " + values.length + " values; a window of " + window + " needs at least " + (window + 4));
        int testWindows = (int) Math.round(windows * testFraction);
        int trainEnd = windows - testWindows + window; // values the training windows see
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < trainEnd; i++) {
            lo = Math.min(lo, values[i]);
            hi = Math.max(hi, values[i]);
        }
        double span = hi > lo ? hi - lo : 1;
        float[] x = new float[windows * window];
        float[] y = new float[windows];
        for (int s = 0; s < windows; s++) {
            for (int t = 0; t < window; t++) x[s * window + t] = (float) ((values[s + t] - lo) / span);
            y[s] = (float) ((values[s + window] - lo) / span);
        }
        Dataset all = new Dataset(Nd4j.create(x, new long[] {windows, 1, window}, 'c'), Nd4j.create(y, new long[] {windows, 1}, 'c'));
        Dataset train = all.range(0, windows - testWindows);
        Dataset test = testWindows == 0 ? null : all.range(windows - testWindows, windows);
        return new LoadedData(train, test, new DataInfo(title, DataInfo.Kind.SEQUENCES, TensorShape.sequence(window, 1), List.of(), List.of("value")));
    }

    /** Noisy sine waves of random phase and frequency; predict the next value. */
    public static LoadedData noisySine(int count, int length, double noise, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count * length];
        float[] y = new float[count];
        for (int s = 0; s < count; s++) {
            double phase = r.nextDouble() * 2 * Math.PI;
            double freq = 0.1 + 0.3 * r.nextDouble();
            for (int t = 0; t <= length; t++) {
                float v = (float) (Math.sin(phase + freq * t) + noise * r.nextGaussian());
                if (t < length) x[s * length + t] = v;
                else y[s] = (float) Math.sin(phase + freq * t);
            }
        }
        return new LoadedData(new Dataset(Nd4j.create(x, new long[] {count, 1, length}, 'c'), Nd4j.create(y, new long[] {count, 1}, 'c')),
                null, new DataInfo("noisy sine", DataInfo.Kind.SEQUENCES, TensorShape.sequence(length, 1), List.of(), List.of("value")));
    }

    /** Random tokens; the label is the first token, which must be remembered across {@code length} steps. */
    public static LoadedData rememberFirst(int count, int length, int vocab, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, count, vocab, length);
        INDArray y = Nd4j.zeros(DataType.FLOAT, count, vocab);
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < length; t++) {
                int tok = r.nextInt(vocab);
                x.putScalar(new long[] {s, tok, t}, 1f);
                if (t == 0) y.putScalar(s, tok, 1f);
            }
        }
        return new LoadedData(new Dataset(x, y), null, new DataInfo("remember the first token", DataInfo.Kind.SEQUENCES,
                TensorShape.sequence(length, vocab), tokens(vocab), List.of()));
    }

    /**
     * Copy (or reverse) task: {@code k} tokens, then {@code k} blank steps during which the network
     * must emit them in order (or reversed). Token 0 is the blank; labels are per step.
     */
    public static LoadedData copyTask(int count, int k, int vocab, boolean reverse, long seed) {
        Random r = new Random(seed);
        int length = 2 * k;
        int v = vocab + 1;
        INDArray x = Nd4j.zeros(DataType.FLOAT, count, v, length);
        INDArray y = Nd4j.zeros(DataType.FLOAT, count, v, length);
        for (int s = 0; s < count; s++) {
            int[] toks = new int[k];
            for (int t = 0; t < k; t++) toks[t] = 1 + r.nextInt(vocab);
            for (int t = 0; t < length; t++) {
                x.putScalar(new long[] {s, t < k ? toks[t] : 0, t}, 1f);
                int want = t < k ? 0 : toks[reverse ? length - 1 - t : t - k];
                y.putScalar(new long[] {s, want, t}, 1f);
            }
        }
        List<String> names = new ArrayList<>();
        names.add("blank");
        names.addAll(tokens(vocab));
        return new LoadedData(new Dataset(x, y), null, new DataInfo(reverse ? "reverse" : "copy", DataInfo.Kind.SEQUENCES,
                TensorShape.sequence(length, v), names, List.of()));
    }

    private static List<String> tokens(int vocab) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < vocab; i++) out.add("token " + i);
        return out;
    }
}
