package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A standby JVM's warm-up, run in this JVM: it runs to its end, blocking phase included, and leaves nothing behind. */
class WarmupTest {
    @Test
    @Timeout(60)
    void aLargeItemFileTheWarmUpNeverReadIsRemovedAtTheEnd() throws Exception {
        assertNotNull(Warmup.prepare(), "no scratch mapping: warming is off or the runtime folder is not writable");
        SharedRuntime rt = Warmup.scratchRuntime();
        assertNotNull(rt);
        // What a warm-up stopped in the middle leaves: a large item written to its own file, never taken.
        io.mpscope.multiprocessing.shm.SegmentArena.Blob blob = rt.arena().newBlob();
        Files.write(blob.path(), new byte[8192]);
        assertTrue(Files.exists(blob.path()));

        Warmup.removeLeftovers();

        assertTrue(!Files.exists(blob.path()), "left behind: " + blob.path());
    }

    @Test
    @Timeout(120)
    void runsEveryPhaseAndLeavesNoFileOrThreadBehind() throws Exception {
        MappedRegion scratch = Warmup.prepare();
        assertNotNull(scratch, "no scratch mapping: warming is off or the runtime folder is not writable");
        String mine = "warmup-" + ProcessHandle.current().pid() + "-";
        try (Stream<java.nio.file.Path> files = Files.list(RuntimeDirectory.create())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(mine)),
                    "the scratch files are removed as soon as they are mapped");
        }

        Warmup.run(scratch);

        // The blocking phase (a consumer thread, the ring filling and emptying, wake-ups both ways) ran to its end:
        // it needs waiter rows, which the warm-up's registry of no session provides.
        assertEquals(Warmup.BLOCKING_ITEMS, Warmup.blockingItemsTaken());
        assertConsumerEnds("a warm-up thread is still running");

        // After the manager and pool warm-ups, the whole exercise runs again on the same region, blocking phase too.
        Warmup.resetBlockingTaken();
        Warmup.again();
        assertEquals(Warmup.BLOCKING_ITEMS, Warmup.blockingItemsTaken());
        assertConsumerEnds("a warm-up thread is still running after the second run");
    }

    /** Waits up to 5 s for the blocking phase's consumer thread to end, then asserts that it has. */
    private static void assertConsumerEnds(String message) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && threadAlive()) {
            Thread.sleep(20);
        }
        assertTrue(!threadAlive(), message);
    }

    private static boolean threadAlive() {
        // (a feeder thread, if the warm-up's queue started one, ends with its close(); other tests' feeders share
        // this JVM, so only the consumer is looked for by name)
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("mp-warmup-consumer"));
    }

    @Test
    void theScratchSweepRemovesTheFilesOfEndedProcessesOnly() throws Exception {
        java.nio.file.Path dir = RuntimeDirectory.create();
        long pid = ProcessHandle.current().pid();
        java.nio.file.Path dead = dir.resolve("warmup-999999991-123.tmp"); // no such process
        java.nio.file.Path live = dir.resolve("warmup-" + pid + "-"
                + io.mpscope.multiprocessing.shm.ProcFs.startTicks(pid) + ".tmp");
        Files.write(dead, new byte[1]);
        Files.write(live, new byte[1]);
        try {
            io.mpscope.multiprocessing.shm.SessionRegistry.sweepScratch();
            assertTrue(!Files.exists(dead), "the ended standby's scratch file is removed");
            assertTrue(Files.exists(live), "a live process's scratch file is kept");
        } finally {
            Files.deleteIfExists(dead);
            Files.deleteIfExists(live);
            RuntimeDirectory.removeIfEmpty();
        }
    }
}
