package org.layerlab.trainer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * An IDX file (MNIST's format) of unsigned bytes: big-endian magic {@code 0x000008nn} where nn is
 * the number of dimensions, then each dimension, then the values. Gzipped files are detected by
 * their magic bytes. Immutable after reading; any thread.
 */
public record Idx(int[] dims, byte[] data) {

    public int count() {
        return dims[0];
    }

    /** Reads and closes {@code in}; {@code file} names it in messages. A damaged or lying file is a {@link DataException}. */
    public static Idx read(InputStream in, String file) throws IOException {
        try (InputStream raw = new BufferedInputStream(in, 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try {
                return parse(gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw, file);
            } catch (DataException e) {
                throw e;
            } catch (IOException e) {
                // a damaged gzip stream (bad header, trailer or data): the library's words mean nothing to a user
                throw new DataException(file, 0, gzip ? "is compressed but damaged; copy it again or unpack it with gunzip"
                        : "cannot be read to the end; copy it again");
            }
        }
    }

    private static Idx parse(InputStream body, String file) throws IOException {
        DataInputStream d = new DataInputStream(body);
        int magic;
        try {
            magic = d.readInt();
        } catch (EOFException e) {
            throw new DataException(file, 0, "empty file; an IDX file starts with a 4-byte magic number");
        }
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != 0x08) {
            throw new DataException(file, 0, String.format(
                    "not an IDX file of unsigned bytes (magic 0x%08x, expected 0x000008nn); choose an MNIST-style -ubyte file", magic));
        }
        int rank = magic & 0xff;
        if (rank < 1 || rank > 4) throw new DataException(file, 0, "IDX rank " + rank + " is not supported (1 to 4)");
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            try {
                dims[i] = d.readInt();
            } catch (EOFException e) {
                throw new DataException(file, 0, "the header ends before dimension " + (i + 1) + " of " + rank + "; the file is truncated (copy it again)");
            }
            if (dims[i] <= 0) throw new DataException(file, 0, "dimension " + (i + 1) + " is " + dims[i]);
            total *= dims[i];
            if (total > MAX_VALUES) throw new DataException(file, 0, "its header promises more than " + MAX_VALUES + " values; it is damaged or too large");
        }
        // the buffer grows with what actually arrives: a header that lies about its size cannot make us allocate gigabytes
        byte[] data = new byte[(int) Math.min(total, 1 << 20)];
        int off = 0;
        while (off < total) {
            if (off == data.length) data = java.util.Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
            int n = d.read(data, off, data.length - off);
            if (n < 0) {
                long per = total / dims[0];
                long entry = off / per + 1;
                throw new DataException(file, entry, "file ends inside entry " + entry + " of " + dims[0]
                        + "; the file is truncated (copy it again)");
            }
            off += n;
        }
        return new Idx(dims, data);
    }

    /** Values one file may hold (≈ 1.5 GB; MNIST's training images are 47 M). */
    static final long MAX_VALUES = 1_500_000_000L;
}
