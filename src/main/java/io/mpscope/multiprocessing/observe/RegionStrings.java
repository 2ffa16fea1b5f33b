package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.RegistryLayout.SLOT_COUNT;

import io.mpscope.multiprocessing.shm.MappedRegion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The string fields of one session registry (the command, each slot's name and identity) as last decoded, so that a
 * snapshot taken ten times a second makes a String only when a field's bytes changed. A field is always read again;
 * only the decoding is spared. Not thread-safe: guarded by its {@link Observer}.
 */
final class RegionStrings {
    /** Field numbers: two per slot, then the command. */
    static final int NAME = 0;
    static final int IDENTITY = 1;
    static final int COMMAND = SLOT_COUNT * 2;

    private final byte[][] bytes = new byte[COMMAND + 1][];
    private final String[] strings = new String[COMMAND + 1];
    private byte[] scratch = new byte[64];

    /** The field number of {@code kind} (NAME or IDENTITY) of {@code slot}. */
    static int slotField(int slot, int kind) {
        return slot * 2 + kind;
    }

    /**
     * The length-prefixed UTF-8 string of {@code fieldLength} bytes at {@code offset} (as
     * {@link MappedRegion#getString}), the same String object as last time while its bytes are the same.
     */
    String get(MappedRegion r, int field, int offset, int fieldLength) {
        int n = r.getIntPlain(offset);
        if (n <= 0 || n > fieldLength - 4) {
            return "";
        }
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        r.getBytes(offset + 4, scratch, 0, n);
        byte[] last = bytes[field];
        if (last != null && Arrays.equals(last, 0, last.length, scratch, 0, n)) {
            return strings[field];
        }
        byte[] copy = Arrays.copyOf(scratch, n);
        String s = new String(copy, StandardCharsets.UTF_8);
        bytes[field] = copy;
        strings[field] = s;
        return s;
    }
}
