package io.mpscope.multiprocessing.synchronize;

/**
 * The lock was acquired, but its previous owner died holding it (a robust mutex's {@code EOWNERDEAD}): the data it
 * protects may be half-updated. Thrown only by {@link AbstractLock#acquireChecked()}; the caller holds the lock
 * when it catches this. CPython has no equivalent: its waiter would block forever.
 */
public class OwnerDiedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long deadPid;

    public OwnerDiedException(String message, long deadPid) {
        super(message);
        this.deadPid = deadPid;
    }

    /** The pid of the owner that died holding the lock. */
    public long deadPid() {
        return deadPid;
    }
}
