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

/**
 * What Lock and RLock must do, between threads and between processes: CPython's scenarios L1-L7
 * (../shared/reference/python-multiprocessing.md §2.6) and mutual exclusion.
 */
abstract class LockContract {
    static final Duration LONG = Duration.ofSeconds(30);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void newLockIsFreeAndShowsItsOwner() {
        Lock lock = ctx.lock();
        assertEquals("<Lock(owner=None)>", lock.toString());
        assertTrue(lock.tryAcquire());
        assertTrue(lock.toString().startsWith("<Lock(owner=" + Multiprocessing.currentProcess().getName()),
                lock.toString());
        lock.release();
        assertEquals("<Lock(owner=None)>", lock.toString());
    }

    @Test
    void heldLockTimesOutAndNegativeTimeoutMeansZero() throws Exception {
        Lock lock = ctx.lock();
        lock.acquire();
        assertFalse(lock.tryAcquire());
        long t0 = System.nanoTime();
        assertFalse(lock.tryAcquire(Duration.ofMillis(200)));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= 190, "waited " + waited + " ms");
        t0 = System.nanoTime();
        assertFalse(lock.tryAcquire(Duration.ofMillis(-1)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 100, "a negative timeout must not wait");
        lock.release();
    }

    @Test
    void lockIsNotReentrant() throws Exception {
        Lock lock = ctx.lock();
        lock.acquire();
        assertFalse(lock.tryAcquire(Duration.ofMillis(100)));
        lock.release();
    }

    @Test
    void releasingAnUnlockedLockFails() {
        Lock lock = ctx.lock();
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("semaphore or lock released too many times", e.getMessage());
    }

    @Test
    void anotherPartyMayReleaseALock() throws Exception {
        Lock lock = ctx.lock();
        lock.acquire();
        Elsewhere.Party p = elsewhere().start(lock::release);
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
        assertTrue(lock.tryAcquire(Duration.ofSeconds(5)));
        lock.release();
    }

    @Test
    void anotherPartyHoldingTheLockKeepsUsOut() throws Exception {
        Lock lock = ctx.lock();
        Event held = ctx.event();
        Event done = ctx.event();
        Elsewhere.Party p = elsewhere().start(() -> {
            lock.acquire();
            held.set();
            done.await(Duration.ofSeconds(20));
            lock.release();
        });
        assertTrue(held.await(LONG));
        assertFalse(lock.tryAcquire(Duration.ofMillis(150)));
        String repr = lock.toString();
        assertEquals(elsewhere().processes() ? "<Lock(owner=SomeOtherProcess)>" : "<Lock(owner=SomeOtherThread)>", repr);
        done.set();
        assertTrue(lock.tryAcquire(LONG), "the lock is free once the other party released it");
        lock.release();
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
    }

    @Test
    void lockExcludesMutually() throws Exception {
        Lock lock = ctx.lock("counter-lock");
        Value counter = ctx.rawValue(TypeCode.INT, 0);
        int per = 20_000;
        Event go = ctx.event();
        ProcessTargetHolder work = new ProcessTargetHolder(() -> {
            go.await();
            for (int i = 0; i < per; i++) {
                try (Held h = lock.hold()) {
                    counter.setInt(counter.getInt() + 1);
                }
            }
        });
        Elsewhere.Party a = elsewhere().start(work.target);
        Elsewhere.Party b = elsewhere().start(work.target);
        go.set();
        for (int i = 0; i < per; i++) {
            lock.acquire();
            counter.setInt(counter.getInt() + 1);
            lock.release();
        }
        assertTrue(a.join(LONG) && b.join(LONG));
        assertEquals(0, a.exitCode());
        assertEquals(0, b.exitCode());
        assertEquals(3 * per, counter.getInt());
    }

    @Test
    void rlockCountsItsLevels() {
        RLock r = ctx.rLock();
        assertEquals("<RLock(None, 0)>", r.toString());
        r.acquire();
        r.acquire();
        assertEquals("<RLock(" + Multiprocessing.currentProcess().getName() + ", 2)>",
                r.toString().replace("|" + Thread.currentThread().getName(), ""));
        assertEquals(2, r.getHoldCount());
        r.release();
        r.release();
        assertEquals("<RLock(None, 0)>", r.toString());
    }

    @Test
    void onlyTheOwnerMayReleaseAnRLock() throws Exception {
        RLock r = ctx.rLock();
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, r::release);
        assertEquals("attempt to release recursive lock not owned by thread", e.getMessage());
        r.acquire();
        Value caught = ctx.rawValue(TypeCode.INT, 0);
        Elsewhere.Party p = elsewhere().start(() -> {
            try {
                r.release();
            } catch (IllegalMonitorStateException x) {
                caught.setInt(1);
            }
        });
        assertTrue(p.join(LONG));
        assertEquals(1, caught.getInt(), "the other party's release must fail");
        assertTrue(r.isHeldByCurrentThread());
        r.release();
    }

    @Test
    void rlockExcludesOtherParties() throws Exception {
        RLock r = ctx.rLock();
        r.acquire();
        Value got = ctx.rawValue(TypeCode.INT, -1);
        Elsewhere.Party p = elsewhere().start(() -> got.setInt(r.tryAcquire(Duration.ofMillis(100)) ? 1 : 0));
        assertTrue(p.join(LONG));
        assertEquals(0, got.getInt());
        r.release();
    }

    /** A serializable target shared by several parties. */
    static final class ProcessTargetHolder {
        final io.mpscope.multiprocessing.process.ProcessTarget target;

        ProcessTargetHolder(io.mpscope.multiprocessing.process.ProcessTarget target) {
            this.target = target;
        }
    }
}
