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

    /** Reads and closes {@code in}; {@code file} names it in messages. */
    public static Idx read(InputStream in, String file) throws IOException {
        try (InputStream raw = new BufferedInputStream(in, 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream body = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
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
                dims[i] = d.readInt();
                if (dims[i] <= 0) throw new DataException(file, 0, "dimension " + (i + 1) + " is " + dims[i]);
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) throw new DataException(file, 0, "too large: " + total + " values");
            byte[] data = new byte[(int) total];
            int off = 0;
            while (off < data.length) {
                int n = d.read(data, off, data.length - off);
                if (n < 0) {
                    int per = (int) (total / dims[0]);
                    throw new DataException(file, off / per + 1, "file ends inside entry " + (off / per + 1) + " of " + dims[0]
                            + "; the file is truncated (copy it again)");
                }
                off += n;
            }
            return new Idx(dims, data);
        }
    }
}
