package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting command lines as a shell would, without a shell. */
class CommandLineTest {
    @Test
    void shouldSplitOnBlanks() {
        assertEquals(List.of("sleep", "30"), CommandLine.parse("  sleep \t 30 "));
        assertEquals(List.of(), CommandLine.parse("   "));
    }

    @Test
    void shouldKeepQuotedWordsTogether() {
        assertEquals(List.of("sh", "-c", "echo \"hi there\"; exit 3"),
                CommandLine.parse("sh -c 'echo \"hi there\"; exit 3'"));
        assertEquals(List.of("printf", "a\"b", "c d", ""), CommandLine.parse("printf \"a\\\"b\" c\\ d ''"));
        assertEquals(List.of("ab cd"), CommandLine.parse("a'b c'd"), "quotes join with what touches them");
        assertEquals(List.of("$HOME", "a\\b"), CommandLine.parse("'$HOME' \"a\\b\""), "no expansion");
    }

    @Test
    void shouldRejectUnclosedQuotesAndATrailingBackslash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("echo 'hi"));
        assertEquals("unterminated quote: quote=' position=5", e.getMessage());
        assertEquals("unterminated quote: quote=\" position=2",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("a \"b")).getMessage());
        assertEquals("trailing backslash: position=4",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("abc \\")).getMessage());
    }

    @Test
    void shouldJoinWordsSoThatTheyParseBack() {
        List<String> words = List.of("sh", "-c", "echo 'it''s'; exit 3", "", "plain-word");
        String line = CommandLine.join(words);
        assertEquals(words, CommandLine.parse(line));
        assertEquals("sleep 30", CommandLine.join(List.of("sleep", "30")));
    }
}
