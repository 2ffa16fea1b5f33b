package io.mpscope.multiprocessing.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Child-to-test reports through files: a child writes {@code <dir>/<key>} atomically (temp file and rename), the
 * test waits for it with a deadline. The directory travels to the child as a String (Path is not Serializable).
 */
public final class Results {
    private Results() {
    }

    /** Child side: publishes {@code value} under {@code key}. */
    public static void put(String dir, String key, Object value) {
        Path d = Path.of(dir);
        Path tmp = d.resolve(key + ".tmp" + ProcessHandle.current().pid());
        try {
            Files.writeString(tmp, String.valueOf(value), StandardCharsets.UTF_8);
            Files.move(tmp, d.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Child side: runs {@code what} and publishes its message (or "OK" if it does not throw) under {@code key}. */
    public static void putOutcome(String dir, String key, ThrowingRunnable what) {
        String outcome;
        try {
            what.run();
            outcome = "OK";
        } catch (Throwable t) {
            outcome = t.getClass().getName() + ": " + t.getMessage();
        }
        put(dir, key, outcome);
    }

    /** Child side: waits (bounded) until the test creates {@code <dir>/<key>}. */
    public static void awaitSignal(String dir, String key, Duration timeout) throws InterruptedException {
        Path p = Path.of(dir, key);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(p)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("signal never came: " + p);
            }
            Thread.sleep(10);
        }
    }

    /** Test side: creates {@code <dir>/<key>}, releasing a child waiting in {@link #awaitSignal}. */
    public static void signal(Path dir, String key) {
        put(dir.toString(), key, "go");
    }

    /** Test side: the value under {@code key}, or null if it is not there yet. */
    public static String peek(Path dir, String key) {
        Path p = dir.resolve(key);
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Test side: waits for {@code key} and returns its value. */
    public static String await(Path dir, String key, Duration timeout) {
        return Poll.value(timeout, () -> peek(dir, key), "child report '" + key + "' in " + dir);
    }

    /** A Runnable that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
