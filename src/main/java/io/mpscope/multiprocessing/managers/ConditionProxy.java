package io.mpscope.multiprocessing.managers;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A Condition living in a manager's server, over a server-side RLock.
 *
 * <p>Python: {@code multiprocessing.managers.ConditionProxy} ({@code manager.Condition()}).
 */
public final class ConditionProxy extends AcquirerProxy {
    private static final long serialVersionUID = 1L;

    ConditionProxy(Token token, byte[] authkey) {
        super(token, authkey, "Condition");
    }

    /** Releases the lock, waits for a signal, re-acquires. Python: {@code wait()}. */
    public void await() {
        call("wait", (Object) null);
    }

    /** As {@link #await()}, at most {@code timeout}; false on timeout. Python: {@code wait(timeout)}. */
    public boolean await(Duration timeout) {
        return this.<Boolean>call("wait", timeout.toNanos() / 1e9);
    }

    /**
     * Waits until {@code predicate} holds, at most {@code timeout} (null: no limit); returns its last value. The
     * predicate runs here, between waits, as CPython's {@code ConditionProxy.wait_for} does.
     */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) {
        boolean result = predicate.getAsBoolean();
        long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
        while (!result) {
            if (timeout != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                await(Duration.ofNanos(left));
            } else {
                await();
            }
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Wakes one waiter. Python: {@code notify()}. */
    public void signal() {
        call("notify", 1);
    }

    /** Wakes {@code n} waiters. Python: {@code notify(n)}. */
    public void signal(int n) {
        call("notify", n);
    }

    /** Wakes every waiter. Python: {@code notify_all()}. */
    public void signalAll() {
        call("notify_all");
    }
}
