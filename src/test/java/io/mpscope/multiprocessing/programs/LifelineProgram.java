package io.mpscope.multiprocessing.programs;

import static io.mpscope.multiprocessing.Multiprocessing.parentProcess;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.Results;
import java.time.Duration;

/**
 * Starts a daemon and a non-daemon child that report their pids, then waits to be SIGKILLed. The non-daemon child
 * waits for the test's "go" (sent after the root died), then reports whether it still sees its parent alive.
 *
 * <p>Args: a folder for reports.
 */
public final class LifelineProgram {
    private LifelineProgram() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Process d = new Process("daemon", () -> {
            Results.put(dir, "daemon.pid", ProcessHandle.current().pid());
            Thread.sleep(60_000);
        });
        d.setDaemon(true);
        Process n = new Process("non-daemon", () -> {
            Results.put(dir, "nondaemon.pid", ProcessHandle.current().pid());
            Results.awaitSignal(dir, "go", Duration.ofSeconds(60));
            Results.put(dir, "nondaemon.done", "parentAlive=" + parentProcess().isAlive());
        });
        d.start();
        n.start();
        Results.put(dir, "root.ready", ProcessHandle.current().pid());
        Thread.sleep(60_000);
    }
}
