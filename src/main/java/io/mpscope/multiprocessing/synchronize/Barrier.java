package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.BarrierLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.BarrierLayout;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier for a fixed number of parties across processes: each {@link #await()} blocks until {@code parties}
 * threads have called it, then all go on; the last to arrive runs the action first. CPython's algorithm
 * ({@code threading.Barrier}: filling, draining, resetting, broken), with its state in shared memory guarded by a
 * shared {@link Condition}.
 *
 * <p>Robust where CPython is not: a party waiting inside {@code await} checks, every 50 ms, that the parties that
 * arrived before it are alive; if one died, the barrier breaks and every waiter gets a
 * {@link BrokenBarrierException} naming it, instead of waiting forever. (A party that dies before it arrives cannot
 * be told from one that is late: give {@code await} a timeout for that.)
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.Barrier}.
 */
public final class Barrier extends SharedPrimitive {
    private static final long serialVersionUID = 1L;
    private static final Duration SLICE = Duration.ofMillis(50);

    private final transient Condition cond;
    private final transient Runnable action;
    private final transient int parties;

    Barrier(SharedRuntime rt, SharedRuntime.Entry e, Runnable action) {
        super(rt, PrimitiveKind.BARRIER, e.region(), e.base(), e.index());
        this.cond = (Condition) rt.resolve(e.lockRef());
        this.action = action;
        this.parties = e.count();
    }

    /**
     * A new barrier for {@code parties} parties. {@code action} (may be null) runs in the last party to arrive, in
     * whichever process that is, so it must be serializable to travel with the barrier. {@code timeout} (may be
     * null) is the default for {@link #await()}.
     */
    public static Barrier create(String name, int parties, Runnable action, Duration timeout) {
        if (parties <= 0) {
            throw new IllegalArgumentException("parties must be > 0: parties=" + parties);
        }
        SharedRuntime rt = SharedRuntime.get();
        Condition c = Condition.create(name == null ? null : name + ".cond", null);
        long t = timeout == null ? -1 : Math.max(0, timeout.toNanos());
        SharedRuntime.Created b = rt.create(PrimitiveKind.BARRIER, BarrierLayout.length(parties), name,
                c.directoryIndex(), 0, parties, blk -> {
                    blk.region().setIntPlain(blk.offset() + PARTIES_OFFSET, parties);
                    blk.region().setLongPlain(blk.offset() + TIMEOUT_OFFSET, t);
                });
        return new Barrier(rt, rt.entry(b.index()), action);
    }

    @Override
    protected Serializable travelling() throws java.io.NotSerializableException {
        if (action != null && !(action instanceof Serializable)) {
            throw new java.io.NotSerializableException(action.getClass().getName()
                    + " (the barrier's action, which runs in whichever process arrives last)");
        }
        return (Serializable) action;
    }

    /** The number of parties. Python: {@code barrier.parties}. */
    public int getParties() {
        return parties;
    }

    /** The number of parties waiting now. Python: {@code barrier.n_waiting}. */
    public int getNumberWaiting() {
        return region.getIntAcquire(base + STATE_OFFSET) == FILLING ? region.getIntAcquire(base + COUNT_OFFSET) : 0;
    }

    /** True if the barrier is broken. Python: {@code barrier.broken}. */
    public boolean isBroken() {
        return region.getIntAcquire(base + STATE_OFFSET) == BROKEN;
    }

    /**
     * Waits for all parties, with the barrier's default timeout (if it has one).
     *
     * @return this party's arrival index, distinct in {@code 0..parties-1}
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the wait times out (which breaks it)
     * Python: {@code barrier.wait()}.
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        long t = region.getLongPlain(base + TIMEOUT_OFFSET);
        return awaitUntil(t < 0 ? Long.MAX_VALUE : System.nanoTime() + t);
    }

    /** As {@link #await()}, waiting at most {@code timeout}. Python: {@code barrier.wait(timeout)}. */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return awaitUntil(System.nanoTime() + (timeout.isNegative() ? 0 : timeout.toNanos()));
    }

    private int awaitUntil(long deadline) throws InterruptedException, BrokenBarrierException {
        try (Held h = cond.hold()) {
            if (cond.getLock().ownerDied()) {
                breakBarrier(0); // a party died inside the barrier's code: its state cannot be trusted
            }
            // enter: wait while a previous cycle drains or a reset completes
            while (state() == DRAINING || state() == RESETTING) {
                cond.await(SLICE);
                checkArrivedAlive();
            }
            if (state() < 0) {
                throw broken();
            }
            int index = region.getIntPlain(base + COUNT_OFFSET);
            region.setLongRelease(base + arrivedOffset(index), rt.ownerId() & 0xFFFFFFFF00000000L);
            region.setIntRelease(base + COUNT_OFFSET, index + 1);
            try {
                if (index + 1 == parties) {
                    release();
                } else {
                    waitForRelease(deadline);
                }
                return index;
            } finally {
                region.setLongRelease(base + arrivedOffset(index), 0);
                region.setIntRelease(base + COUNT_OFFSET, region.getIntPlain(base + COUNT_OFFSET) - 1);
                exit();
            }
        }
    }

    private void release() {
        try {
            if (action != null) {
                action.run();
            }
            setState(DRAINING);
            region.setIntRelease(base + CYCLES_OFFSET, region.getIntPlain(base + CYCLES_OFFSET) + 1);
            cond.signalAll();
        } catch (RuntimeException | Error e) {
            breakBarrier(0);
            throw e;
        }
    }

    private void waitForRelease(long deadline) throws InterruptedException, BrokenBarrierException {
        while (state() == FILLING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                breakBarrier(0);
                throw broken();
            }
            cond.await(left < SLICE.toNanos() ? Duration.ofNanos(left) : SLICE);
            checkArrivedAlive();
        }
        if (state() < 0) {
            throw broken();
        }
    }

    private void exit() {
        if (region.getIntPlain(base + COUNT_OFFSET) == 0 && (state() == RESETTING || state() == DRAINING)) {
            setState(FILLING);
            cond.signalAll();
        }
    }

    /** Breaks the barrier if a party inside it died: that party would never leave, so no cycle could complete. */
    private void checkArrivedAlive() {
        for (int i = 0; i < parties; i++) {
            long id = region.getLongAcquire(base + arrivedOffset(i));
            if (id != 0 && rt.isDead(id)) {
                region.setLongRelease(base + arrivedOffset(i), 0);
                region.setIntRelease(base + COUNT_OFFSET, region.getIntPlain(base + COUNT_OFFSET) - 1);
                org.slf4j.LoggerFactory.getLogger(Barrier.class).warn(
                        "barrier broken: a party died while waiting: barrier={} party={}", getName(), rt.describe(id));
                breakBarrier(id);
                exit();
            }
        }
    }

    /**
     * Returns the barrier to its empty state; parties waiting now get a {@link BrokenBarrierException}.
     * Python: {@code barrier.reset()}.
     */
    public void reset() {
        try (Held h = cond.hold()) {
            if (region.getIntPlain(base + COUNT_OFFSET) > 0) {
                if (state() == FILLING || state() == BROKEN) {
                    setState(RESETTING);
                }
            } else {
                setState(FILLING);
            }
            region.setLongRelease(base + BROKEN_BY_OFFSET, 0);
            cond.signalAll();
        }
    }

    /** Breaks the barrier: waiting and future {@code await} calls fail until {@link #reset()}. Python: {@code abort()}. */
    public void abort() {
        try (Held h = cond.hold()) {
            breakBarrier(0);
        }
    }

    private void breakBarrier(long deadParty) {
        region.setLongRelease(base + BROKEN_BY_OFFSET, deadParty);
        setState(BROKEN);
        cond.signalAll();
    }

    private BrokenBarrierException broken() {
        long by = region.getLongAcquire(base + BROKEN_BY_OFFSET);
        return new BrokenBarrierException(by == 0 ? "barrier is broken: barrier=" + getName()
                : "barrier is broken: a party died while waiting: barrier=" + getName() + " party=" + rt.describe(by));
    }

    private int state() {
        return region.getIntAcquire(base + STATE_OFFSET);
    }

    private void setState(int s) {
        region.setIntRelease(base + STATE_OFFSET, s);
    }

    @Override
    public String toString() {
        return "<Barrier(parties=" + parties + ", n_waiting=" + getNumberWaiting() + ", broken=" + isBroken() + ")>";
    }
}
