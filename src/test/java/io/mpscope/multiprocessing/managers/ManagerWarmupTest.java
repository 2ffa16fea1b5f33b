package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import io.mpscope.multiprocessing.synchronize.Warmup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The standby JVM's manager warm-up steps work. */
class ManagerWarmupTest {
    @Test
    void theUnixSocketWarmUpOpensBothKindsOfChannel() {
        assertTrue(ManagerWarmup.warmUnixSockets());
        assertTrue(ManagerWarmup.warmUnixSockets());
    }

    @Test
    void theHmacWarmUpIsRemembered() {
        ManagerWarmup.warmHmac();
        assertTrue(ManagerWarmup.isHmacWarm());
    }

    @Test
    @Timeout(120)
    void theChannelPhaseRunsAClientAndTheServersChannelLoopOverASharedMemoryPipeAndLeavesNothing() throws Exception {
        assertNotNull(Warmup.prepare(), "no scratch mapping: the runtime folder is not writable");
        assertNotNull(Warmup.scratchRuntime(), "no runtime of no session for the warm-ups");
        ManagerWarmup.run();
        assertEquals(3, ManagerWarmup.rareRounds(), "the rare paths ran, every round");
        assertEquals(Integer.getInteger("mpscope.warmup.managerChannelRounds", 3_000), ManagerWarmup.channelRounds());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("mp-warmup-channel"))) {
            Thread.sleep(20);
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("mp-warmup-channel")), "the channel loop ended");
        String mine = "warmup-" + ProcessHandle.current().pid() + "-";
        try (Stream<Path> files = Files.list(RuntimeDirectory.create())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(mine)
                    || p.getFileName().toString().startsWith("0-")), "a file of the warm-up was left behind");
        }
    }
}
