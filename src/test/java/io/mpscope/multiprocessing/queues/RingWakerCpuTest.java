package io.mpscope.multiprocessing.queues;

import static io.mpscope.multiprocessing.shm.QueueLayout.NOT_EMPTY_WAITERS_OFFSET;
import static io.mpscope.multiprocessing.shm.QueueLayout.NOT_EMPTY_WAKER_CPU_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A producer that wakes a sleeping consumer first writes its CPU beside the futex word, so that the woken consumer
 * can tell whether the kernel put it on the producer's CPU (and then move off it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RingWakerCpuTest {
    @Test
    void aWakeUpPublishesTheWakersCpu() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one CPU: the CPU is not published");
        Queue<Integer> q = Multiprocessing.getContext().queue();
        Ring ring = q.ring;
        assertEquals(0, ring.r.getIntVolatile(ring.base + NOT_EMPTY_WAKER_CPU_OFFSET), "a new ring has no waker");
        CompletableFuture<Integer> got = CompletableFuture.supplyAsync(() -> {
            try {
                return q.get();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The consumer looks for 0.5 ms, then sleeps on the futex: wait until it counts itself among the sleepers.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ring.r.getIntVolatile(ring.base + NOT_EMPTY_WAITERS_OFFSET) == 0) {
            assertTrue(System.nanoTime() < deadline, "the consumer never went to sleep");
            Thread.sleep(1);
        }
        q.put(42);
        assertEquals(42, got.get(30, TimeUnit.SECONDS));
        int published = ring.r.getIntVolatile(ring.base + NOT_EMPTY_WAKER_CPU_OFFSET);
        assertTrue(published >= 1 && published <= Runtime.getRuntime().availableProcessors(),
                "the waker's CPU + 1, got " + published);
    }
}
