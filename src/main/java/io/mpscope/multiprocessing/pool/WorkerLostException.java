package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.ProcessException;
import io.mpscope.multiprocessing.process.ExitCodes;

/**
 * A pool worker died (killed, {@code System.exit}, a crash) while it held a task: the task fails with this exception
 * at once, naming the worker and its exit code, instead of never finishing. The pool starts a replacement and goes
 * on; tasks the dead worker had been sent but had not begun are given to other workers, not failed.
 *
 * <p>Python: none; CPython's {@code Pool} hangs forever in this case (gh-66587). The closest is
 * {@code concurrent.futures.process.BrokenProcessPool}.
 */
public class WorkerLostException extends ProcessException {
    private static final long serialVersionUID = 1L;
    private final String workerName;
    private final long pid;
    private final int exitCode;

    public WorkerLostException(String workerName, long pid, int exitCode, String pool) {
        super("pool worker died while it held this task: worker=" + workerName + " pid=" + pid + " exitcode="
                + ExitCodes.describe(exitCode) + " pool=" + pool);
        this.workerName = workerName;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** The worker's process name, e.g. {@code ForkPoolWorker-3}. */
    public String getWorkerName() {
        return workerName;
    }

    public long getPid() {
        return pid;
    }

    /** Its exit code, CPython's way: N for {@code System.exit(N)}, -N for death by signal N. */
    public int getExitCode() {
        return exitCode;
    }
}
