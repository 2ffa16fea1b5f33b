package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pidfds on real processes, where the kernel has them. */
@Timeout(30)
class PidFdsTest {
    /** A pid that does not exist (above the kernel's pid_max). */
    private static final long NO_PID = (1L << 22) + 12345;

    @Test
    void shouldTellARunningProcessFromOneThatEnded() throws Exception {
        PidFds p = PidFds.load();
        assumeTrue(p != null, "needs Linux 5.3+ with pidfds");
        java.lang.Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            int me = p.open(ProcessHandle.current().pid());
            int fd = p.open(sleeper.pid());
            assertTrue(me >= 0 && fd >= 0, "fds: " + me + " " + fd);
            byte[] states = new byte[2];
            p.poll(new int[] {me, fd}, 2, states);
            assertEquals(PidFds.RUNNING, states[0]);
            assertEquals(PidFds.RUNNING, states[1]);

            sleeper.destroyForcibly();
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            p.poll(new int[] {me, fd}, 2, states);
            assertEquals(PidFds.RUNNING, states[0], "this JVM runs");
            assertEquals(PidFds.ENDED, states[1], "the reaped child has ended");
            p.close(me);
            p.close(fd);
            assertEquals(PidFds.NO_PROCESS, p.open(NO_PID));
        } finally {
            sleeper.destroyForcibly();
        }
    }
}
