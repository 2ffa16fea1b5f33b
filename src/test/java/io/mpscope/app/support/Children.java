package io.mpscope.app.support;

import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;

/** Ends the child processes that tests start. */
public final class Children {
    private Children() {
    }

    /**
     * Terminates {@code child} and joins it; if it has not ended after {@code grace}, kills it and joins again.
     *
     * @return whether it has ended
     */
    public static boolean stop(Process child, Duration grace) throws InterruptedException {
        if (child == null || child.getPid().isEmpty()) {
            return true;
        }
        child.terminate();
        if (child.join(grace)) {
            return true;
        }
        // terminate() does not yet end a child whose SIGTERM handler is installed (the handler records -15, then
        // Signal.raise throws and the JVM lives on): kill() is the fallback until the library is fixed.
        child.kill();
        return child.join(Duration.ofSeconds(10));
    }
}
