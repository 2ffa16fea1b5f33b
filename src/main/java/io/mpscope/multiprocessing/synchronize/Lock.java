package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.LockLayout;
import io.mpscope.multiprocessing.shm.MappedRegion;

/**
 * A non-recursive lock shared by processes: a second {@code acquire} by its holder blocks, and any thread of any
 * process may release it (CPython allows that hand-off). Robust where CPython is not: if the holder dies, a waiter
 * takes the lock over within about 35 ms and is told ({@link #ownerDied()}).
 *
 * <p>Process-safe and thread-safe. Uncontended acquire and release are one atomic instruction each, no system call.
 * Python: {@code multiprocessing.Lock}.
 */
public final class Lock extends AbstractLock {
    private static final long serialVersionUID = 1L;

    Lock(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.LOCK, e.region(), e.base(), e.index());
    }

    private Lock(SharedRuntime rt, MappedRegion region, int base, int ownerIndex) {
        super(rt, PrimitiveKind.LOCK, region, base, ownerIndex, false);
    }

    /**
     * A lock whose 64 bytes are part of another primitive's block (a queue's put or get lock). It is not listed on
     * its own: its waiters and recoveries are reported under {@code ownerIndex}. Library internal.
     */
    public static Lock embedded(SharedRuntime rt, MappedRegion region, int base, int ownerIndex) {
        return new Lock(rt, region, base, ownerIndex);
    }

    /** A new lock in this process's session; {@code name} may be null (then {@code Lock-<n>}). */
    public static Lock create(String name) {
        SharedRuntime rt = SharedRuntime.get();
        SharedRuntime.Created c = rt.create(PrimitiveKind.LOCK, LockLayout.LENGTH, name, -1, 0, 0, null);
        return new Lock(rt, rt.entry(c.index()));
    }

    /**
     * Releases the lock; any thread of any process may.
     *
     * @throws IllegalStateException if the lock is not held ({@code semaphore or lock released too many times})
     */
    @Override
    public void release() {
        if (region.getLongVolatile(base + LockLayout.OWNER_OFFSET) == 0 || releaseOwner() == 0) {
            throw new IllegalStateException("semaphore or lock released too many times");
        }
    }

    @Override
    int ownedLevel() {
        return isHeldByCurrentThread() ? 1 : 0;
    }

    @Override
    int releaseAll() {
        releaseOwner();
        return 1;
    }

    /** CPython's repr: {@code <Lock(owner=None)>}, {@code <Lock(owner=MainProcess)>}, ... */
    @Override
    public String toString() {
        return "<Lock(owner=" + ownerRepr() + ")>";
    }
}
