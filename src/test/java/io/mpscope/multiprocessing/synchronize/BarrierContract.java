package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.ProcessTarget;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import io.mpscope.multiprocessing.testsupport.Poll;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import org.junit.jupiter.api.Test;

/** What Barrier must do: CPython's B1-B4 (§2.7), between threads and between processes. */
abstract class BarrierContract {
    static final Duration LONG = Duration.ofSeconds(30);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void partiesGetDistinctIndices() throws Exception {
        Barrier b = ctx.barrier(3);
        assertEquals(3, b.getParties());
        Array idx = ctx.rawArray(TypeCode.INT, 3);
        Elsewhere.Party p1 = elsewhere().start(() -> idx.setLong(1, b.await()));
        Elsewhere.Party p2 = elsewhere().start(() -> idx.setLong(2, b.await()));
        idx.setLong(0, b.await(LONG));
        assertTrue(p1.join(LONG) && p2.join(LONG));
        Set<Long> seen = new HashSet<>();
        for (long v : idx.toLongArray()) {
            seen.add(v);
        }
        assertEquals(Set.of(0L, 1L, 2L), seen);
    }

    @Test
    void timeoutBreaksTheBarrierForEveryone() throws Exception {
        Barrier b = ctx.barrier(3);
        Value broken = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party p = elsewhere().start(() -> {
            try {
                b.await(Duration.ofSeconds(20));
            } catch (BrokenBarrierException e) {
                broken.setInt(1);
            }
        });
        assertThrows(BrokenBarrierException.class, () -> b.await(Duration.ofMillis(300)));
        assertTrue(p.join(LONG));
        assertEquals(1, broken.getInt());
        assertTrue(b.isBroken());
        assertThrows(BrokenBarrierException.class, () -> b.await(Duration.ofSeconds(5)));
        b.reset();
        assertEquals(false, b.isBroken());
    }

    @Test
    void abortBreaksAWaitingParty() throws Exception {
        Barrier b = ctx.barrier(2);
        Value broken = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party p = elsewhere().start(() -> {
            try {
                b.await(Duration.ofSeconds(20));
            } catch (BrokenBarrierException e) {
                broken.setInt(1);
            }
        });
        long t0 = System.nanoTime();
        while (b.getNumberWaiting() < 1 && System.nanoTime() - t0 < 20_000_000_000L) {
            Thread.sleep(5);
        }
        assertEquals(1, b.getNumberWaiting());
        b.abort();
        assertTrue(p.join(LONG));
        assertEquals(1, broken.getInt());
        assertTrue(b.isBroken());
    }

    @Test
    void actionRunsOnceInTheLastParty() throws Exception {
        Value runs = ctx.rawValue(TypeCode.INT, 0);
        Value runner = ctx.rawValue(TypeCode.LONGLONG, 0);
        Runnable action = (Runnable & java.io.Serializable) () -> {
            runs.getAndAddInt(1);
            runner.setLong(ProcessHandle.current().pid());
        };
        Barrier b = ctx.barrier("with-action", 2, action, null);
        Elsewhere.Party p = elsewhere().start(() -> b.await());
        // the other party arrives first (a sleep was not enough on a loaded machine), so this one runs the action
        Poll.until(LONG, () -> b.getNumberWaiting() == 1, "the other party waits at the barrier");
        b.await(LONG);
        assertTrue(p.join(LONG));
        assertEquals(1, runs.getInt());
        assertEquals(ProcessHandle.current().pid(), runner.getLong());
    }

    @Test
    void barrierIsReusableForManyCycles() throws Exception {
        Barrier b = ctx.barrier(2);
        ProcessTarget other = () -> {
            for (int i = 0; i < 50; i++) {
                b.await();
            }
        };
        Elsewhere.Party p = elsewhere().start(other);
        for (int i = 0; i < 50; i++) {
            b.await(LONG);
        }
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
    }
}
