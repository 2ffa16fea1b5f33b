package io.mpscope.app.services;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell does for a simple command, without running a shell:
 * blanks separate words; {@code '...'} keeps everything literally; {@code "..."} keeps blanks and lets a backslash
 * escape {@code " \ $ `}; outside quotes a backslash escapes the next character. There is no expansion of
 * variables, globs or {@code ~}, and no pipes or redirections: {@code |} and {@code >} are ordinary characters.
 *
 * <pre>
 * sleep 30                      [sleep, 30]
 * sh -c 'echo "hi there"; exit 3'   [sh, -c, echo "hi there"; exit 3]
 * printf "a\"b" c\ d ''          [printf, a"b, c d, ""]
 * </pre>
 */
public final class CommandLine {
    private CommandLine() {
    }

    /**
     * The words of {@code line}.
     *
     * @throws IllegalArgumentException "unterminated quote: quote=' position=7" or "trailing backslash: position=3"
     */
    public static List<String> parse(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated quote: quote=' position=" + i);
                }
                word.append(line, i + 1, close);
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                int start = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quote: quote=\" position=" + start);
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("trailing backslash: position=" + i);
                }
                char next = line.charAt(i + 1);
                if (next != '\n') { // a backslash-newline joins lines, as in a shell
                    word.append(next);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Quotes {@code words} so that {@link #parse} gives them back: for display of a parsed command. */
    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (!w.isEmpty() && w.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || "-_./=:,+@%".indexOf(ch) >= 0)) {
                sb.append(w);
            } else {
                sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
            }
        }
        return sb.toString();
    }
}
