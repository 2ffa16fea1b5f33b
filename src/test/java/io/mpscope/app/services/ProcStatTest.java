package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing captured {@code /proc/<pid>/stat} lines (src/test/resources/fixtures/proc). */
class ProcStatTest {
    static String fixture(String name) throws IOException {
        try (InputStream in = ProcStatTest.class.getResourceAsStream("/fixtures/proc/" + name)) {
            if (in == null) {
                throw new IOException("fixture missing: name=" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void shouldReadTheFieldsTheSamplerUses() throws IOException {
        ProcStat s = ProcStat.parse(fixture("stat-java.txt"));
        assertEquals(4711, s.pid());
        assertEquals("java", s.comm());
        assertEquals('S', s.state());
        assertEquals(4700, s.ppid());
        assertEquals(153, s.utimeTicks());
        assertEquals(47, s.stimeTicks());
        assertEquals(200, s.cpuTicks());
        assertEquals(24, s.threads());
        assertEquals(375000, s.startTicks());
        assertEquals(12000, s.rssPages());
        assertEquals(1, s.processor());
    }

    @Test
    void shouldKeepSpacesAndParenthesesOfTheCommandName() throws IOException {
        ProcStat s = ProcStat.parse(fixture("stat-comm-with-spaces.txt"));
        assertEquals("tmux: (client) ", s.comm());
        assertEquals('R', s.state());
        assertEquals(13519, s.ppid());
        assertEquals(379, s.rssPages());
        assertEquals(1, s.processor());
    }

    @Test
    void shouldNotBeFooledByFieldsInsideTheCommandName() throws IOException {
        // The name "evil) S 1 (2) " looks like it ends early and carries a state and a ppid of its own.
        ProcStat s = ProcStat.parse(fixture("stat-evil-comm.txt"));
        assertEquals(4712, s.pid());
        assertEquals("evil) S 1 (2) ", s.comm());
        assertEquals('R', s.state());
        assertEquals(1, s.ppid());
        assertEquals(10, s.cpuTicks());
        assertEquals(2, s.threads());
        assertEquals(300, s.rssPages());
        assertEquals(0, s.processor());
    }

    @Test
    void shouldParseASubrangeAsTheBufferReaderHandsIt() throws IOException {
        String line = fixture("stat-java.txt");
        String padded = "garbage" + line + "more garbage";
        ProcStat s = ProcStat.parse(padded, 7, 7 + line.length());
        assertEquals(4711, s.pid());
        assertEquals(1, s.processor());
    }

    @Test
    void shouldRejectTruncatedAndNonNumericLines() throws IOException {
        String line = fixture("stat-java.txt");
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse(line.substring(0, 60)));
        assertTrue(cut.getMessage().startsWith("malformed stat line: too few fields"), cut.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProcStat.parse("4711 java S 1 2 3"));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.parse(line.replace(" 153 47 ", " 1x3 47 ")));
        assertTrue(nan.getMessage().contains("value=1x3"), nan.getMessage());
    }
}
