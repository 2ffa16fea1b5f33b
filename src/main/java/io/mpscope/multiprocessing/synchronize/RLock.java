package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.LockLayout;

/**
 * A recursive lock shared by processes: its holder may acquire it again and must release it as many times; only the
 * holder may release it. Robust where CPython is not: if the holder dies, a waiter takes it over (recursion 1) and is
 * told ({@link #ownerDied()}).
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.RLock}.
 */
public final class RLock extends AbstractLock {
    private static final long serialVersionUID = 1L;

    RLock(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.RLOCK, e.region(), e.base(), e.index());
    }

    /** A new recursive lock in this process's session; {@code name} may be null (then {@code RLock-<n>}). */
    public static RLock create(String name) {
        SharedRuntime rt = SharedRuntime.get();
        SharedRuntime.Created c = rt.create(PrimitiveKind.RLOCK, LockLayout.LENGTH, name, -1, 0, 0, null);
        return new RLock(rt, rt.entry(c.index()));
    }

    /**
     * Releases one level; the last release frees the lock.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold it (CPython's AssertionError
     *                                      {@code attempt to release recursive lock not owned by thread})
     */
    @Override
    public void release() {
        if (region.getLongPlain(base + LockLayout.OWNER_OFFSET) != rt.ownerId()) {
            throw new IllegalMonitorStateException("attempt to release recursive lock not owned by thread");
        }
        int level = region.getIntPlain(base + LockLayout.RECURSION_OFFSET);
        if (level > 1) {
            region.setIntPlain(base + LockLayout.RECURSION_OFFSET, level - 1);
            return;
        }
        region.setIntPlain(base + LockLayout.RECURSION_OFFSET, 0);
        releaseOwner();
    }

    /** How many times the calling thread holds it (0 if it does not). */
    public int getHoldCount() {
        return ownedLevel();
    }

    @Override
    int ownedLevel() {
        return isHeldByCurrentThread() ? region.getIntPlain(base + LockLayout.RECURSION_OFFSET) : 0;
    }

    @Override
    int releaseAll() {
        int level = region.getIntPlain(base + LockLayout.RECURSION_OFFSET);
        region.setIntPlain(base + LockLayout.RECURSION_OFFSET, 0);
        releaseOwner();
        return level;
    }

    /** CPython's repr: {@code <RLock(None, 0)>}, {@code <RLock(MainProcess, 2)>}, {@code <RLock(SomeOtherProcess, nonzero)>}. */
    @Override
    public String toString() {
        String owner = ownerRepr();
        String count = owner.equals("None") ? "0"
                : region.getLongVolatile(base + LockLayout.OWNER_OFFSET) == rt.ownerId()
                ? Integer.toString(region.getIntPlain(base + LockLayout.RECURSION_OFFSET)) : "nonzero";
        return "<RLock(" + owner + ", " + count + ")>";
    }
}
