package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What Event must do: CPython's E1-E4 (§2.7), between threads and between processes. */
abstract class EventContract {
    static final Duration LONG = Duration.ofSeconds(30);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void newEventIsClearAndWaitTimesOut() throws Exception {
        Event e = ctx.event();
        assertFalse(e.isSet());
        long t0 = System.nanoTime();
        assertFalse(e.await(Duration.ofMillis(200)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 190);
    }

    @Test
    void setElsewhereWakesTheWaiter() throws Exception {
        Event e = ctx.event();
        Elsewhere.Party p = elsewhere().start(() -> {
            Thread.sleep(300);
            e.set();
        });
        long t0 = System.nanoTime();
        assertTrue(e.await(LONG));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 250, "woke after " + ms + " ms");
        assertTrue(p.join(LONG));
    }

    @Test
    void waitZeroReturnsTheFlag() throws Exception {
        Event e = ctx.event();
        e.set();
        assertTrue(e.await(Duration.ZERO));
        e.clear();
        assertFalse(e.isSet());
        assertFalse(e.await(Duration.ZERO));
    }

    @Test
    void timedWaiterSeesFalseBlockingWaiterSeesTrue() throws Exception {
        // PyMOTW event: wait(2) while main sets the event later: the timed waiter reports False
        Event e = ctx.event();
        Value timed = ctx.rawValue(TypeCode.INT, -1);
        Value blocking = ctx.rawValue(TypeCode.INT, -1);
        Elsewhere.Party a = elsewhere().start(() -> timed.setInt(e.await(Duration.ofMillis(200)) ? 1 : 0));
        Elsewhere.Party b = elsewhere().start(() -> {
            e.await();
            blocking.setInt(e.isSet() ? 1 : 0);
        });
        assertTrue(a.join(LONG));
        e.set();
        assertTrue(b.join(LONG));
        assertEquals(0, timed.getInt());
        assertEquals(1, blocking.getInt());
    }

    @Test
    void setWakesEveryWaiter() throws Exception {
        Event e = ctx.event();
        Value woke = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party[] ps = new Elsewhere.Party[4];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = elsewhere().start(() -> {
                if (e.await(Duration.ofSeconds(20))) {
                    woke.getAndAddInt(1);
                }
            });
        }
        Thread.sleep(200);
        e.set();
        for (Elsewhere.Party p : ps) {
            assertTrue(p.join(LONG));
        }
        assertEquals(4, woke.getInt());
    }
}
