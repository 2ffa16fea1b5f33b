package io.mpscope.multiprocessing.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpscope.multiprocessing.shm.PidFds;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.ProcStatReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Telling processes alive snapshot after snapshot: through pidfds on real processes, and through stat lines. */
@Timeout(30)
class LivenessTest {
    @TempDir
    Path proc;
    private java.lang.Process sleeper;

    @AfterEach
    void stop() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    private long startSleeper() throws IOException {
        sleeper = new ProcessBuilder("sleep", "60").start();
        return sleeper.pid();
    }

    private void stat(long pid, char state, long startTicks) throws IOException {
        Path p = proc.resolve(pid + "/stat");
        Files.createDirectories(p.getParent());
        Files.writeString(p, pid + " (x) " + state + " 1 1 1 0 -1 0 0 0 0 0 5 5 0 0 20 0 3 0 " + startTicks
                + " 1000 50 18446744073709551615 1 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n");
    }

    @Test
    void shouldIdentifyAProcessOnceThenWatchItThroughItsPidfdUntilItEnds() throws Exception {
        assumeTrue(ProcFs.hasProc(), "needs /proc");
        PidFds pidfds = PidFds.load();
        assumeTrue(pidfds != null, "needs pidfds (Linux 5.3+)");
        long pid = startSleeper();
        long ticks = ProcFs.startTicks(pid);
        try (Liveness l = new Liveness(pidfds, new ProcStatReader())) {
            l.beginRound();
            assertTrue(l.alive(pid, ticks));
            assertTrue(l.lineRead(), "first seen: told by its stat line");
            assertEquals(ticks, l.line().startTicks());
            l.endRound();
            assertEquals(1, l.watchedCount());

            l.beginRound();
            assertTrue(l.alive(pid, ticks));
            assertFalse(l.lineRead(), "then by one poll of its pidfd");
            assertFalse(l.alive(pid, ticks + 1), "a process with that pid but another start time is not it");
            l.endRound();

            sleeper.destroyForcibly();
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            l.beginRound();
            assertFalse(l.alive(pid, ticks), "the poll tells it ended");
            l.endRound();
            assertEquals(0, l.watchedCount(), "its pidfd is closed");
            l.beginRound();
            assertFalse(l.alive(pid, ticks), "and it stays ended");
            l.endRound();
        }
    }

    @Test
    void shouldLetGoOfProcessesNoLongerAskedAbout() throws Exception {
        assumeTrue(ProcFs.hasProc(), "needs /proc");
        PidFds pidfds = PidFds.load();
        assumeTrue(pidfds != null, "needs pidfds (Linux 5.3+)");
        long pid = startSleeper();
        try (Liveness l = new Liveness(pidfds, new ProcStatReader())) {
            l.beginRound();
            assertTrue(l.alive(pid, ProcFs.startTicks(pid)));
            l.endRound();
            l.beginRound();
            l.endRound();
            assertEquals(0, l.watchedCount());
        }
    }

    @Test
    void shouldReadTheStatLineEverySnapshotWithoutPidfdsAndTellZombiesEnded() throws IOException {
        assumeTrue(ProcFs.hasProc(), "reads the fake tree only where /proc exists");
        stat(4711, 'S', 500);
        stat(4712, 'Z', 600);
        try (Liveness l = new Liveness(null, new ProcStatReader(proc.toString()))) {
            for (int round = 0; round < 2; round++) {
                l.beginRound();
                assertTrue(l.alive(4711, 500));
                assertTrue(l.lineRead(), "round " + round);
                assertEquals('S', l.line().state());
                assertFalse(l.alive(4712, 600), "a zombie has ended");
                assertFalse(l.alive(4713, 700), "no such process");
                l.endRound();
            }
            stat(4711, 'S', 900); // the pid now belongs to another process
            l.beginRound();
            assertFalse(l.alive(4711, 500));
            assertTrue(l.alive(4711, -1), "whichever process has the pid");
            l.endRound();
        }
    }

    @Test
    void shouldNotReadAnEndedProcessAgain() throws IOException {
        assumeTrue(ProcFs.hasProc(), "reads the fake tree only where /proc exists");
        stat(4712, 'Z', 600);
        try (Liveness l = new Liveness(null, new ProcStatReader(proc.toString()))) {
            l.beginRound();
            assertFalse(l.alive(4712, 600));
            l.endRound();
            stat(4712, 'S', 600); // were it read again, it would look alive (it cannot be: pid and start time)
            l.beginRound();
            assertFalse(l.alive(4712, 600), "ended stays ended");
            l.endRound();
        }
    }
}
