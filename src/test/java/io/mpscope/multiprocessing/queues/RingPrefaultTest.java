package io.mpscope.multiprocessing.queues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Prefaulting a ring maps its pages into this process and changes nothing in it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingPrefaultTest {
    @Test
    void prefaultMapsTheRingsPagesAndLeavesItsItemsAsTheyWere() throws Exception {
        Queue<Object> q = Multiprocessing.getContext().queue();
        try {
            byte[] big = new byte[100_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            q.put(7L);
            q.put(big);
            long faultsBefore = minorFaults();
            q.ring.prefault();
            long faults = minorFaults() - faultsBefore;
            // 1 MiB of ring: 256 pages, of which the two items touched about 25; the others are not in memory yet, so
            // each is a fault of its own (the kernel's fault-around maps only pages that exist)
            assertTrue(faults >= 100, "too few page faults: the ring's pages were mapped already? faults=" + faults);
            assertEquals(7L, q.get(java.time.Duration.ofSeconds(5)));
            assertArrayEquals(big, (byte[]) q.get(java.time.Duration.ofSeconds(5)));
            q.ring.prefault(); // again: all mapped now
            long again = minorFaults() - faultsBefore - faults;
            assertTrue(again < faults / 4, "a second prefault faulted again: " + again + " after " + faults);
        } finally {
            q.close();
        }
    }

    /** This process's minor page faults so far (field 10 of /proc/self/stat). */
    private static long minorFaults() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[7]);
    }
}
