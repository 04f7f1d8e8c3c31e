package org.layerlab.graph.shape;

import java.util.Arrays;

/**
 * The shape of one example's tensor (the batch dimension is implicit).
 * <ul>
 *   <li>{@link Kind#VECTOR}: {@code [features]}</li>
 *   <li>{@link Kind#IMAGE}: {@code [height, width, channels]}</li>
 *   <li>{@link Kind#SEQUENCE}: {@code [length, features]}</li>
 * </ul>
 * Immutable; any thread. In a project file (a kept DL4J layer's shapes) it is its kind and dims only.
 */
@com.fasterxml.jackson.annotation.JsonAutoDetect(getterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE,
        fieldVisibility = com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
public record TensorShape(Kind kind, int[] dims) {

    /** What a tensor's axes mean. */
    public enum Kind { VECTOR, IMAGE, SEQUENCE }

    public TensorShape {
        dims = dims.clone();
    }

    public static TensorShape vector(int features) {
        return new TensorShape(Kind.VECTOR, new int[] {features});
    }

    public static TensorShape image(int height, int width, int channels) {
        return new TensorShape(Kind.IMAGE, new int[] {height, width, channels});
    }

    public static TensorShape sequence(int length, int features) {
        return new TensorShape(Kind.SEQUENCE, new int[] {length, features});
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int dim(int i) {
        return dims[i];
    }

    public boolean isVector() { return kind == Kind.VECTOR; }
    public boolean isImage() { return kind == Kind.IMAGE; }
    public boolean isSequence() { return kind == Kind.SEQUENCE; }

    /** Features of a vector, channels of an image, features per step of a sequence. */
    public int lastDim() {
        return dims[dims.length - 1];
    }

    /** Number of elements per example; long because images times channels can exceed int. */
    public long size() {
        long n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    public int height() { requireKind(Kind.IMAGE); return dims[0]; }
    public int width() { requireKind(Kind.IMAGE); return dims[1]; }
    public int channels() { requireKind(Kind.IMAGE); return dims[2]; }
    public int length() { requireKind(Kind.SEQUENCE); return dims[0]; }

    private void requireKind(Kind k) {
        if (kind != k) throw new IllegalStateException("shape " + this + " is not a " + k.name().toLowerCase());
    }

    /** Same shape with its last dimension replaced. */
    public TensorShape withLastDim(int last) {
        int[] d = dims.clone();
        d[d.length - 1] = last;
        return new TensorShape(kind, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape t && t.kind == kind && Arrays.equals(t.dims, dims);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(dims);
    }

    /** Display form: {@code 784}, {@code 28×28×1}, {@code 50×16 seq}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) sb.append('×');
            sb.append(dims[i]);
        }
        if (kind == Kind.SEQUENCE) sb.append(" seq");
        return sb.toString();
    }
}
