package io.mpscope.app.services;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The scheduler state of an OS process as {@code ps} shows it: {@code R} running, {@code S} sleeping, {@code D}
 * waiting on IO, {@code T} stopped (SIGSTOP), {@code t} stopped by a tracer, {@code Z} zombie, {@code X} dead,
 * {@code I} idle; {@code ?} when unknown, {@code -} when there is no such process.
 *
 * @param letter the one-letter code
 */
public record OsState(char letter) {
    /** No process with that pid. */
    public static final OsState GONE = new OsState('-');
    /** The OS cannot tell. */
    public static final OsState UNKNOWN = new OsState('?');

    private static final boolean HAS_PROC = Files.isDirectory(Path.of("/proc/self"));

    /** True for {@code T} and {@code t}: the process is stopped (frozen). */
    public boolean stopped() {
        return letter == 'T' || letter == 't';
    }

    /** True if the process exists and has not ended (not gone, zombie or dead). */
    public boolean alive() {
        return letter != '-' && letter != 'Z' && letter != 'X' && letter != 'x';
    }

    /** The word for the letter: "running", "sleeping", "stopped", ... */
    public String word() {
        switch (letter) {
            case 'R':
                return "running";
            case 'S':
                return "sleeping";
            case 'D':
                return "waiting on IO";
            case 'T':
                return "stopped";
            case 't':
                return "stopped by tracer";
            case 'Z':
                return "zombie";
            case 'X':
            case 'x':
                return "dead";
            case 'I':
                return "idle";
            case 'W':
                return "paging";
            case 'P':
                return "parked";
            case '-':
                return "gone";
            default:
                return "unknown";
        }
    }

    /** "sleeping (S)", "stopped (T)", "gone". */
    public String describe() {
        return letter == '-' || letter == '?' ? word() : word() + " (" + letter + ")";
    }

    /**
     * Reads the state of {@code pid}: field 3 of {@code /proc/<pid>/stat} on Linux; elsewhere only whether it is
     * alive ({@link #UNKNOWN} or {@link #GONE}). Costs one small file read; never blocks on the process.
     */
    public static OsState of(long pid) {
        if (!HAS_PROC) {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? UNKNOWN : GONE;
        }
        String s;
        try {
            s = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            return GONE;
        }
        // The command name (field 2) may hold spaces and parentheses: the state follows the last ')'.
        int close = s.lastIndexOf(')');
        return close < 0 || close + 2 >= s.length() ? UNKNOWN : new OsState(s.charAt(close + 2));
    }
}
