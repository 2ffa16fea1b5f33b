package io.mpscope.multiprocessing.shm;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.MappedByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A memory-mapped file with int and long words that are atomic across processes.
 *
 * <p>Every access names its memory ordering ({@code getIntAcquire}, {@code setLongRelease},
 * {@code compareAndSetInt}, {@code getLongPlain}). Offsets are byte offsets from the start of the
 * file; atomic int words must sit at multiples of 4 and long words at multiples of 8 (a mapping from
 * position 0 is page aligned). Every access is checked: outside the mapping it throws
 * {@link IndexOutOfBoundsException}, a misaligned atomic {@link IllegalStateException}, and a write to a
 * region opened read-only {@link ReadOnlyBufferException}; its pages are mapped {@code PROT_READ}, so an
 * observer cannot disturb the program it watches.
 *
 * <p>The accesses are {@code sun.misc.Unsafe} calls on the mapping's address (module {@code jdk.unsupported},
 * no JVM flag needed), as Agrona's {@code UnsafeBuffer} makes them. Before, they went through the byte-buffer
 * view VarHandles: the same machine instructions once compiled, but each access inlined a chain of method
 * handle, scope and bounds code: the ring's take compiled to 152 KB at the JIT's first tier (25 KB now), and the
 * interpreter ran each access through dozens of calls. A fresh benchmark JVM's first map of 10,000 one-task chunks
 * took 270-330 ms, its first-tier compiler busy 100-115 ms of it (now 93-138 ms and 22-36 ms). The checks above are
 * the ones the buffer made, so a bad offset is still an exception and never a stray write.
 *
 * <p>Process-safe: a compare-and-set here is a {@code lock cmpxchg} on the shared physical page. Each access
 * keeps this region reachable until it is done ({@link Reference#reachabilityFence}), as the JDK's own
 * direct buffers do, so that a collector cannot unmap the pages under it.
 */
public final class MappedRegion {
    private static final sun.misc.Unsafe U = unsafe();
    /** Offset of {@code java.nio.Buffer.address}, the native address of a direct or mapped buffer. */
    private static final long BUFFER_ADDRESS = bufferAddressOffset();
    private static final long BYTES = U.arrayBaseOffset(byte[].class);
    /** Bulk copies go in slices of this size, so that a copy of a 256 MiB item does not hold off a safepoint. */
    private static final long COPY_SLICE = 1 << 20;

    private final Path path;
    /**
     * The mapping. Never read after construction: holding it keeps the pages mapped (its cleaner unmaps them once it
     * is unreachable), and every access below reaches it only through {@link #address}.
     */
    private final MappedByteBuffer buffer;
    private final int length;
    private final boolean readOnly;
    /** The mapping's native address (page aligned). */
    final long address;

    private MappedRegion(Path path, MappedByteBuffer buffer, boolean readOnly) {
        this.path = path;
        this.buffer = buffer;
        this.length = buffer.capacity();
        this.readOnly = readOnly;
        this.address = U.getLong(buffer, BUFFER_ADDRESS);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static long bufferAddressOffset() {
        try {
            return U.objectFieldOffset(java.nio.Buffer.class.getDeclaredField("address"));
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
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
        try {
            return U.getInt(null, at(offset, 4));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int getIntAcquire(int offset) {
        try {
            return U.getIntVolatile(null, aligned(offset, 4)); // a volatile read is an acquire read and more
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int getIntVolatile(int offset) {
        try {
            return U.getIntVolatile(null, aligned(offset, 4));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setIntPlain(int offset, int value) {
        try {
            U.putInt(null, writable(at(offset, 4)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setIntRelease(int offset, int value) {
        try {
            U.putOrderedInt(null, writable(aligned(offset, 4)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setIntVolatile(int offset, int value) {
        try {
            U.putIntVolatile(null, writable(aligned(offset, 4)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public boolean compareAndSetInt(int offset, int expected, int value) {
        try {
            return U.compareAndSwapInt(null, writable(aligned(offset, 4)), expected, value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int getAndAddInt(int offset, int delta) {
        try {
            return U.getAndAddInt(null, writable(aligned(offset, 4)), delta);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int getAndBitwiseOrInt(int offset, int bits) {
        try {
            long a = writable(aligned(offset, 4));
            int v;
            do { // writes even when the bits are set already: a full fence every time, as the VarHandle's was
                v = U.getIntVolatile(null, a);
            } while (!U.compareAndSwapInt(null, a, v, v | bits));
            return v;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int getAndSetInt(int offset, int value) {
        try {
            return U.getAndSetInt(null, writable(aligned(offset, 4)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long getLongPlain(int offset) {
        try {
            return U.getLong(null, at(offset, 8));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long getLongAcquire(int offset) {
        try {
            return U.getLongVolatile(null, aligned(offset, 8));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long getLongVolatile(int offset) {
        try {
            return U.getLongVolatile(null, aligned(offset, 8));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setLongPlain(int offset, long value) {
        try {
            U.putLong(null, writable(at(offset, 8)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setLongRelease(int offset, long value) {
        try {
            U.putOrderedLong(null, writable(aligned(offset, 8)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setLongVolatile(int offset, long value) {
        try {
            U.putLongVolatile(null, writable(aligned(offset, 8)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public boolean compareAndSetLong(int offset, long expected, long value) {
        try {
            return U.compareAndSwapLong(null, writable(aligned(offset, 8)), expected, value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long getAndAddLong(int offset, long delta) {
        try {
            return U.getAndAddLong(null, writable(aligned(offset, 8)), delta);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long getAndSetLong(int offset, long value) {
        try {
            return U.getAndSetLong(null, writable(aligned(offset, 8)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public byte getBytePlain(int offset) {
        try {
            return U.getByte(null, at(offset, 1));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setBytePlain(int offset, byte value) {
        try {
            U.putByte(null, writable(at(offset, 1)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public short getShortPlain(int offset) {
        try {
            return U.getShort(null, at(offset, 2));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public void setShortPlain(int offset, short value) {
        try {
            U.putShort(null, writable(at(offset, 2)), value);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Copies {@code len} bytes at {@code offset} into {@code dst} (plain reads). */
    public void getBytes(int offset, byte[] dst, int dstOffset, int len) {
        Objects.checkFromIndexSize(dstOffset, len, dst.length);
        long from = at(offset, len);
        try {
            for (long done = 0; done < len; done += COPY_SLICE) { // slices: a safepoint can come between them
                U.copyMemory(null, from + done, dst, BYTES + dstOffset + done, Math.min(COPY_SLICE, len - done));
            }
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Writes {@code len} bytes of {@code src} at {@code offset} (plain writes; publish with a release store). */
    public void putBytes(int offset, byte[] src, int srcOffset, int len) {
        Objects.checkFromIndexSize(srcOffset, len, src.length);
        long to = writable(at(offset, len));
        try {
            for (long done = 0; done < len; done += COPY_SLICE) {
                U.copyMemory(src, BYTES + srcOffset + done, null, to + done, Math.min(COPY_SLICE, len - done));
            }
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The address of {@code size} bytes at {@code offset}, after checking that they lie inside the mapping. */
    private long at(int offset, int size) {
        return address + Objects.checkFromIndexSize(offset, size, length);
    }

    /** As {@link #at}, and the word must be aligned to its size: an atomic that straddles two cache lines is slow
     * (a bus lock on x86-64) and faults on other architectures. The mapping itself starts on a page boundary. */
    private long aligned(int offset, int size) {
        if ((offset & (size - 1)) != 0) {
            throw new IllegalStateException("misaligned atomic access: offset=" + offset + " size=" + size
                    + " path=" + path);
        }
        return at(offset, size);
    }

    /** {@code address}, once this region is known to be writable; a read-only mapping would fault on the write. */
    private long writable(long address) {
        if (readOnly) {
            throw new ReadOnlyBufferException();
        }
        return address;
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
