package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.process.ExitCodes;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one launched child JVM: its pid, its exit code in CPython's convention, signals, and the
 * lifeline (the child's stdin, which this process holds open until it exits; EOF tells the child its parent is
 * gone). Python: {@code multiprocessing.popen_spawn_posix.Popen}.
 */
public final class ChildHandle {
    private final java.lang.Process process;
    private final SessionRegistry registry;
    private final int slot;
    private final OutputPump out;
    private final OutputPump err;
    private final CompletableFuture<Integer> exit;
    private volatile Integer exitCode;

    ChildHandle(java.lang.Process process, SessionRegistry registry, int slot, OutputPump out, OutputPump err) {
        this.process = process;
        this.registry = registry;
        this.slot = slot;
        this.out = out;
        this.err = err;
        this.exit = process.onExit().thenApply(p -> reap());
    }

    /** Computes and records the exit code once; the registry row becomes EXITED. */
    private synchronized int reap() {
        Integer c = exitCode;
        if (c != null) {
            return c;
        }
        int raw = process.exitValue();
        int kind = registry == null ? RegistryLayout.EXIT_NONE : registry.exitKind(slot);
        int recorded = registry == null ? 0 : registry.exitCode(slot);
        boolean normal = kind == RegistryLayout.EXIT_RETURNED || kind == RegistryLayout.EXIT_HOOK;
        int signal = kind == RegistryLayout.EXIT_SIGNAL ? recorded : 0;
        int code = ExitCodes.fromJava(raw, normal, signal);
        if (registry != null) {
            registry.recordReaped(slot, code);
        }
        exitCode = code;
        return code;
    }

    public long pid() {
        return process.pid();
    }

    /** The slot of the child in the session registry, or -1. */
    public int slot() {
        return slot;
    }

    /** The exit code once the child has ended; never blocks. */
    public OptionalInt exitCode() {
        Integer c = exitCode;
        if (c != null) {
            return OptionalInt.of(c);
        }
        if (process.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(reap());
    }

    /**
     * Waits for the child to end (null: without limit), then briefly for its output to be copied out, so that what
     * it printed appears before whatever the caller prints next.
     */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            process.waitFor();
        } else if (!process.waitFor(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
            return false;
        }
        reap();
        // A grandchild that inherited the pipe could hold it open: bound the wait for EOF.
        out.awaitEof(500);
        err.awaitEof(500);
        return true;
    }

    /** Completes when the child has ended and its exit code is known. */
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    /**
     * SIGTERM. Sent through the process handle: {@code java.lang.Process.destroy()} would also close the child's
     * pipes at once, losing what it prints while it dies and breaking its lifeline as if its parent had died.
     */
    public void terminate() {
        if (exitCode == null) {
            process.toHandle().destroy();
        }
    }

    /** SIGKILL (through the process handle, for the same reason as {@link #terminate()}). */
    public void kill() {
        if (exitCode == null) {
            process.toHandle().destroyForcibly();
        }
    }

    /** Closes the lifeline: a daemon child exits at once, a non-daemon child finishes and exits. */
    void closeLifeline() {
        try {
            OutputStream lifeline = process.getOutputStream();
            lifeline.close();
        } catch (IOException ignored) {
            // already closed or the child is gone
        }
    }

    /** Releases the OS resources held for an ended child (its pipes). */
    public void release() {
        closeLifeline();
        try {
            process.getInputStream().close();
            process.getErrorStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
