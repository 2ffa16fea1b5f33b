package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where CPython hangs forever: a lock holder killed with SIGKILL. A waiter takes the lock over and is told; a live
 * holder is never robbed. The trial count is {@code -Dmpscope.stress.trials=N} (3 in CI; the stress profile runs
 * more).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RobustnessIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    static final int TRIALS = Integer.getInteger("mpscope.stress.trials", 3);
    final Context ctx = Multiprocessing.getContext();

    private Process holder(AbstractLock lock, Event held) {
        Process p = children.track(ctx.process(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(120_000);
        }));
        p.start();
        return p;
    }

    @Test
    void killedLockHolderIsRecoveredNeverRobbed() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            Lock lock = ctx.lock("printer-" + trial);
            Event held = ctx.event();
            Process p = holder(lock, held);
            assertTrue(held.await(Duration.ofSeconds(30)), "trial " + trial + ": the child took the lock");
            assertFalse(lock.tryAcquire(Duration.ofMillis(300)), "a live owner is never robbed");
            p.kill();
            long t0 = System.nanoTime();
            assertTrue(lock.tryAcquire(Duration.ofSeconds(10)), "trial " + trial + ": recovered");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(lock.ownerDied(), "the taker-over is told");
            assertEquals(1, lock.recoveries());
            lock.release();
            assertFalse(lock.ownerDied());
            assertTrue(lock.tryAcquire(), "free again after the recovered holding ended");
            lock.release();
            System.out.println("lock recovered " + ms + " ms after SIGKILL (trial " + trial + ")");
            p.join(Duration.ofSeconds(10));
            assertEquals(-9, p.getExitCode().orElse(0));
        }
    }

    @Test
    void acquireCheckedThrowsOwnerDiedWithTheLockHeld() throws Exception {
        RLock lock = ctx.rLock("journal");
        Event held = ctx.event();
        Process p = holder(lock, held);
        assertTrue(held.await(Duration.ofSeconds(30)));
        p.kill();
        OwnerDiedException e = assertThrows(OwnerDiedException.class, lock::acquireChecked);
        assertEquals(p.getPid().orElse(-1), e.deadPid());
        assertTrue(e.getMessage().contains("journal"), e.getMessage());
        assertTrue(lock.isHeldByCurrentThread());
        assertEquals(1, lock.getHoldCount());
        lock.release();
    }

    @Test
    void childTakesOverALockWhoseOtherHolderDied() throws Exception {
        Lock lock = ctx.lock();
        Event held = ctx.event();
        Process p = holder(lock, held);
        assertTrue(held.await(Duration.ofSeconds(30)));
        Event got = ctx.event();
        Event recovered = ctx.event();
        Process waiter = children.track(ctx.process(() -> {
            lock.acquire();
            if (lock.ownerDied()) {
                recovered.set();
            }
            got.set();
            lock.release();
        }));
        waiter.start();
        assertFalse(got.await(Duration.ofMillis(300)));
        p.kill();
        assertTrue(got.await(Duration.ofSeconds(10)));
        assertTrue(recovered.isSet());
        assertTrue(waiter.join(Duration.ofSeconds(10)));
        assertEquals(0, waiter.getExitCode().orElse(-1));
    }

    @Test
    void barrierBreaksWhenAWaitingPartyDies() throws Exception {
        Barrier barrier = ctx.barrier(3);
        Process p = children.track(ctx.process(() -> barrier.await()));
        p.start();
        long t0 = System.nanoTime();
        while (barrier.getNumberWaiting() < 1 && System.nanoTime() - t0 < 30_000_000_000L) {
            Thread.sleep(10);
        }
        assertEquals(1, barrier.getNumberWaiting());
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(300);
                p.kill();
            } catch (InterruptedException ignored) {
                // test ends
            }
        });
        killer.start();
        BrokenBarrierException e = assertThrows(BrokenBarrierException.class,
                () -> barrier.await(Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("died"), e.getMessage());
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.isBroken());
        killer.join();
    }

    @Test
    void semaphorePermitsOfADeadHolderAreReturnedWhenAsked() throws Exception {
        Semaphore sem = ctx.semaphore("slots", 2);
        Event held = ctx.event();
        Process p = children.track(ctx.process(() -> {
            sem.acquire();
            sem.acquire();
            held.set();
            Thread.sleep(120_000);
        }));
        p.start();
        assertTrue(held.await(Duration.ofSeconds(30)));
        p.kill();
        assertTrue(p.join(Duration.ofSeconds(10)));
        assertFalse(sem.tryAcquire(Duration.ofMillis(200)), "off by default: a semaphore has no owner");
        sem.setReturnPermitsOfDeadHolders(true);
        assertTrue(sem.tryAcquire(Duration.ofSeconds(5)));
        assertEquals(1, sem.getValue());
        sem.release();
    }
}
