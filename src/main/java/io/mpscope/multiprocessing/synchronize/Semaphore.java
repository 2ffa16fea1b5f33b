package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.SemaphoreLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import java.time.Duration;

/**
 * A counting semaphore shared by processes. {@code release} has no upper bound (see {@link BoundedSemaphore} for
 * one). Uncontended, each operation is a CAS on the value word plus an add on this process's holder row; blocked
 * threads sleep on a futex.
 *
 * <p>Beyond CPython: the net permits each process has taken are kept in the block, so observers see who holds
 * permits, and a process that died holding some is visible. With
 * {@link #setReturnPermitsOfDeadHolders(boolean)} on, a blocked acquirer returns a dead process's permits.
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.Semaphore}.
 */
public class Semaphore extends SharedPrimitive {
    private static final long serialVersionUID = 1L;

    private final transient boolean bounded;
    private transient int holderRow = -1; // this process's holder row; -2: none free
    private final transient Held held = this::release;

    Semaphore(SharedRuntime rt, SharedRuntime.Entry e) {
        this(rt, e, PrimitiveKind.SEMAPHORE);
    }

    Semaphore(SharedRuntime rt, SharedRuntime.Entry e, PrimitiveKind kind) {
        super(rt, kind, e.region(), e.base(), e.index());
        this.bounded = kind == PrimitiveKind.BOUNDED_SEMAPHORE;
    }

    /**
     * A new semaphore with {@code value} permits in this process's session.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static Semaphore create(String name, int value) {
        SharedRuntime rt = SharedRuntime.get();
        return new Semaphore(rt, rt.entry(make(rt, PrimitiveKind.SEMAPHORE, name, value, Integer.MAX_VALUE)));
    }

    static int make(SharedRuntime rt, PrimitiveKind kind, String name, int value, int max) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0: value=" + value);
        }
        return rt.create(kind, LENGTH, name, -1, 0, max, b -> {
            b.region().setIntPlain(b.offset() + VALUE_OFFSET, value);
            b.region().setIntPlain(b.offset() + MAX_VALUE_OFFSET, max);
        }).index();
    }

    /**
     * Takes a permit, waiting as long as it takes.
     *
     * @throws InterruptedException if interrupted while waiting
     * Python: {@code sem.acquire()}.
     */
    public void acquire() throws InterruptedException {
        if (!fastAcquire()) {
            slowAcquire(Long.MAX_VALUE);
        }
    }

    /** Takes a permit if one is free now. Python: {@code sem.acquire(False)}. */
    public boolean tryAcquire() {
        return fastAcquire();
    }

    /**
     * Takes a permit, waiting at most {@code timeout} (negative means zero).
     *
     * @return false if the time ran out
     * Python: {@code sem.acquire(timeout=t)}.
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        if (fastAcquire()) {
            return true;
        }
        long t = timeout.isNegative() ? 0 : timeout.toNanos();
        return t > 0 && slowAcquire(System.nanoTime() + t);
    }

    /** Takes a permit and returns a {@link Held} that gives it back: {@code try (var h = sem.hold()) {...}}. */
    public Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /**
     * Gives a permit back (any process may) and wakes a waiter.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore} already at its initial value
     * Python: {@code sem.release()}.
     */
    public void release() {
        int valueOff = base + VALUE_OFFSET;
        if (bounded) {
            int max = region.getIntPlain(base + MAX_VALUE_OFFSET);
            while (true) {
                int v = region.getIntVolatile(valueOff);
                if (v >= max) {
                    throw new IllegalStateException("semaphore or lock released too many times");
                }
                if (region.compareAndSetInt(valueOff, v, v + 1)) {
                    break;
                }
            }
        } else {
            region.getAndAddInt(valueOff, 1);
        }
        track(-1);
        if (region.getIntVolatile(base + WAITERS_OFFSET) > 0) {
            Futex.wake(region, valueOff, 1);
        }
    }

    /** The number of free permits now. Python: {@code sem.get_value()}. */
    public int getValue() {
        return region.getIntVolatile(base + VALUE_OFFSET);
    }

    /**
     * Whether a blocked acquirer returns the permits of a process that died holding them (off by default: CPython's
     * semaphores have no owners, and a permit is often taken by one process and given back by another).
     */
    public void setReturnPermitsOfDeadHolders(boolean on) {
        int off = base + FLAGS_OFFSET;
        while (true) {
            int f = region.getIntVolatile(off);
            int n = on ? f | FLAG_RETURN_DEAD : f & ~FLAG_RETURN_DEAD;
            if (region.compareAndSetInt(off, f, n)) {
                return;
            }
        }
    }

    private boolean fastAcquire() {
        int valueOff = base + VALUE_OFFSET;
        int v = region.getIntVolatile(valueOff);
        while (v > 0) {
            if (region.compareAndSetInt(valueOff, v, v - 1)) {
                track(1);
                return true;
            }
            v = region.getIntVolatile(valueOff);
        }
        return false;
    }

    private boolean slowAcquire(long deadline) throws InterruptedException {
        long now = System.nanoTime();
        long spinEnd = now + AbstractLock.SPIN_NANOS;
        while (now < spinEnd && now < deadline) {
            for (int i = 0; i < 32; i++) {
                Thread.onSpinWait();
            }
            if (fastAcquire()) {
                return true;
            }
            now = System.nanoTime();
        }
        if (now >= deadline) {
            return false;
        }
        region.getAndAddLong(base + CONTENDED_OFFSET, 1);
        int row = rt.beginWait(index, RegistryLayout.WAIT_ACQUIRE);
        region.getAndAddInt(base + WAITERS_OFFSET, 1);
        boolean got = false;
        try {
            long nextCheck = now + AbstractLock.FIRST_CHECK_NANOS;
            while (true) {
                if (fastAcquire()) {
                    got = true;
                    return true;
                }
                now = System.nanoTime();
                if (now >= deadline) {
                    return false;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (now >= nextCheck) {
                    nextCheck = now + AbstractLock.SLICE_NANOS;
                    if ((region.getIntVolatile(base + FLAGS_OFFSET) & FLAG_RETURN_DEAD) != 0) {
                        returnPermitsOfDead();
                        continue;
                    }
                }
                Futex.await(region, base + VALUE_OFFSET, 0, Math.min(deadline - now, nextCheck - now));
            }
        } finally {
            region.getAndAddInt(base + WAITERS_OFFSET, -1);
            rt.endWait(row);
            if (!got && region.getIntVolatile(base + VALUE_OFFSET) > 0
                    && region.getIntVolatile(base + WAITERS_OFFSET) > 0) {
                Futex.wake(region, base + VALUE_OFFSET, 1); // pass on a wake-up this thread did not use
            }
        }
    }

    /** Returns the permits held by dead processes to the value, and frees their rows. */
    private void returnPermitsOfDead() {
        for (int i = 0; i < HOLDERS; i++) {
            int off = base + holderOffset(i);
            int holder = region.getIntVolatile(off);
            if (holder == 0 || holder == myKey()) {
                continue;
            }
            if (!rt.isDead(processId(holder))) {
                continue;
            }
            int net = region.getAndSetInt(off + 4, 0);
            if (net > 0) {
                region.getAndAddInt(base + VALUE_OFFSET, net);
                region.getAndAddInt(base + RETURNED_OFFSET, net);
                org.slf4j.LoggerFactory.getLogger(Semaphore.class).warn(
                        "semaphore permits returned from a dead holder: semaphore={} permits={} holder={}",
                        getName(), net, rt.describe(processId(holder)));
                Futex.wake(region, base + VALUE_OFFSET, net);
            }
            region.compareAndSetInt(off, holder, 0);
        }
    }

    private void track(int delta) {
        int row = holderRow;
        if (row == -1) {
            row = findHolderRow();
            holderRow = row;
        }
        if (row >= 0) {
            region.getAndAddInt(base + holderOffset(row) + 4, delta);
        } else {
            region.getAndAddInt(base + UNTRACKED_OFFSET, delta);
        }
    }

    private int myKey() {
        long id = rt.ownerId();
        return (int) (id >>> 32); // (slot + 1) << 16 | generation
    }

    private static long processId(int key) {
        return ((long) key) << 32;
    }

    private synchronized int findHolderRow() {
        if (holderRow != -1) {
            return holderRow;
        }
        int me = myKey();
        for (int i = 0; i < HOLDERS; i++) {
            if (region.getIntVolatile(base + holderOffset(i)) == me) {
                return i;
            }
        }
        for (int i = 0; i < HOLDERS; i++) {
            int off = base + holderOffset(i);
            if (region.getIntVolatile(off) == 0 && region.compareAndSetInt(off, 0, me)) {
                region.setIntVolatile(off + 4, 0);
                return i;
            }
        }
        for (int i = 0; i < HOLDERS; i++) { // reuse the row of a dead process that holds nothing
            int off = base + holderOffset(i);
            int h = region.getIntVolatile(off);
            if (region.getIntVolatile(off + 4) == 0 && rt.isDead(processId(h)) && region.compareAndSetInt(off, h, me)) {
                return i;
            }
        }
        return -2;
    }

    /** CPython's repr: {@code <Semaphore(value=2)>}. */
    @Override
    public String toString() {
        return "<Semaphore(value=" + getValue() + ")>";
    }
}
