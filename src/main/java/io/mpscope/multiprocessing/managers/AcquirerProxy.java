package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.synchronize.Held;
import java.time.Duration;

/**
 * A Lock, RLock, Semaphore or BoundedSemaphore living in a manager's server. An RLock or a Condition's lock is owned
 * by the thread that acquired it (each client thread has its own connection and server thread).
 *
 * <p>Python: {@code multiprocessing.managers.AcquirerProxy} ({@code manager.Lock()}, {@code manager.Semaphore(n)}).
 */
public class AcquirerProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    AcquirerProxy(Token token, byte[] authkey, String kind) {
        super(token, authkey, kind);
    }

    /** Blocks until acquired. Python: {@code acquire()}. */
    public void acquire() {
        call("acquire", true, null);
    }

    /** Acquires if free now. Python: {@code acquire(False)}. */
    public boolean tryAcquire() {
        return this.<Boolean>call("acquire", false, null);
    }

    /** Waits at most {@code timeout}; false on timeout. Python: {@code acquire(timeout=t)}. */
    public boolean tryAcquire(Duration timeout) {
        return this.<Boolean>call("acquire", true, timeout.toNanos() / 1e9);
    }

    /**
     * Releases.
     *
     * @throws IllegalStateException if not held (an RLock or Condition: not held by this thread; a
     *                               BoundedSemaphore: released above its value)
     */
    public void release() {
        call("release");
    }

    /** Acquires, for try-with-resources: {@code try (Held h = lock.hold()) {...}}. Python: {@code with lock:}. */
    public Held hold() {
        acquire();
        return this::release;
    }
}
