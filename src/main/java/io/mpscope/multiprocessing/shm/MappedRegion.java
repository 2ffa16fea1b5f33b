package io.mpscope.multiprocessing.shm;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file with int and long words that are atomic across processes.
 *
 * <p>Every access names its memory ordering ({@code getIntAcquire}, {@code setLongRelease},
 * {@code compareAndSetInt}, {@code getLongPlain}). Offsets are byte offsets from the start of the
 * file; int words must sit at multiples of 4 and long words at multiples of 8, because the
 * VarHandles check alignment on the absolute address and a mapping from position 0 is page aligned.
 * A region opened read-only throws {@link java.nio.ReadOnlyBufferException} on any write, and its
 * pages are mapped {@code PROT_READ}, so an observer cannot disturb the program it watches.
 *
 * <p>Process-safe: a compare-and-set here is a {@code lock cmpxchg} on the shared physical page.
 */
public final class MappedRegion {
    private static final VarHandle INT =
            MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONG =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final Path path;
    private final MappedByteBuffer buffer;
    private final int length;
    private final boolean readOnly;
    /** The mapping's native address, found on first use by {@link Futex} (0 = not yet). */
    long address;

    private MappedRegion(Path path, MappedByteBuffer buffer, boolean readOnly) {
        this.path = path;
        this.buffer = buffer;
        buffer.order(ByteOrder.nativeOrder()); // short accessors agree with the int/long VarHandles
        this.length = buffer.capacity();
        this.readOnly = readOnly;
    }

    /** Maps {@code length} bytes of an existing file for reading and writing. */
    public static MappedRegion openReadWrite(Path path, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (ch.size() < length) {
                throw new IOException("mapped file is shorter than its layout: path=" + path
                        + " size=" + ch.size() + " expected=" + length);
            }
            return new MappedRegion(path, ch.map(FileChannel.MapMode.READ_WRITE, 0, length), false);
        }
    }

    /**
     * Creates {@code path} (0600; replacing a file left there), {@code length} bytes long and sparse, maps it for
     * reading and writing, and removes the file at once: the mapping stays valid and belongs to this process alone,
     * and nothing is left in the folder whatever happens to the process afterwards. For the standby warm-ups' private
     * memory.
     */
    public static MappedRegion createUnlinked(Path path, int length) throws IOException {
        java.nio.file.Files.deleteIfExists(path);
        java.nio.file.Files.createFile(path, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.wrap(new byte[1]), length - 1L); // the length, without writing it all
            }
            return openReadWrite(path, length);
        } finally {
            java.nio.file.Files.deleteIfExists(path);
        }
    }

    /** Maps a whole existing file read-only; writes through the result throw. */
    public static MappedRegion openReadOnly(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("mapped file too large: path=" + path + " size=" + size);
            }
            return new MappedRegion(path, ch.map(FileChannel.MapMode.READ_ONLY, 0, size), true);
        }
    }

    MappedByteBuffer buffer() {
        return buffer;
    }

    public Path path() {
        return path;
    }

    public int length() {
        return length;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public int getIntPlain(int offset) {
        return (int) INT.get(buffer, offset);
    }

    public int getIntAcquire(int offset) {
        return (int) INT.getAcquire(buffer, offset);
    }

    public int getIntVolatile(int offset) {
        return (int) INT.getVolatile(buffer, offset);
    }

    public void setIntPlain(int offset, int value) {
        INT.set(buffer, offset, value);
    }

    public void setIntRelease(int offset, int value) {
        INT.setRelease(buffer, offset, value);
    }

    public void setIntVolatile(int offset, int value) {
        INT.setVolatile(buffer, offset, value);
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        return INT.compareAndSet(buffer, offset, expected, value);
    }

    public int getAndAddInt(int offset, int delta) {
        return (int) INT.getAndAdd(buffer, offset, delta);
    }

    public int getAndBitwiseOrInt(int offset, int bits) {
        return (int) INT.getAndBitwiseOr(buffer, offset, bits);
    }

    public long getLongPlain(int offset) {
        return (long) LONG.get(buffer, offset);
    }

    public long getLongVolatile(int offset) {
        return (long) LONG.getVolatile(buffer, offset);
    }

    public void setLongVolatile(int offset, long value) {
        LONG.setVolatile(buffer, offset, value);
    }

    public long getAndSetLong(int offset, long value) {
        return (long) LONG.getAndSet(buffer, offset, value);
    }

    public int getAndSetInt(int offset, int value) {
        return (int) INT.getAndSet(buffer, offset, value);
    }

    public long getLongAcquire(int offset) {
        return (long) LONG.getAcquire(buffer, offset);
    }

    public void setLongPlain(int offset, long value) {
        LONG.set(buffer, offset, value);
    }

    public void setLongRelease(int offset, long value) {
        LONG.setRelease(buffer, offset, value);
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        return LONG.compareAndSet(buffer, offset, expected, value);
    }

    public long getAndAddLong(int offset, long delta) {
        return (long) LONG.getAndAdd(buffer, offset, delta);
    }

    public byte getBytePlain(int offset) {
        return buffer.get(offset);
    }

    public void setBytePlain(int offset, byte value) {
        buffer.put(offset, value);
    }

    public short getShortPlain(int offset) {
        return buffer.getShort(offset);
    }

    public void setShortPlain(int offset, short value) {
        buffer.putShort(offset, value);
    }

    /** Copies {@code len} bytes at {@code offset} into {@code dst} (plain reads). */
    public void getBytes(int offset, byte[] dst, int dstOffset, int len) {
        buffer.get(offset, dst, dstOffset, len);
    }

    /** Writes {@code len} bytes of {@code src} at {@code offset} (plain writes; publish with a release store). */
    public void putBytes(int offset, byte[] src, int srcOffset, int len) {
        buffer.put(offset, src, srcOffset, len);
    }

    /**
     * Writes a length-prefixed UTF-8 string into a field of {@code fieldLength} bytes: an int length, then
     * the bytes, truncated at a character boundary to fit.
     */
    public void putString(int offset, int fieldLength, String s) {
        byte[] b = Utf8.truncate(s == null ? "" : s, fieldLength - 4);
        putBytes(offset + 4, b, 0, b.length);
        setIntPlain(offset, b.length);
    }

    /** Reads a string written by {@link #putString}; a torn or corrupt length reads as an empty string. */
    public String getString(int offset, int fieldLength) {
        int n = getIntPlain(offset);
        if (n <= 0 || n > fieldLength - 4) {
            return "";
        }
        byte[] b = new byte[n];
        getBytes(offset + 4, b, 0, n);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Small UTF-8 helpers shared by the layouts. */
    static final class Utf8 {
        private Utf8() {
        }

        static byte[] truncate(String s, int max) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length <= max) {
                return b;
            }
            int end = max;
            while (end > 0 && (b[end] & 0xC0) == 0x80) {
                end--; // do not cut a multi-byte character in half
            }
            byte[] out = new byte[end];
            System.arraycopy(b, 0, out, 0, end);
            return out;
        }
    }
}
