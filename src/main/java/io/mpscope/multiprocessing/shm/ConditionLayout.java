package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a Condition block (64 bytes). Its lock is a separate Lock/RLock block (the directory entry's
 * lockRef).
 * <pre>
 *  offset width field          written by                               ordering
 *  0      4     seq            signal(): +1 after granting wake-ups     getAndAdd, then FUTEX_WAKE(all) on this word
 *  4      4     sleepers       a waiter about to sleep in the kernel:   getAndAdd (full fence before it re-checks the
 *                              +1, -1 when it wakes                     counters); signal() wakes only if it is > 0
 *  8      8     counters       three 21-bit counters, mod 2^21:         CAS of the whole word
 *                                bits 0-20  entered (waiters that began await)
 *                                bits 21-41 granted (wake-ups handed out by signal, and by timed-out waiters
 *                                           to themselves)
 *                                bits 42-62 taken   (wake-ups consumed)
 *                              waiting now = entered - taken; a waiter may take a grant only if granted moved
 *                              since it entered, so signal(n) wakes at most n of the threads already waiting
 *  16     8     signals        signal()/signalAll() that woke someone   getAndAdd (statistics)
 * </pre>
 */
public final class ConditionLayout {
    public static final int SEQ_OFFSET = 0;
    public static final int SLEEPERS_OFFSET = 4;
    public static final int COUNTERS_OFFSET = 8;
    public static final int SIGNALS_OFFSET = 16;
    public static final int LENGTH = 64;

    public static final long MASK = (1L << 21) - 1;

    private ConditionLayout() {
    }

    public static int entered(long c) {
        return (int) (c & MASK);
    }

    public static int granted(long c) {
        return (int) ((c >>> 21) & MASK);
    }

    public static int taken(long c) {
        return (int) ((c >>> 42) & MASK);
    }

    public static long counters(long entered, long granted, long taken) {
        return (entered & MASK) | ((granted & MASK) << 21) | ((taken & MASK) << 42);
    }

    /** Threads inside await now. */
    public static int waiting(long c) {
        return (int) ((entered(c) - taken(c)) & MASK);
    }
}
