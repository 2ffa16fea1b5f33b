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
        // A child that does not end on SIGTERM within the grace period (busy in native code, say) is killed.
        child.kill();
        return child.join(Duration.ofSeconds(10));
    }
}
