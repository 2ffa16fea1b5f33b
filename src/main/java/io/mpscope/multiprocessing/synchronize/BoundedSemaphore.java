package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.observe.PrimitiveKind;

/**
 * A semaphore whose {@link #release()} fails above its initial value: {@code IllegalStateException("semaphore or lock
 * released too many times")}, CPython's ValueError.
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.BoundedSemaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private static final long serialVersionUID = 1L;

    BoundedSemaphore(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, e, PrimitiveKind.BOUNDED_SEMAPHORE);
    }

    /** A new bounded semaphore with {@code value} permits, which is also its maximum. */
    public static BoundedSemaphore create(String name, int value) {
        SharedRuntime rt = SharedRuntime.get();
        return new BoundedSemaphore(rt, rt.entry(make(rt, PrimitiveKind.BOUNDED_SEMAPHORE, name, value, value)));
    }

    /** The maximum (the initial value). */
    public int getMaxValue() {
        return region.getIntPlain(base + io.mpscope.multiprocessing.shm.SemaphoreLayout.MAX_VALUE_OFFSET);
    }

    /** CPython's repr: {@code <BoundedSemaphore(value=2, maxvalue=2)>}. */
    @Override
    public String toString() {
        return "<BoundedSemaphore(value=" + getValue() + ", maxvalue=" + getMaxValue() + ")>";
    }
}
