package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.synchronize.Warmup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The standby JVM's manager warm-up works and leaves nothing behind. */
class ManagerWarmupTest {
    @Test
    void theUnixSocketWarmUpRemovesItsSocketWhichTheSweepWouldRemoveToo() throws Exception {
        Path sock = ManagerWarmup.warmSocketPath();
        assertTrue(ManagerWarmup.warmUnixSockets(), "bound, connected, accepted, a byte went round");
        assertTrue(ManagerWarmup.warmUnixSockets());
        assertFalse(Files.exists(sock), "socket left: " + sock);
        // one left by a JVM killed inside the window carries a name the session sweep removes once that JVM is dead
        String dead = sock.getFileName().toString().replaceFirst("^warmup-\\d+-", "warmup-999999999-");
        assertTrue(Warmup.isScratchOfDeadProcess(dead), dead);
        assertFalse(Warmup.isScratchOfDeadProcess(sock.getFileName().toString()), "this JVM is alive");
    }

    @Test
    void theHmacWarmUpIsRemembered() {
        ManagerWarmup.warmHmac();
        assertTrue(ManagerWarmup.isHmacWarm());
    }
}
