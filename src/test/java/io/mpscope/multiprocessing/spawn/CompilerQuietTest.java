package io.mpscope.multiprocessing.spawn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Reading this JVM's compiler threads' run time, and waiting until they are quiet. */
class CompilerQuietTest {
    @Test
    void readsTheRunTimeOfThisJvmsCompilerThreads() {
        assertTrue(CompilerQuiet.compilerNanos() > 0, "a JVM that has run tests has compiled something");
    }

    @Test
    void aStopRequestEndsTheWaitAtOnce() {
        long t0 = System.nanoTime();
        assertFalse(CompilerQuiet.await(60_000, () -> true));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    @Test
    @Timeout(60)
    void returnsOnceNothingIsBeingCompiled() {
        assertTrue(CompilerQuiet.await(50_000, () -> false), "the compiler threads of an idle JVM went quiet");
    }
}
