package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The futex binding itself: a wait sleeps in the kernel for its timeout (the timespec reaches the kernel intact, so
 * a wait neither returns at once, which would turn every wait into a spin, nor sleeps for ever), and a wake-up ends
 * a long wait early.
 */
class FutexTest {
    private static MappedRegion region;

    @BeforeAll
    static void map() throws Exception {
        Path f = Files.createTempFile(RuntimeDirectory.create(), "futex-test-", ".tmp");
        Files.delete(f);
        region = MappedRegion.createUnlinked(f, 4096);
    }

    @Test
    void aWaitOnAnUnchangedWordSleepsForItsTimeout() {
        assertTrue(Futex.isKernelWait(), "JNA's futex binding did not load on this Linux machine");
        for (long ms : new long[] {120, 1_100}) { // below and above one second: both timespec fields are used
            long t0 = System.nanoTime();
            Futex.await(region, 0, 0, ms * 1_000_000);
            long took = (System.nanoTime() - t0) / 1_000_000;
            // a wait may end early on a signal or spuriously, but not again and again: allow one early return
            if (took < ms * 8 / 10) {
                t0 = System.nanoTime();
                Futex.await(region, 0, 0, ms * 1_000_000);
                took = (System.nanoTime() - t0) / 1_000_000;
            }
            assertTrue(took >= ms * 8 / 10, "a " + ms + " ms futex wait returned after " + took + " ms");
            assertTrue(took < ms + 5_000, "a " + ms + " ms futex wait took " + took + " ms");
        }
    }

    @Test
    void aWaitOnAChangedWordReturnsAtOnce() {
        region.setIntVolatile(64, 7);
        long t0 = System.nanoTime();
        Futex.await(region, 64, 6, 5_000_000_000L);
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(took < 2_000, "a wait whose word had already changed slept " + took + " ms");
    }

    @Test
    @Timeout(30)
    void aWakeUpEndsALongWait() throws Exception {
        AtomicLong took = new AtomicLong(-1);
        Thread waiter = new Thread(() -> {
            long t0 = System.nanoTime();
            Futex.await(region, 128, 0, 20_000_000_000L);
            took.set((System.nanoTime() - t0) / 1_000_000);
        });
        waiter.start();
        Thread.sleep(200);
        region.setIntVolatile(128, 1);
        Futex.wake(region, 128, 1);
        waiter.join(15_000);
        assertTrue(took.get() >= 0 && took.get() < 10_000, "the woken wait took " + took.get() + " ms");
    }
}
