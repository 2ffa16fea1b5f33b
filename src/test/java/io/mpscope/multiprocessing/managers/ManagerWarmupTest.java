package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The standby JVM's manager warm-up leaves nothing behind. */
class ManagerWarmupTest {
    private static List<Path> warmFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("mpm-warm-")).toList();
        }
    }

    @Test
    void theUnixSocketWarmUpRemovesItsSocketAndFolder() throws Exception {
        List<Path> before = warmFolders();
        assertTrue(ManagerWarmup.warmUnixSockets(), "bound, connected, accepted, a byte went round");
        assertTrue(ManagerWarmup.warmUnixSockets());
        assertEquals(before, warmFolders());
    }

    @Test
    void theHmacWarmUpIsRemembered() {
        ManagerWarmup.warmHmac();
        assertTrue(ManagerWarmup.isHmacWarm());
    }
}
