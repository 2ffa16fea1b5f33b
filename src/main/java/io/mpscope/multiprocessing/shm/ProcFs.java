package io.mpscope.multiprocessing.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process identity and liveness from {@code /proc}: a pid alone is not an identity (pids recycle), so every
 * record of a process keeps its start time in clock ticks since boot (field 22 of {@code /proc/<pid>/stat}).
 * A zombie ({@code Z}) or dead ({@code X}) process counts as not alive, unlike {@code ProcessHandle.isAlive()}.
 *
 * <p>Where {@code /proc} does not exist (macOS, Windows) the start time is taken from {@link ProcessHandle}
 * and liveness is {@code ProcessHandle.isAlive()}. Costs tens of microseconds: slow paths only.
 */
public final class ProcFs {
    private static final boolean HAS_PROC = Files.isDirectory(Path.of("/proc/self"));

    private ProcFs() {
    }

    /** The start time of {@code pid} in clock ticks since boot, or -1 if the process does not exist. */
    public static long startTicks(long pid) {
        if (!HAS_PROC) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                    .map(i -> i.toEpochMilli()).orElse(-1L);
        }
        String[] f = statFields(pid);
        return f == null ? -1 : Long.parseLong(f[19]);
    }

    /** True if {@code pid} runs, was started at {@code startTicks}, and is neither a zombie nor dead. */
    public static boolean isAlive(long pid, long startTicks) {
        if (pid <= 0) {
            return false;
        }
        if (!HAS_PROC) {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().startInstant())
                    .map(i -> startTicks < 0 || i.toEpochMilli() == startTicks).orElse(false);
        }
        String[] f = statFields(pid);
        if (f == null) {
            return false;
        }
        char state = f[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') {
            return false;
        }
        return startTicks < 0 || Long.parseLong(f[19]) == startTicks;
    }

    /** The one-letter state of {@code pid} (R, S, D, T, Z, ...), or '?' if it does not exist. */
    public static char state(long pid) {
        if (!HAS_PROC) {
            return ProcessHandle.of(pid).map(h -> h.isAlive() ? 'R' : 'X').orElse('?');
        }
        String[] f = statFields(pid);
        return f == null ? '?' : f[0].charAt(0);
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name, so index 0 is field 3 (state) and
     * index 19 is field 22 (starttime). The command name may hold spaces and parentheses, hence the last ')'.
     */
    static String[] statFields(long pid) {
        String s;
        try {
            s = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        int close = s.lastIndexOf(')');
        if (close < 0 || close + 2 >= s.length()) {
            return null;
        }
        return s.substring(close + 2).trim().split(" ");
    }
}
