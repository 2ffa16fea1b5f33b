package io.mpscope.multiprocessing.spawn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The idle-CPU measure a standby replacement waits on. */
class CpuIdleTest {
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    @Test
    void readsThisMachinesCounters() {
        long[] s = CpuIdle.sample();
        assertNotNull(s, "/proc/stat's first line could not be read");
        assertTrue(s[0] >= 0 && s[1] >= s[0], "idle " + s[0] + " total " + s[1]);
    }

    @Test
    void idleCpusIsTheIdleShareOfTheTimeThatPassed() {
        assertEquals(CPUS * 0.25, CpuIdle.idleCpus(new long[] {100, 1000}, new long[] {125, 1100}), 1e-9);
        assertEquals(CPUS, CpuIdle.idleCpus(new long[] {100, 1000}, new long[] {200, 1100}), 1e-9);
        assertEquals(0.0, CpuIdle.idleCpus(new long[] {100, 1000}, new long[] {100, 1100}), 1e-9);
    }

    @Test
    void anUnknownOrEmptyIntervalCountsAsIdle() {
        assertEquals(CPUS, CpuIdle.idleCpus(null, new long[] {1, 2}), 1e-9);
        assertEquals(CPUS, CpuIdle.idleCpus(new long[] {1, 2}, null), 1e-9);
        assertEquals(CPUS, CpuIdle.idleCpus(new long[] {1, 2}, new long[] {1, 2}), 1e-9);
    }

    @Test
    void aBusyCpuIsSeenAsBusy() throws Exception {
        // one thread spinning for 300 ms: at most CPUS - 1 (plus noise) can be idle
        long[] before = CpuIdle.sample();
        long end = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x++;
        }
        double idle = CpuIdle.idleCpus(before, CpuIdle.sample());
        assertTrue(idle <= CPUS - 0.5, "idle CPUs " + idle + " while one spun (" + x + ")");
    }
}
