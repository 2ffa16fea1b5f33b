package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What Condition must do: CPython's K1-K8 (§2.7), between threads and between processes. */
abstract class ConditionContract {
    static final Duration LONG = Duration.ofSeconds(30);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void newConditionShowsItsRLock() {
        Condition c = ctx.condition();
        assertEquals("<Condition(<RLock(None, 0)>, 0)>", c.toString());
        assertTrue(c.getLock() instanceof RLock);
    }

    @Test
    void waitAndSignalNeedTheLock() {
        Condition c = ctx.condition();
        IllegalMonitorStateException w = assertThrows(IllegalMonitorStateException.class,
                () -> c.await(Duration.ofMillis(100)));
        assertEquals("must acquire() condition before using wait()", w.getMessage());
        IllegalMonitorStateException n = assertThrows(IllegalMonitorStateException.class, c::signal);
        assertEquals("lock is not owned", n.getMessage());
        assertThrows(IllegalMonitorStateException.class, c::signalAll);
    }

    @Test
    void waitWithoutSignalTimesOut() throws Exception {
        Condition c = ctx.condition();
        try (Held h = c.hold()) {
            long t0 = System.nanoTime();
            assertFalse(c.await(Duration.ofMillis(200)));
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 190);
            assertTrue(c.getLock().isHeldByCurrentThread(), "the lock is held again after the wait");
        }
    }

    @Test
    void awaitForSeesAFlagSetElsewhere() throws Exception {
        Condition c = ctx.condition();
        Value flag = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party p = elsewhere().start(() -> {
            Thread.sleep(100);
            try (Held h = c.hold()) {
                flag.setInt(1);
                c.signalAll();
            }
        });
        try (Held h = c.hold()) {
            assertTrue(c.awaitFor(() -> flag.getInt() == 1, Duration.ofSeconds(20)));
        }
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
    }

    @Test
    void awaitForFalsePredicateTimesOutWithFalse() throws Exception {
        Condition c = ctx.condition();
        try (Held h = c.hold()) {
            long t0 = System.nanoTime();
            assertFalse(c.awaitFor(() -> false, Duration.ofMillis(300)));
            assertTrue((System.nanoTime() - t0) / 1_000_000 >= 290);
        }
    }

    @Test
    void signalAllWakesEveryWaiterAndSignalWakesOne() throws Exception {
        Condition c = ctx.condition();
        Value ready = ctx.rawValue(TypeCode.INT, 0);
        Value woke = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party[] ps = new Elsewhere.Party[3];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = elsewhere().start(() -> {
                try (Held h = c.hold()) {
                    ready.setInt(ready.getInt() + 1);
                    if (c.await(Duration.ofSeconds(20))) {
                        woke.setInt(woke.getInt() + 1);
                    }
                }
            });
        }
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 20_000_000_000L) {
            try (Held h = c.hold()) {
                if (ready.getInt() == 3 && c.waiting() == 3) {
                    break;
                }
            }
            Thread.sleep(5);
        }
        try (Held h = c.hold()) {
            assertEquals(3, c.waiting());
            c.signal();
        }
        Thread.sleep(300);
        try (Held h = c.hold()) {
            assertEquals(1, woke.getInt(), "signal() wakes exactly one waiter");
            c.signalAll();
        }
        for (Elsewhere.Party p : ps) {
            assertTrue(p.join(LONG));
            assertEquals(0, p.exitCode());
        }
        assertEquals(3, woke.getInt());
    }

    @Test
    void conditionOverAPlainLock() throws Exception {
        Lock lock = ctx.lock();
        Condition c = ctx.condition(lock);
        Value flag = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party p = elsewhere().start(() -> {
            try (Held h = c.hold()) {
                flag.setInt(1);
                c.signal();
            }
        });
        try (Held h = c.hold()) {
            assertTrue(c.awaitFor(() -> flag.getInt() == 1, Duration.ofSeconds(20)));
        }
        assertTrue(p.join(LONG));
    }
}
