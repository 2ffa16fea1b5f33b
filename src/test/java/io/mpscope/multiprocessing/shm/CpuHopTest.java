package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A hop moves the calling thread to another CPU at once and leaves its CPU mask as it was (so the thread may run
 * anywhere again, and a user's own mask is kept).
 */
class CpuHopTest {
    @Test
    void aHopMovesTheThreadToAnotherCpuAndKeepsItsMask() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: nowhere to hop to");
        String maskBefore = allowedCpus();
        long hopsBefore = CpuHop.hops();
        Thread.sleep(CpuHop.MIN_GAP_NANOS / 1_000_000 + 5); // past any other test's hop in this JVM
        int before = currentCpu();
        boolean moved = CpuHop.hop();
        boolean again = CpuHop.hop(); // at once: within the least gap between two hops
        int after = currentCpu();
        assertTrue(moved, "hop() did not move the thread (JNA's libc binding or sched_setaffinity failed)");
        assertNotEquals(before, after, "the thread is still on CPU " + before);
        assertEquals(hopsBefore + 1, CpuHop.hops());
        assertEquals(maskBefore, allowedCpus(), "the thread's CPU mask changed");
        assertTrue(!again, "a second hop right after the first moved the thread again");
    }

    @Test
    void runOnlyWhenIdlePutsTheCallingThreadAloneInSchedIdle() throws Exception {
        String[] policies = new String[2];
        Thread t = new Thread(() -> {
            try {
                boolean ok = CpuHop.runOnlyWhenIdle();
                policies[0] = ok + " " + policy(Path.of("/proc/thread-self/sched"));
            } catch (Exception e) {
                policies[0] = e.toString();
            }
        });
        t.start();
        t.join(30_000);
        policies[1] = policy(Path.of("/proc/thread-self/sched"));
        assertEquals("true 5", policies[0], "the thread's scheduling policy (5: SCHED_IDLE)");
        assertEquals("0", policies[1], "the calling test thread's own policy changed too");
    }

    private static String policy(Path sched) throws Exception {
        for (String line : Files.readAllLines(sched)) {
            if (line.startsWith("policy")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    @Test
    void cpuTellsTheCpuTheThreadRunsOn() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: hopping, and cpu(), are off");
        int cpu = CpuHop.cpu();
        int proc = currentCpu();
        int again = CpuHop.cpu();
        assertTrue(cpu >= 0 && cpu < Runtime.getRuntime().availableProcessors(), "cpu() = " + cpu);
        // The thread may move between the three looks; it stays put far more often than it moves twice.
        assertTrue(cpu == proc || again == proc, "cpu() said " + cpu + " then " + again + ", /proc said " + proc);
    }

    /** The CPU this thread last ran on: field 39 of /proc/thread-self/stat. */
    private static int currentCpu() throws Exception {
        String s = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[36]); // fields counted from the state (field 3)
    }

    private static String allowedCpus() throws Exception {
        return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElse("?");
    }
}
