package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a Barrier block (64 bytes + 8 per party). Every field is written under the barrier's Condition
 * (the directory entry's lockRef), as CPython's Barrier keeps its state in shared memory guarded by its Condition;
 * observers read it without the lock.
 * <pre>
 *  offset width field          written by (under the condition's lock)   ordering
 *  0      4     state          0 filling, 1 draining, -1 resetting,      release
 *                              -2 broken
 *  4      4     count          parties inside wait() now                 release
 *  8      4     parties        creator                                   plain, before the entry is published
 *  12     4     cycles         the last arriver: +1 per completed cycle  release (statistics)
 *  16     8     timeoutNanos   creator (-1: none)                        plain
 *  24     8     brokenBy       whoever broke it: the dead party's id, or 0 release (for messages and observers)
 *  64     8xP   arrived        the process ids (slot+1 << 48 | generation << 32) of the parties inside wait(),
 *                              one row per party in arrival order; 0 when free
 * </pre>
 */
public final class BarrierLayout {
    public static final int STATE_OFFSET = 0;
    public static final int COUNT_OFFSET = 4;
    public static final int PARTIES_OFFSET = 8;
    public static final int CYCLES_OFFSET = 12;
    public static final int TIMEOUT_OFFSET = 16;
    public static final int BROKEN_BY_OFFSET = 24;
    public static final int ARRIVED_OFFSET = 64;

    public static final int FILLING = 0;
    public static final int DRAINING = 1;
    public static final int RESETTING = -1;
    public static final int BROKEN = -2;

    private BarrierLayout() {
    }

    /** The block length for {@code parties} parties. */
    public static int length(int parties) {
        return ARRIVED_OFFSET + 8 * parties;
    }

    /** Offset of arrival row {@code i}. */
    public static int arrivedOffset(int i) {
        return ARRIVED_OFFSET + 8 * i;
    }
}
