package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of an Event block (64 bytes).
 * <pre>
 *  offset width field          written by                               ordering
 *  0      4     flag           set(): 1, clear(): 0                     volatile store; FUTEX_WAIT while it is 0
 *  4      4     waiters        blocking threads: +1 / -1                getAndAdd
 *  8      8     sets           set() when it changes the flag: +1       plain increment (statistics: an update may be
 *                                                                       lost to a race; never an atomic on the hot path)
 * </pre>
 */
public final class EventLayout {
    public static final int FLAG_OFFSET = 0;
    public static final int WAITERS_OFFSET = 4;
    public static final int SETS_OFFSET = 8;
    public static final int LENGTH = 64;

    private EventLayout() {
    }
}
