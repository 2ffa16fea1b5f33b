package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.synchronize.Held;
import io.mpscope.multiprocessing.synchronize.Lock;

/**
 * PyMOTW {@code multiprocessing_lock}: two children write to the shared stdout under one Lock, once with the
 * try-with-resources form (Python's {@code with lock:}) and once with explicit acquire/release.
 *
 * <p>Expected output (either order): {@code Lock acquired via with}, {@code Lock acquired directly}.
 */
public final class LockScenario {
    private LockScenario() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        Lock lock = ctx.lock("stdout");
        Process a = ctx.process(() -> {
            try (Held h = lock.hold()) {
                System.out.println("Lock acquired via with");
            }
        });
        Process b = ctx.process(() -> {
            lock.acquire();
            try {
                System.out.println("Lock acquired directly");
            } finally {
                lock.release();
            }
        });
        a.start();
        b.start();
        a.join();
        b.join();
    }
}
