package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a Semaphore or BoundedSemaphore block (512 bytes).
 * <pre>
 *  offset width field          written by                               ordering
 *  0      4     value          acquire: CAS v -> v-1 (v > 0);           CAS; FUTEX_WAIT on this word while it is 0
 *                              release: CAS v -> v+1 (up to maxValue)
 *  4      4     waiters        blocking threads: +1 / -1                getAndAdd
 *  8      4     maxValue       creator (Integer.MAX_VALUE: unbounded)   plain, before the directory entry is published
 *  12     4     flags          anyone: RETURN_DEAD                      atomic OR
 *  16     4     returned       a janitor: permits returned from the dead getAndAdd
 *  20     4     untracked      threads without a holder row: net taken  getAndAdd
 *  24     8     contended      each slow-path entry: +1                 getAndAdd (statistics)
 *  64     16xN  holder rows    HOLDERS rows of {long thread, int net}:  thread: CAS 0 -> owner id (slot+1 << 48 |
 *                              the permits each thread has taken and    generation << 32 | thread id), once per thread;
 *                              not given back (negative for a thread    net: plain read and release store by that
 *                              that only releases); observers add up    thread only (one writer: no atomic on the fast
 *                              the rows of each process                 path); a janitor zeroes a dead process's rows
 * </pre>
 */
public final class SemaphoreLayout {
    public static final int VALUE_OFFSET = 0;
    public static final int WAITERS_OFFSET = 4;
    public static final int MAX_VALUE_OFFSET = 8;
    public static final int FLAGS_OFFSET = 12;
    public static final int RETURNED_OFFSET = 16;
    public static final int UNTRACKED_OFFSET = 20;
    public static final int CONTENDED_OFFSET = 24;
    public static final int HOLDERS_OFFSET = 64;
    public static final int HOLDERS = 28;
    public static final int HOLDER_LENGTH = 16;
    /** Offset of the net count inside a holder row. */
    public static final int HOLDER_NET_OFFSET = 8;
    public static final int LENGTH = 512;

    /** Flag: permits held by a dead process are returned by the next waiter that notices. */
    public static final int FLAG_RETURN_DEAD = 1;

    static {
        if (HOLDERS_OFFSET + HOLDERS * HOLDER_LENGTH > LENGTH) {
            throw new AssertionError("semaphore holders overflow the block: holders=" + HOLDERS);
        }
    }

    private SemaphoreLayout() {
    }

    /** Offset of holder row {@code i}. */
    public static int holderOffset(int i) {
        return HOLDERS_OFFSET + i * HOLDER_LENGTH;
    }
}
