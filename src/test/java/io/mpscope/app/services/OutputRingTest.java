package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bounded output ring of OS commands. */
class OutputRingTest {
    private static void append(OutputRing r, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        r.append(b, 0, b.length);
    }

    @Test
    void shouldKeepEverythingBelowCapacity() {
        OutputRing r = new OutputRing(16);
        append(r, "hello ");
        append(r, "world");
        assertEquals("hello world", r.tail());
        assertEquals(11, r.written());
    }

    @Test
    void shouldKeepOnlyTheNewestBytesAcrossTheEdge() {
        OutputRing r = new OutputRing(8);
        append(r, "0123456");
        append(r, "789ab");
        assertEquals("456789ab", r.tail());
        append(r, "a much longer chunk than the ring");
        assertEquals("the ring", r.tail());
        assertEquals(45, r.written());
    }

    @Test
    void shouldNotShowACharacterCutByTheEdge() {
        OutputRing r = new OutputRing(3);
        append(r, "x\u00e9\u00e8"); // 5 bytes: the ring keeps the second byte of \u00e9 and all of \u00e8
        assertEquals("\u00e8", r.tail());
    }
}
