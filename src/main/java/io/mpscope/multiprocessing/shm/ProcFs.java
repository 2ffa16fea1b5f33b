package io.mpscope.multiprocessing.shm;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Process identity and liveness from {@code /proc}: a pid alone is not an identity (pids recycle), so every
 * record of a process keeps its start time in clock ticks since boot (field 22 of {@code /proc/<pid>/stat}).
 * A zombie ({@code Z}) or dead ({@code X}) process counts as not alive, unlike {@code ProcessHandle.isAlive()}.
 *
 * <p>Where {@code /proc} does not exist (macOS, Windows) the start time is taken from {@link ProcessHandle}
 * and liveness is {@code ProcessHandle.isAlive()}. Each call opens, reads and closes the stat file (about 15
 * microseconds, a small buffer and no Strings): slow paths only. A sampler that asks about the same processes
 * again and again uses a {@link ProcStatReader}.
 */
public final class ProcFs {
    /** Bytes read of a stat line: it is about 300 long, and the fields parsed end well within 1 KiB. */
    static final int STAT_BUFFER_LENGTH = 1024;

    private static final boolean HAS_PROC = Files.isDirectory(Path.of("/proc/self"));

    private ProcFs() {
    }

    /** True where {@code /proc} exists (Linux). */
    public static boolean hasProc() {
        return HAS_PROC;
    }

    /** The start time of {@code pid} in clock ticks since boot, or -1 if the process does not exist. */
    public static long startTicks(long pid) {
        if (!HAS_PROC) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                    .map(i -> i.toEpochMilli()).orElse(-1L);
        }
        StatLine s = stat(pid);
        return s == null ? -1 : s.startTicks();
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
        StatLine s = stat(pid);
        return s != null && !s.ended() && (startTicks < 0 || s.startTicks() == startTicks);
    }

    /** The one-letter state of {@code pid} (R, S, D, T, Z, ...), or '?' if it does not exist. */
    public static char state(long pid) {
        if (!HAS_PROC) {
            return ProcessHandle.of(pid).map(h -> h.isAlive() ? 'R' : 'X').orElse('?');
        }
        StatLine s = stat(pid);
        return s == null ? '?' : s.state();
    }

    /** The parsed {@code /proc/<pid>/stat}, or null if there is no such process (or the line is not readable). */
    static StatLine stat(long pid) {
        if (pid <= 0) {
            return null;
        }
        byte[] b = new byte[STAT_BUFFER_LENGTH];
        int n = 0;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            while (n < b.length) {
                int r = in.read(b, n, b.length - n);
                if (r <= 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            return null;
        }
        StatLine s = new StatLine();
        return s.parse(b, 0, n) ? s : null;
    }
}
