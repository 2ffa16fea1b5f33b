package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a Lock or RLock block (64 bytes, one cache line, in a {@link SegmentArena} segment).
 * <pre>
 *  offset width field          written by                               ordering
 *  0      8     owner          acquirer: CAS 0 -> ownerId; releaser:     CAS / getAndSet (full fences): the ONLY word
 *                              getAndSet 0; a waiter: CAS deadId -> id  that decides who holds the lock
 *  8      4     wakeSeq        a releaser that sees waiters: +1         getAndAdd, then FUTEX_WAKE on this word
 *  12     4     waiters        blocking threads: +1 / -1                getAndAdd (full fence before re-checking owner)
 *  16     4     recursion      the owner (RLock)                        plain: only the owner reads or writes it
 *  20     4     recoveries     a waiter that took over from a dead owner getAndAdd
 *  24     8     acquiredAt     an acquirer that had to wait (nanoTime)  plain; 0 after a fast acquire, cleared on release
 *  32     8     deadOwner      the taker-over: the dead owner's id      plain, before recoveredAt
 *  40     8     recoveredAt    the taker-over (epoch ms)                release
 *  48     8     contended      each slow-path entry: +1                 getAndAdd (statistics)
 *  56     4     flags          owner: RECOVERED while the holding        plain: set by the taker-over, cleared by the
 *                              came from a dead owner                    release before the owner word
 *  60     4     wakePending    a releaser: 0 -> 1 before it wakes one;   CAS / volatile store: while a woken waiter has
 *                              the woken waiter (or one that leaves): 0  not run yet, releases skip the system call
 * </pre>
 * Owner ids: see {@code SharedRuntime} ({@code slot+1 << 48 | generation << 32 | thread id}).
 */
public final class LockLayout {
    public static final int OWNER_OFFSET = 0;
    public static final int WAKE_SEQ_OFFSET = 8;
    public static final int WAITERS_OFFSET = 12;
    public static final int RECURSION_OFFSET = 16;
    public static final int RECOVERIES_OFFSET = 20;
    public static final int ACQUIRED_AT_OFFSET = 24;
    public static final int DEAD_OWNER_OFFSET = 32;
    public static final int RECOVERED_AT_OFFSET = 40;
    public static final int CONTENDED_OFFSET = 48;
    public static final int FLAGS_OFFSET = 56;
    public static final int WAKE_PENDING_OFFSET = 60;
    public static final int LENGTH = 64;

    /** Flag: the current holding was taken over from a dead owner. */
    public static final int FLAG_RECOVERED = 1;

    private LockLayout() {
    }
}
