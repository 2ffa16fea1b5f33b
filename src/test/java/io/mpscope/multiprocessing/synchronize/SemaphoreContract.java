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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Semaphore and BoundedSemaphore must do: CPython's S1-S5 (§2.6), between threads and between processes. */
abstract class SemaphoreContract {
    static final Duration LONG = Duration.ofSeconds(30);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void countsPermitsAndTimesOut() throws Exception {
        Semaphore s = ctx.semaphore(2);
        assertEquals("<Semaphore(value=2)>", s.toString());
        assertEquals(2, s.getValue());
        s.acquire();
        s.acquire();
        assertFalse(s.tryAcquire());
        long t0 = System.nanoTime();
        assertFalse(s.tryAcquire(Duration.ofMillis(100)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 95);
        assertFalse(s.tryAcquire(Duration.ofMillis(-5)));
    }

    @Test
    void releaseHasNoUpperBound() throws Exception {
        Semaphore s = ctx.semaphore(2);
        s.acquire();
        s.acquire();
        s.release();
        s.release();
        s.release();
        assertEquals(3, s.getValue());
    }

    @Test
    void boundedSemaphoreRefusesToGoAboveItsValue() {
        BoundedSemaphore s = ctx.boundedSemaphore(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, s::release);
        assertEquals("semaphore or lock released too many times", e.getMessage());
        assertEquals("<BoundedSemaphore(value=2, maxvalue=2)>", s.toString());
    }

    @Test
    void negativeInitialValueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ctx.semaphore(-1));
        assertTrue(e.getMessage().contains("value=-1"), e.getMessage());
    }

    @Test
    void releaseElsewhereWakesAWaiter() throws Exception {
        Semaphore s = ctx.semaphore(0);
        Elsewhere.Party p = elsewhere().start(() -> {
            Thread.sleep(100);
            s.release();
        });
        assertTrue(s.tryAcquire(LONG));
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
    }

    @Test
    void atMostThreeInsideAtOnce() throws Exception {
        Semaphore s = ctx.semaphore("three", 3);
        Value inside = ctx.rawValue(TypeCode.INT, 0);
        Value maxInside = ctx.rawValue(TypeCode.INT, 0);
        Lock stats = ctx.lock();
        List<Elsewhere.Party> ps = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ps.add(elsewhere().start(() -> {
                for (int k = 0; k < 20; k++) {
                    try (Held h = s.hold()) {
                        try (Held g = stats.hold()) {
                            int n = inside.getInt() + 1;
                            inside.setInt(n);
                            maxInside.setInt(Math.max(n, maxInside.getInt()));
                        }
                        Thread.sleep(1);
                        try (Held g = stats.hold()) {
                            inside.setInt(inside.getInt() - 1);
                        }
                    }
                }
            }));
        }
        for (Elsewhere.Party p : ps) {
            assertTrue(p.join(LONG));
            assertEquals(0, p.exitCode());
        }
        assertTrue(maxInside.getInt() <= 3, "max inside " + maxInside.getInt());
        assertTrue(maxInside.getInt() >= 1);
        assertEquals(3, s.getValue());
    }
}
