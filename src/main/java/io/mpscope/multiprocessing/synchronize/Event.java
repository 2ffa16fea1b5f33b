package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.EventLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.EventLayout;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import java.time.Duration;

/**
 * A flag shared by processes that threads can wait for. {@link #isSet()} is one load; {@link #set()} and
 * {@link #clear()} write only when they change the flag, and {@code set} makes a system call only when someone
 * waits.
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.Event}.
 */
public final class Event extends SharedPrimitive {
    private static final long serialVersionUID = 1L;

    Event(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.EVENT, e.region(), e.base(), e.index());
    }

    /** A new, clear event in this process's session. */
    public static Event create(String name) {
        SharedRuntime rt = SharedRuntime.get();
        SharedRuntime.Created c = rt.create(PrimitiveKind.EVENT, EventLayout.LENGTH, name, -1, 0, 0, null);
        return new Event(rt, rt.entry(c.index()));
    }

    /** True if the flag is set. Python: {@code event.is_set()}. */
    public boolean isSet() {
        return region.getIntAcquire(base + FLAG_OFFSET) != 0;
    }

    /** Sets the flag and wakes every waiter. Python: {@code event.set()}. */
    public void set() {
        int flagOff = base + FLAG_OFFSET;
        if (region.getIntVolatile(flagOff) != 0) {
            return;
        }
        if (region.getAndSetInt(flagOff, 1) == 0) { // a full fence before the waiters read
            region.setLongPlain(base + SETS_OFFSET, region.getLongPlain(base + SETS_OFFSET) + 1);
            if (region.getIntVolatile(base + WAITERS_OFFSET) > 0) {
                Futex.wake(region, flagOff, Integer.MAX_VALUE);
            }
        }
    }

    /** Clears the flag. Python: {@code event.clear()}. */
    public void clear() {
        int flagOff = base + FLAG_OFFSET;
        if (region.getIntAcquire(flagOff) != 0) {
            region.setIntRelease(flagOff, 0); // nobody waits for a clear: no fence needed
        }
    }

    /**
     * Waits until the flag is set.
     *
     * @throws InterruptedException if interrupted while waiting
     * Python: {@code event.wait()}.
     */
    public void await() throws InterruptedException {
        await(Long.MAX_VALUE);
    }

    /**
     * Waits until the flag is set or {@code timeout} passes (negative means zero).
     *
     * @return the flag at the end: false on timeout. Python: {@code event.wait(timeout)}.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long t = timeout.isNegative() ? 0 : timeout.toNanos();
        return await(t >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE : System.nanoTime() + t);
    }

    private boolean await(long deadline) throws InterruptedException {
        int flagOff = base + FLAG_OFFSET;
        if (region.getIntAcquire(flagOff) != 0) {
            return true;
        }
        long now = System.nanoTime();
        long spinEnd = now + AbstractLock.SPIN_NANOS;
        while (now < spinEnd && now < deadline) {
            for (int i = 0; i < 32; i++) {
                Thread.onSpinWait();
            }
            if (region.getIntAcquire(flagOff) != 0) {
                return true;
            }
            now = System.nanoTime();
        }
        if (now >= deadline) {
            return isSet();
        }
        int row = rt.beginWait(index, RegistryLayout.WAIT_EVENT);
        region.getAndAddInt(base + WAITERS_OFFSET, 1);
        try {
            while (region.getIntVolatile(flagOff) == 0) {
                now = System.nanoTime();
                if (now >= deadline) {
                    return false;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                Futex.await(region, flagOff, 0, Math.min(deadline - now, AbstractLock.SLICE_NANOS * 4));
            }
            return true;
        } finally {
            region.getAndAddInt(base + WAITERS_OFFSET, -1);
            rt.endWait(row);
        }
    }

    @Override
    public String toString() {
        return "<Event(" + (isSet() ? "set" : "unset") + ")>";
    }
}
