package io.mpscope.multiprocessing.process;

import io.mpscope.multiprocessing.shm.ProcFs;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The parent of a child process, as {@code parentProcess()} returns it in the child: its name and pid, whether it
 * is alive (by pid and start time, so a recycled pid does not count), and {@code join} that waits for it to end.
 * Python: {@code multiprocessing.process._ParentProcess}.
 */
final class ParentProcess extends Process {
    private static final long serialVersionUID = 1L;
    private final long pid;
    private final long startTicks;

    ParentProcess(String name, long pid, long startTicks) {
        super(name, new int[0], -1, null);
        this.pid = pid;
        this.startTicks = startTicks;
    }

    @Override
    String typeName() {
        return "_ParentProcess";
    }

    @Override
    public OptionalLong getPid() {
        return OptionalLong.of(pid);
    }

    @Override
    public boolean isAlive() {
        return startTicks >= 0 && ProcFs.isAlive(pid, startTicks);
    }

    @Override
    public OptionalInt getExitCode() {
        return OptionalInt.empty(); // not ours to reap
    }

    @Override
    public void join() throws InterruptedException {
        join(null);
    }

    /** Waits, polling every 20 ms, until the parent has ended or {@code timeout} has passed. */
    @Override
    public boolean join(Duration timeout) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (isAlive()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public String toString() {
        return "<_ParentProcess name='" + getName() + "' parent=None unknown>"; // CPython's words: not ours to know
    }
}
