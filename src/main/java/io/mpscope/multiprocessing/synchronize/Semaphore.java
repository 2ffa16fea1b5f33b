package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.SemaphoreLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import java.time.Duration;

/**
 * A counting semaphore shared by processes. {@code release} has no upper bound (see {@link BoundedSemaphore} for
 * one). Uncontended, each operation is one atomic instruction on the value word plus a plain store to the calling
 * thread's own holder row; blocked threads sleep on a futex.
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
    /** The last thread's holder row: an immutable pair, so a racy read is still a consistent one. */
    private transient RowCache rowCache;
    private final transient java.util.Map<Thread, Integer> rows = new java.util.WeakHashMap<>();

    private record RowCache(Thread thread, int row) {
    }
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
            long holder = region.getLongVolatile(off);
            if (holder == 0 || rt.isThisProcess(holder) || !rt.isDead(holder)) {
                continue;
            }
            // the dead thread cannot write its row any more: this CAS-free swap races only with other janitors
            int net = region.getAndSetInt(off + HOLDER_NET_OFFSET, 0);
            if (net > 0) {
                region.getAndAddInt(base + VALUE_OFFSET, net);
                region.getAndAddInt(base + RETURNED_OFFSET, net);
                org.slf4j.LoggerFactory.getLogger(Semaphore.class).warn(
                        "semaphore permits returned from a dead holder: semaphore={} permits={} holder={}",
                        getName(), net, rt.describe(holder));
                Futex.wake(region, base + VALUE_OFFSET, net);
            }
            region.compareAndSetLong(off, holder, 0);
        }
    }

    /** Adds {@code delta} to the calling thread's net permits (its own row: a plain read and a release store). */
    private void track(int delta) {
        Thread t = Thread.currentThread();
        RowCache c = rowCache;
        int row;
        if (c != null && c.thread() == t) {
            row = c.row();
        } else {
            row = rowOf(t);
            rowCache = new RowCache(t, row);
        }
        if (row >= 0) {
            int off = base + holderOffset(row) + HOLDER_NET_OFFSET;
            region.setIntRelease(off, region.getIntPlain(off) + delta);
        } else {
            region.getAndAddInt(base + UNTRACKED_OFFSET, delta);
        }
    }

    private synchronized int rowOf(Thread t) {
        Integer known = rows.get(t);
        if (known != null) {
            return known;
        }
        long me = rt.ownerId();
        int row = -1;
        for (int i = 0; i < HOLDERS && row < 0; i++) {
            int off = base + holderOffset(i);
            if (region.getLongVolatile(off) == me) {
                row = i; // this thread id used the semaphore before (e.g. the same thread after a cache miss)
            }
        }
        for (int i = 0; i < HOLDERS && row < 0; i++) {
            int off = base + holderOffset(i);
            if (region.getLongVolatile(off) == 0 && region.compareAndSetLong(off, 0, me)) {
                region.setIntVolatile(off + HOLDER_NET_OFFSET, 0);
                row = i;
            }
        }
        for (int i = 0; i < HOLDERS && row < 0; i++) { // reuse the row of a dead process that holds nothing
            int off = base + holderOffset(i);
            long h = region.getLongVolatile(off);
            if (h != 0 && !rt.isThisProcess(h) && region.getIntVolatile(off + HOLDER_NET_OFFSET) == 0
                    && rt.isDead(h) && region.compareAndSetLong(off, h, me)) {
                row = i;
            }
        }
        rows.put(t, row);
        return row;
    }

    /** CPython's repr: {@code <Semaphore(value=2)>}. */
    @Override
    public String toString() {
        return "<Semaphore(value=" + getValue() + ")>";
    }
}
