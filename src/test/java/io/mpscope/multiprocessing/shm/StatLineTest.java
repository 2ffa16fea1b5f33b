package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing {@code /proc/<pid>/stat} lines from bytes: captured lines (fixtures/proc) and crafted ones. */
class StatLineTest {
    /** Fields 3..52 of a stat line, with state S, utime 153, stime 47, 24 threads, start 375000, rss 12000, cpu 1. */
    private static final String FIELDS = "S 4700 13519 32229 0 -1 4194304 120 0 0 0 153 47 0 0 20 0 24 0 375000"
            + " 3133440 12000 18446744073709551615 93872137158656 93872137178537 140734928811952 0 0 0 0 0 0 0 0 0"
            + " 17 1 0 0 0 0 0 93872137191424 93872137195520 93872164384768 140734928816469 140734928816475"
            + " 140734928816475 140734928818155 0";

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = StatLineTest.class.getResourceAsStream("/fixtures/proc/" + name)) {
            if (in == null) {
                throw new IOException("fixture missing: name=" + name);
            }
            return in.readAllBytes();
        }
    }

    private static StatLine parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        StatLine s = new StatLine();
        assertTrue(s.parse(b, 0, b.length), "parsed: " + line);
        return s;
    }

    private static boolean parses(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return new StatLine().parse(b, 0, b.length);
    }

    @Test
    void shouldReadTheFieldsTheObserverAndSamplerUse() throws IOException {
        byte[] b = fixture("stat-java.txt");
        StatLine s = new StatLine();
        assertTrue(s.parse(b, 0, b.length));
        assertEquals(4711, s.pid());
        assertEquals('S', s.state());
        assertFalse(s.ended());
        assertEquals(4700, s.ppid());
        assertEquals(153, s.userTicks());
        assertEquals(47, s.systemTicks());
        assertEquals(24, s.threads());
        assertEquals(375000, s.startTicks());
        assertEquals(12000, s.rssPages());
        assertEquals(1, s.processor());
    }

    @Test
    void shouldCountFieldsFromTheLastParenthesisOfACommandNameWithSpacesAndParentheses() throws IOException {
        StatLine s = parse("123 (a) b (c)) " + FIELDS + "\n");
        assertEquals(123, s.pid());
        assertEquals('S', s.state());
        assertEquals(4700, s.ppid());
        assertEquals(375000, s.startTicks());
        assertEquals(12000, s.rssPages());

        byte[] tmux = fixture("stat-comm-with-spaces.txt"); // "tmux: (client) "
        assertTrue(s.parse(tmux, 0, tmux.length));
        assertEquals(13526, s.pid());
        assertEquals('R', s.state());
        assertEquals(13519, s.ppid());
        assertEquals(379, s.rssPages());
        assertEquals(1, s.processor());
    }

    @Test
    void shouldNotBeFooledByFieldsInsideTheCommandName() throws IOException {
        // The name "evil) S 1 (2) " looks like it ends early and carries a state and a ppid of its own.
        byte[] b = fixture("stat-evil-comm.txt");
        StatLine s = new StatLine();
        assertTrue(s.parse(b, 0, b.length));
        assertEquals(4712, s.pid());
        assertEquals('R', s.state());
        assertEquals(1, s.ppid());
        assertEquals(10, s.userTicks() + s.systemTicks());
        assertEquals(2, s.threads());
        assertEquals(300, s.rssPages());
        assertEquals(0, s.processor());
    }

    @Test
    void shouldParseARangeOfABufferAsTheReaderHandsIt() {
        byte[] b = ("garbage(x) 1 2 3" + "4711 (java) " + FIELDS + "\nmore) garbage").getBytes(StandardCharsets.US_ASCII);
        int from = "garbage(x) 1 2 3".length();
        int to = from + ("4711 (java) " + FIELDS + "\n").length();
        StatLine s = new StatLine();
        assertTrue(s.parse(b, from, to));
        assertEquals(4711, s.pid());
        assertEquals(375000, s.startTicks());
        assertEquals(1, s.processor());
    }

    @Test
    void shouldTellZombiesAndDeadTasksEnded() {
        assertTrue(parse("9 (z) Z" + FIELDS.substring(1)).ended());
        assertTrue(parse("9 (x) X" + FIELDS.substring(1)).ended());
        assertFalse(parse("9 (t) T" + FIELDS.substring(1)).ended());
    }

    @Test
    void shouldAcceptALineCutAfterTheFieldsItKeepsOrWithoutTheProcessor() {
        String line = "4711 (java) " + FIELDS;
        int cpuField = line.indexOf(" 17 1 ") + 5; // field 39 ends here
        StatLine cut = parse(line.substring(0, cpuField + 1));
        assertEquals(1, cut.processor(), "a buffer full after field 39 is enough");
        StatLine old = parse(line.substring(0, line.indexOf(" 18446744073709551615")));
        assertEquals(12000, old.rssPages());
        assertEquals(-1, old.processor(), "a line that ends before field 39");
    }

    @Test
    void shouldRejectTruncatedAndNonNumericLines() {
        String line = "4711 (java) " + FIELDS;
        assertFalse(parses(line.substring(0, 60)), "too few fields");
        assertFalse(parses("4711 java S 1 2 3"), "no command name in parentheses");
        assertFalse(parses(line.replace(" 153 47 ", " 1x3 47 ")), "utime not a number");
        assertFalse(parses(line.replace(" 375000 ", " -5 ")), "a negative start time");
        assertFalse(parses("(java) " + FIELDS), "no pid");
        assertFalse(parses(""));
    }

    @Test
    void shouldReuseOneInstanceForEveryLine() {
        StatLine s = parse("1 (a) " + FIELDS);
        assertTrue(s.parse(("2 (b) R" + FIELDS.substring(1)).getBytes(StandardCharsets.US_ASCII), 0,
                ("2 (b) R" + FIELDS.substring(1)).length()));
        assertEquals(2, s.pid());
        assertEquals('R', s.state());
    }
}
