package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapped region's accesses: two mappings of one file see each other's words, atomics and bytes; every access
 * outside the mapping, every misaligned atomic and every write through a read-only mapping is an exception, never
 * a stray access (they are raw memory accesses underneath, so an unchecked one would corrupt or crash the JVM).
 */
class MappedRegionTest {
    private static final int LENGTH = 4096;

    @TempDir
    Path dir;

    private Path file() throws Exception {
        Path f = dir.resolve("region");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(LENGTH));
        }
        return f;
    }

    @Test
    void twoMappingsOfOneFileSeeEachOthersWordsAtomicsAndBytes() throws Exception {
        Path f = file();
        MappedRegion a = MappedRegion.openReadWrite(f, LENGTH);
        MappedRegion b = MappedRegion.openReadWrite(f, LENGTH);

        a.setIntRelease(0, 7);
        assertEquals(7, b.getIntAcquire(0));
        assertTrue(b.compareAndSetInt(0, 7, 8));
        assertFalse(a.compareAndSetInt(0, 7, 9));
        assertEquals(8, a.getIntVolatile(0));
        assertEquals(8, a.getAndAddInt(0, 5));
        assertEquals(13, b.getAndSetInt(0, 1));
        assertEquals(1, a.getAndBitwiseOrInt(0, 6));
        assertEquals(7, b.getIntPlain(0));

        a.setLongRelease(8, Long.MIN_VALUE + 3);
        assertEquals(Long.MIN_VALUE + 3, b.getLongAcquire(8));
        assertTrue(b.compareAndSetLong(8, Long.MIN_VALUE + 3, 42L));
        assertEquals(42L, a.getAndAddLong(8, 1));
        assertEquals(43L, b.getAndSetLong(8, -1L));
        a.setLongVolatile(16, 99L);
        b.setLongPlain(24, 100L);
        assertEquals(99L, b.getLongVolatile(16));
        assertEquals(100L, a.getLongPlain(24));

        a.setShortPlain(32, (short) -2);
        a.setBytePlain(34, (byte) 0x5a);
        assertEquals((short) -2, b.getShortPlain(32));
        assertEquals((byte) 0x5a, b.getBytePlain(34));

        byte[] src = new byte[300];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 7);
        }
        a.putBytes(LENGTH - 200, src, 100, 200); // up to the last byte of the mapping
        byte[] dst = new byte[210];
        b.getBytes(LENGTH - 200, dst, 5, 200);
        byte[] want = new byte[210];
        System.arraycopy(src, 100, want, 5, 200);
        assertArrayEquals(want, dst);

        a.putString(512, 16, "h\u00e9llo, w\u00f6rld, too long");
        assertEquals("h\u00e9llo, w\u00f6r", b.getString(512, 16)); // cut at a character boundary to fit 12 bytes

        // the words are in the file as the machine's byte order puts them, which other readers of the file rely on
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.nativeOrder());
        assertEquals(7, raw.getInt(0));
        assertEquals(-1L, raw.getLong(8));
        assertEquals((short) -2, raw.getShort(32));
    }

    @Test
    void accessesOutsideTheMappingThrowAndChangeNothing() throws Exception {
        MappedRegion r = MappedRegion.openReadWrite(file(), LENGTH);
        assertThrows(IndexOutOfBoundsException.class, () -> r.getIntPlain(LENGTH - 2));
        assertThrows(IndexOutOfBoundsException.class, () -> r.getLongVolatile(LENGTH));
        assertThrows(IndexOutOfBoundsException.class, () -> r.setLongRelease(-8, 1L));
        assertThrows(IndexOutOfBoundsException.class, () -> r.compareAndSetInt(LENGTH, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.getBytePlain(LENGTH));
        assertThrows(IndexOutOfBoundsException.class, () -> r.putBytes(LENGTH - 10, new byte[11], 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> r.getBytes(0, new byte[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> r.putBytes(0, new byte[10], -1, 4));
        byte[] all = new byte[LENGTH];
        r.getBytes(0, all, 0, LENGTH);
        assertArrayEquals(new byte[LENGTH], all);
    }

    @Test
    void misalignedAtomicsThrowAndNameTheOffset() throws Exception {
        MappedRegion r = MappedRegion.openReadWrite(file(), LENGTH);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.compareAndSetInt(2, 0, 1));
        assertTrue(e.getMessage().contains("offset=2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> r.getAndAddLong(12, 1));
        assertThrows(IllegalStateException.class, () -> r.setIntRelease(1, 1));
        r.setLongPlain(3, 0x0102030405060708L); // plain accesses may sit anywhere
        assertEquals(0x0102030405060708L, r.getLongPlain(3));
    }

    @Test
    void writesThroughAReadOnlyMappingThrowAndTheFileKeepsItsContents() throws Exception {
        Path f = file();
        MappedRegion w = MappedRegion.openReadWrite(f, LENGTH);
        w.setIntVolatile(0, 5);
        MappedRegion r = MappedRegion.openReadOnly(f);
        assertTrue(r.isReadOnly());
        assertEquals(5, r.getIntVolatile(0));
        assertThrows(ReadOnlyBufferException.class, () -> r.setIntPlain(0, 1));
        assertThrows(ReadOnlyBufferException.class, () -> r.setIntRelease(0, 1));
        assertThrows(ReadOnlyBufferException.class, () -> r.compareAndSetInt(0, 5, 6));
        assertThrows(ReadOnlyBufferException.class, () -> r.getAndBitwiseOrInt(0, 2));
        assertThrows(ReadOnlyBufferException.class, () -> r.setLongRelease(8, 1L));
        assertThrows(ReadOnlyBufferException.class, () -> r.setBytePlain(0, (byte) 1));
        assertThrows(ReadOnlyBufferException.class, () -> r.putBytes(0, new byte[4], 0, 4));
        assertThrows(ReadOnlyBufferException.class, () -> r.putString(64, 16, "x"));
        assertEquals(5, w.getIntVolatile(0));
        assertEquals(0L, w.getLongPlain(8));
    }
}
