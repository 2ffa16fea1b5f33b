package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.serialization.ItemCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manager protocol's payloads: the bytes {@code DataOutput} wrote before, and every malformed input refused. */
class MessagesTest {
    private static final List<String> STRINGS = List.of("", "put", "__getattribute__", "caf\u00e9", "\u65e5\u672c",
            "nul\u0000inside", "emoji \ud83d\ude00", "x".repeat(70));

    @Test
    void writesWhatDataOutputWrote() throws IOException {
        for (String s : STRINGS) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.writeByte(Messages.CALL);
            d.writeLong(-2L);
            d.writeLong(0x0102030405060708L);
            d.writeUTF(s);
            d.writeInt(-7);
            d.writeByte(1);
            ItemCodec.Encoded e = ItemCodec.encode(42, "x");
            d.writeByte(e.tag());
            d.writeInt(e.payload().length);
            d.write(e.payload());
            byte[] mine = new Messages.Out(Messages.CALL).longValue(-2L).longValue(0x0102030405060708L).utf(s)
                    .intValue(-7).bool(true).value(42, "x").toByteArray();
            assertArrayEquals(b.toByteArray(), mine, "encoding of " + s);
        }
    }

    @Test
    void readsBackEverythingItWrote() throws IOException {
        for (String s : STRINGS) {
            byte[] p = new Messages.Out(Messages.CREATE).longValue(Long.MIN_VALUE).utf(s).intValue(Integer.MIN_VALUE)
                    .bool(false).values(new Object[] {null, -1, "v\u00e9", List.of(1, 2)}, "args").toByteArray();
            Messages.In in = new Messages.In(p);
            assertEquals(Messages.CREATE, in.first());
            assertEquals(Long.MIN_VALUE, in.longValue());
            assertEquals(s, in.utf());
            assertEquals(Integer.MIN_VALUE, in.intValue());
            assertFalse(in.bool());
            Object[] v = in.values();
            assertNull(v[0]);
            assertEquals(-1, v[1]);
            assertEquals("v\u00e9", v[2]);
            assertEquals(List.of(1, 2), v[3]);
            assertThrows(EOFException.class, in::first, "past the end");
        }
    }

    @Test
    void growsPastItsFirstArray() throws IOException {
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        byte[] p = new Messages.Out(Messages.CALL).value(big, "big").utf("after").toByteArray();
        Messages.In in = new Messages.In(p);
        in.first();
        assertArrayEquals(big, (byte[]) in.value());
        assertEquals("after", in.utf());
    }

    @Test
    void cutsLongStringsAsBefore() throws IOException {
        String s = "\u20ac".repeat(20_000); // 3 bytes each
        Messages.In in = new Messages.In(new Messages.Out(Messages.OK).utf(s).toByteArray());
        in.first();
        assertEquals(s.substring(0, 16_000), in.utf());
    }

    @Test
    void truncatedFramesAreIoErrorsNamingTheShortfall() {
        byte[] p = new Messages.Out(Messages.CALL).longValue(5).utf("method").values(new Object[] {1}, "a")
                .toByteArray();
        for (int cut = 0; cut < p.length; cut++) {
            Messages.In in = new Messages.In(Arrays.copyOf(p, cut));
            IOException e = assertThrows(IOException.class, () -> {
                in.first();
                in.longValue();
                in.utf();
                in.values();
            }, "cut at " + cut);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "a message for cut " + cut);
        }
    }

    @Test
    void badLengthsAndCountsAreRefused() {
        byte[] badItem = new Messages.Out(Messages.OK).toByteArray();
        badItem = Arrays.copyOf(badItem, 6);
        badItem[1] = 1; // tag
        badItem[2] = 0x7F; // length 0x7F000000
        Messages.In in = new Messages.In(badItem);
        IOException e = assertThrows(IOException.class, () -> {
            in.first();
            in.value();
        });
        assertTrue(e.getMessage().contains("bad item length"), e.getMessage());

        Messages.In count = new Messages.In(new Messages.Out(Messages.CALL).intValue(256).toByteArray());
        IOException c = assertThrows(IOException.class, () -> {
            count.first();
            count.values();
        });
        assertTrue(c.getMessage().contains("bad argument count: count=256"), c.getMessage());
    }

    @Test
    void malformedModifiedUtf8IsRefused() {
        byte[] p = {Messages.OK, 0, 2, (byte) 0xC3, (byte) 0x28}; // a 2-byte lead without its continuation
        Messages.In in = new Messages.In(p);
        assertThrows(UTFDataFormatException.class, () -> {
            in.first();
            in.utf();
        });
    }

    /** An exception with a field that does not serialize. */
    static final class Unsendable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final transient Object fine = new Object();
        @SuppressWarnings({"unused", "serial"})
        private final Object notFine = new Object();

        Unsendable() {
            super("cannot travel");
        }
    }

    @Test
    void anErrorWhoseExceptionDoesNotSerializeCarriesItsTextAndNoObject() throws IOException {
        Messages.In in = new Messages.In(Messages.error(new Unsendable(), true));
        assertEquals(Messages.REFERENT_ERROR, in.first());
        assertEquals(Unsendable.class.getName(), in.utf());
        assertEquals("cannot travel", in.utf());
        assertTrue(((String) in.value()).contains("cannot travel"), "the stack text");
        assertNull(in.value(), "no exception object");
        assertThrows(EOFException.class, in::first, "nothing after it");

        Messages.In ok = new Messages.In(Messages.error(new IllegalStateException("fine"), false));
        assertEquals(Messages.SERVER_ERROR, ok.first());
        ok.utf();
        ok.utf();
        ok.value();
        assertEquals("fine", ((IllegalStateException) ok.value()).getMessage());
    }
}
