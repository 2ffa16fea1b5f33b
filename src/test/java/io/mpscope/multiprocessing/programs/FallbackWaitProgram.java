package io.mpscope.multiprocessing.programs;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.synchronize.Condition;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Held;
import io.mpscope.multiprocessing.synchronize.Lock;
import io.mpscope.multiprocessing.synchronize.Semaphore;
import java.time.Duration;

/**
 * Run with {@code -Dmpscope.futex.disable=true}: this root waits without futexes (the portable fallback: park and
 * re-check), while its child uses them; every hand-off must still work. Prints {@code ok} at the end.
 */
public final class FallbackWaitProgram {
    private FallbackWaitProgram() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        Lock lock = ctx.lock();
        Event held = ctx.event();
        Event ev = ctx.event();
        Semaphore ping = ctx.semaphore(0);
        Semaphore pong = ctx.semaphore(0);
        Condition cond = ctx.condition();
        Event condReady = ctx.event();
        Process child = ctx.process(() -> {
            lock.acquire();
            held.set();
            Thread.sleep(200);
            lock.release();
            Thread.sleep(100);
            ev.set();
            for (int i = 0; i < 200; i++) {
                ping.acquire();
                pong.release();
            }
            condReady.await();
            Thread.sleep(100);
            try (Held h = cond.hold()) {
                cond.signalAll();
            }
        });
        child.start();
        check(held.await(Duration.ofSeconds(30)), "child holds the lock");
        check(lock.tryAcquire(Duration.ofSeconds(10)), "lock acquired after the child released it");
        lock.release();
        check(ev.await(Duration.ofSeconds(10)), "event seen");
        for (int i = 0; i < 200; i++) {
            ping.release();
            check(pong.tryAcquire(Duration.ofSeconds(10)), "pong " + i);
        }
        try (Held h = cond.hold()) {
            condReady.set();
            check(cond.await(Duration.ofSeconds(10)), "condition signalled");
        }
        child.join();
        check(child.getExitCode().orElse(-1) == 0, "child exit code 0");
        check(!Futex.isKernelWait(), "this root used the fallback");
        System.out.println("ok");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("failed: " + what);
        }
    }
}
