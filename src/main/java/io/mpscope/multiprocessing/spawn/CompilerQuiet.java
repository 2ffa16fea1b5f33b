package io.mpscope.multiprocessing.spawn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Waits until this JVM's JIT compiler threads have gone quiet, so that a standby JVM is marked READY only once the
 * code its warm-up made hot is compiled. Without the wait a standby was marked READY with C2 still compiling for
 * another few hundred milliseconds, and those compiler threads took the CPU from the user's processes (measured on a
 * 2-CPU machine: an idle READY standby's C2 thread used 30% of the machine while a queue benchmark ran).
 *
 * <p>Reads the run time of the threads named {@code C1 CompilerThre...}/{@code C2 CompilerThre...} from
 * {@code /proc/self/task/<tid>/schedstat} (nanoseconds); quiet means less than {@link #BUSY_NANOS} of compiling in
 * each of {@link #QUIET_POLLS} polls {@link #POLL_MILLIS} ms apart. Without /proc it returns at once.
 */
public final class CompilerQuiet {
    static final long POLL_MILLIS = 20;
    static final int QUIET_POLLS = 3;
    public static final long BUSY_NANOS = 1_000_000;

    private CompilerQuiet() {
    }

    /**
     * Returns when the compiler threads are quiet, {@code maxMillis} passed, or {@code stop} answers true.
     *
     * @return true if they went quiet
     */
    static boolean await(long maxMillis, java.util.function.BooleanSupplier stop) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        long last = compilerNanos();
        if (last < 0) {
            return false;
        }
        int quiet = 0;
        while (quiet < QUIET_POLLS) {
            if (stop.getAsBoolean() || System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            long now = compilerNanos();
            if (now < 0) {
                return false;
            }
            quiet = now - last < BUSY_NANOS ? quiet + 1 : 0;
            last = now;
        }
        return true;
    }

    /** Nanoseconds this JVM's compiler threads have run, or -1 if /proc cannot tell. */
    public static long compilerNanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                String comm;
                try {
                    comm = Files.readString(t.resolve("comm"), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    continue; // the thread ended
                }
                if (!comm.startsWith("C1 CompilerThre") && !comm.startsWith("C2 CompilerThre")) {
                    continue;
                }
                try {
                    String stat = Files.readString(t.resolve("schedstat"), StandardCharsets.US_ASCII);
                    int sp = stat.indexOf(' ');
                    sum += Long.parseLong(sp < 0 ? stat.trim() : stat.substring(0, sp));
                } catch (IOException | NumberFormatException e) {
                    // the thread ended, or no schedstat: counted as idle
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }
}
