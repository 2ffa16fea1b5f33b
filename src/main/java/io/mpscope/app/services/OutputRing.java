package io.mpscope.app.services;

import java.nio.charset.StandardCharsets;

/**
 * The last bytes of one output stream, in a fixed-size ring: a command that prints gigabytes costs the app
 * {@link #capacity()} bytes. One reader thread appends; any thread reads the tail. Thread-safe.
 */
public final class OutputRing {
    private final byte[] ring;
    private long written;

    /** A ring of {@code capacity} bytes. */
    public OutputRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("ring capacity must be positive: capacity=" + capacity);
        }
        ring = new byte[capacity];
    }

    /** The size of the ring. */
    public int capacity() {
        return ring.length;
    }

    /** Appends {@code len} bytes of {@code b} from {@code off}; older bytes beyond the capacity are dropped. */
    public synchronized void append(byte[] b, int off, int len) {
        if (len >= ring.length) { // only the last capacity bytes can survive
            off += len - ring.length;
            written += len - ring.length;
            len = ring.length;
        }
        int pos = (int) (written % ring.length);
        int first = Math.min(len, ring.length - pos);
        System.arraycopy(b, off, ring, pos, first);
        System.arraycopy(b, off + first, ring, 0, len - first);
        written += len;
    }

    /** How many bytes were appended in all (also those dropped). */
    public synchronized long written() {
        return written;
    }

    /**
     * The kept bytes, decoded as UTF-8. When older bytes were dropped, a character cut by the ring's edge is skipped
     * rather than shown as a replacement character.
     */
    public synchronized String tail() {
        int n = (int) Math.min(written, ring.length);
        byte[] out = new byte[n];
        long start = written - n;
        int pos = (int) (start % ring.length);
        int first = Math.min(n, ring.length - pos);
        System.arraycopy(ring, pos, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
        int from = 0;
        if (start > 0) {
            for (int k = 0; k < 3 && from < n && (out[from] & 0xC0) == 0x80; k++) {
                from++;
            }
        }
        return new String(out, from, n - from, StandardCharsets.UTF_8);
    }
}
