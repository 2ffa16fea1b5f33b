package io.mpscope.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.synchronize.Warmup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standby JVM's pool warm-up runs a worker's chunk loop over rings of no session, and its thread ends. */
class PoolWarmupTest {
    @Test
    @Timeout(120)
    void everyChunkOfEveryShapeIsAnsweredAndTheWorkerThreadStops() throws Exception {
        assertNotNull(Warmup.prepare(), "no scratch mapping: the runtime folder is not writable");
        assertNotNull(Warmup.scratchRuntime(), "no runtime of no session for the warm-ups");
        // first 4 bursts of one chunk of each of 5 shapes; the wait paths (3 bursts of 8 one-task chunks held at the
        // result ring's lock, then 8 after an idle) before the first round and again before round 3 / 2; a round:
        // three bursts of 16 one-task chunks, 3 chunks of longs, 2 of ints, 3 of doubles, records, pairs; then
        // slices of 32 bursts of 32 one-task chunks, at least 6
        int answered = PoolWarmup.exercise(Warmup.scratchRuntime(), 3);
        int slices = PoolWarmup.lastOneTaskSlices();
        assertTrue(slices >= 6 && slices <= 24, "one-task slices: " + slices);
        assertEquals(4 * 5 + 2 * (3 * 8 + 8) + 3 * (16 * 3 + 3 + 2 + 3) + slices * 32 * 32, answered);
        assertTrue(PoolWarmup.lastPutWaits() >= 1,
                "the workers never slept on the result ring's put lock: " + PoolWarmup.lastPutWaits());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && workerThreadAlive()) {
            Thread.sleep(20);
        }
        assertTrue(!workerThreadAlive(), "the warm-up's worker thread ended");
    }

    @Test
    void theCodecDrillSendsEveryRunThereAndBackInEachPacking() throws Exception {
        // 16 runs: longs, ints (run 5), doubles (run 6), mixed records (run 7), by whole chunks and by small batches
        assertEquals(16 * 1024, PoolWarmup.drill(16));
    }

    private static boolean workerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("mp-warmup-pool-worker"));
    }
}
