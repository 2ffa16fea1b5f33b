package io.mpscope.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
}
