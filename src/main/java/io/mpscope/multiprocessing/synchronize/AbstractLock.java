package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.LockLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import java.time.Duration;

/**
 * The algorithm shared by {@link Lock} and {@link RLock} on a {@link io.mpscope.multiprocessing.shm.LockLayout}
 * block: one CAS on the owner word to acquire (no native call), a short spin, then sleeping on a futex in slices;
 * in each slice a blocked thread checks whether the owner is still alive and, if it died holding the lock, takes
 * the lock over with one CAS from the dead owner's id (so a live owner is never robbed, and two waiters cannot
 * both take over). The taker-over is told: {@link #ownerDied()} is true while it holds the lock,
 * {@link #acquireChecked()} throws {@link OwnerDiedException}, and a warning is logged.
 */
public abstract class AbstractLock extends SharedPrimitive {
    private static final long serialVersionUID = 1L;
    static final long SPIN_NANOS = 100_000;
    /** Longest sleep between checks of the owner's liveness and of the thread's interrupt flag. */
    static final long SLICE_NANOS = 25_000_000;
    /** How long a thread blocks before it first checks the owner (keeps /proc reads off short waits). */
    static final long FIRST_CHECK_NANOS = 10_000_000;
    /** The longest a thread spins while the lock keeps changing hands, before it sleeps. */
    static final long MAX_SPIN_NANOS = 1_000_000;
    /** How long a woken waiter spins for the lock before it sleeps again. */
    static final long SPIN_AFTER_WAKE_NANOS = 5_000;

    private final transient boolean reentrant;
    private final transient Held held = this::release;

    AbstractLock(SharedRuntime rt, PrimitiveKind kind, MappedRegion region, int base, int index) {
        this(rt, kind, region, base, index, true);
    }

    AbstractLock(SharedRuntime rt, PrimitiveKind kind, MappedRegion region, int base, int index, boolean listed) {
        super(rt, kind, region, base, index, listed);
        this.reentrant = kind == PrimitiveKind.RLOCK;
    }

    /**
     * Acquires the lock, waiting as long as it takes; never interrupted (as {@code java.util.concurrent.locks.Lock
     * .lock()}). If the owner died holding it, takes it over (see {@link #ownerDied()}).
     * Python: {@code lock.acquire()}.
     */
    public void acquire() {
        if (!fastAcquire(rt.ownerId())) {
            slowAcquire(rt.ownerId(), Long.MAX_VALUE, false);
        }
    }

    /**
     * Acquires the lock, then throws {@link OwnerDiedException} if it was taken over from an owner that died
     * holding it (the caller holds the lock either way), as a robust mutex returns {@code EOWNERDEAD}.
     */
    public void acquireChecked() {
        acquire();
        if (ownerDied()) {
            long dead = region.getLongPlain(base + DEAD_OWNER_OFFSET);
            throw new OwnerDiedException("lock owner died holding it: lock=" + getName() + " owner="
                    + rt.describe(dead), rt.registry().pid(SharedRuntime.slotOf(dead)));
        }
    }

    /** Acquires the lock if it is free now. Python: {@code lock.acquire(False)}. */
    public boolean tryAcquire() {
        return fastAcquire(rt.ownerId());
    }

    /**
     * Acquires the lock, waiting at most {@code timeout} (a negative timeout means zero, as CPython's).
     *
     * @return false if the time ran out
     * @throws InterruptedException if the thread is interrupted while it waits (checked every 25 ms at least)
     * Python: {@code lock.acquire(timeout=t)}.
     */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long me = rt.ownerId();
        if (fastAcquire(me)) {
            return true;
        }
        long t = timeout.isNegative() ? 0 : timeout.toNanos();
        if (t == 0) {
            return false;
        }
        long deadline = System.nanoTime() + t;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            return slowAcquire(me, deadline, true);
        } catch (InterruptedExceptionUnchecked e) {
            Thread.interrupted();
            throw new InterruptedException();
        }
    }

    /** Acquires the lock and returns a {@link Held} that releases it: {@code try (var h = lock.hold()) {...}}. */
    public Held hold() {
        acquire();
        return held;
    }

    /** Releases the lock. Python: {@code lock.release()}. */
    public abstract void release();

    /** True if the calling thread holds the lock. */
    public boolean isHeldByCurrentThread() {
        return region.getLongVolatile(base + OWNER_OFFSET) == rt.ownerId();
    }

    /** True if some thread of some process holds the lock now (a moment's answer). */
    public boolean isLocked() {
        return region.getLongVolatile(base + OWNER_OFFSET) != 0;
    }

    /**
     * True while the calling thread holds this lock and took it over from an owner that died holding it: the data
     * the lock protects may be inconsistent. Cleared by the release.
     */
    public boolean ownerDied() {
        return isHeldByCurrentThread() && (region.getIntPlain(base + FLAGS_OFFSET) & FLAG_RECOVERED) != 0;
    }

    /** How many times this lock was taken over from a dead owner. */
    public int recoveries() {
        return region.getIntVolatile(base + RECOVERIES_OFFSET);
    }

    final boolean fastAcquire(long me) {
        int ownerOff = base + OWNER_OFFSET;
        if (reentrant && region.getLongPlain(ownerOff) == me) {
            // only this thread writes its own id, so a plain read that sees it is exact
            region.setIntPlain(base + RECURSION_OFFSET, region.getIntPlain(base + RECURSION_OFFSET) + 1);
            return true;
        }
        if (region.compareAndSetLong(ownerOff, 0, me)) {
            if (reentrant) {
                region.setIntPlain(base + RECURSION_OFFSET, 1);
            }
            return true;
        }
        return false;
    }

    /**
     * Blocks until the lock is acquired or {@code deadline} passes.
     *
     * @return true if acquired
     */
    final boolean slowAcquire(long me, long deadline, boolean interruptible) {
        int ownerOff = base + OWNER_OFFSET;
        long now = System.nanoTime();
        long spinEnd = now + SPIN_NANOS;
        long spinLimit = now + MAX_SPIN_NANOS;
        long lastOwner = region.getLongVolatile(ownerOff);
        while (now < spinEnd && now < deadline) {
            for (int i = 0; i < 16; i++) {
                Thread.onSpinWait();
            }
            long owner = region.getLongVolatile(ownerOff);
            if (owner == 0 && region.compareAndSetLong(ownerOff, 0, me)) {
                acquired(me, false, 0);
                return true;
            }
            now = System.nanoTime();
            if (owner == 0 || owner != lastOwner) { // seen free (and lost the race) or held by another: moving
                // The lock is changing hands quickly (short holds): keep spinning rather than fall asleep and be
                // starved by a holder that takes it again at once. Bounded, so many contenders still sleep.
                lastOwner = owner;
                spinEnd = Math.min(now + SPIN_NANOS, spinLimit);
            }
        }
        if (now >= deadline) {
            return false;
        }
        region.getAndAddLong(base + CONTENDED_OFFSET, 1);
        int row = rt.beginWait(index, RegistryLayout.WAIT_ACQUIRE);
        region.getAndAddInt(base + WAITERS_OFFSET, 1);
        boolean got = false;
        try {
            long nextCheck = now + FIRST_CHECK_NANOS;
            while (true) {
                int seq = region.getIntVolatile(base + WAKE_SEQ_OFFSET);
                long owner = region.getLongVolatile(ownerOff);
                if (owner == 0) {
                    if (region.compareAndSetLong(ownerOff, 0, me)) {
                        got = true;
                        acquired(me, true, 0);
                        return true;
                    }
                    continue;
                }
                now = System.nanoTime();
                if (now >= deadline) {
                    return false;
                }
                if (interruptible && Thread.currentThread().isInterrupted()) {
                    throw new InterruptedExceptionUnchecked();
                }
                if (now >= nextCheck) {
                    nextCheck = now + SLICE_NANOS;
                    if (rt.isDead(owner) && region.compareAndSetLong(ownerOff, owner, me)) {
                        got = true;
                        acquired(me, true, owner);
                        return true;
                    }
                }
                Futex.await(region, base + WAKE_SEQ_OFFSET, seq, Math.min(deadline - now, nextCheck - now));
                // Running again: the next release may wake someone. Order: this store, then the owner read at the
                // top of the loop (see releaseOwner for the other side).
                region.setIntVolatile(base + WAKE_PENDING_OFFSET, 0);
                long spin = System.nanoTime() + SPIN_AFTER_WAKE_NANOS;
                while (region.getLongVolatile(ownerOff) != 0 && System.nanoTime() < spin) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            region.getAndAddInt(base + WAITERS_OFFSET, -1);
            rt.endWait(row);
            // Whether or not the pending wake-up was meant for this thread, it is no longer asleep: let the next
            // release wake someone (at worst one extra system call), so no sleeper is left without a wake-up.
            if (region.getIntVolatile(base + WAKE_PENDING_OFFSET) != 0) {
                region.setIntVolatile(base + WAKE_PENDING_OFFSET, 0);
            }
            if (!got && region.getLongVolatile(ownerOff) == 0 && region.getIntVolatile(base + WAITERS_OFFSET) > 0) {
                wakeOne(); // a wake-up this thread consumed but did not use goes to the next waiter
            }
        }
    }

    private void acquired(long me, boolean waited, long deadOwner) {
        if (reentrant) {
            region.setIntPlain(base + RECURSION_OFFSET, 1);
        }
        if (waited) {
            region.setLongPlain(base + ACQUIRED_AT_OFFSET, System.nanoTime());
        }
        if (deadOwner != 0) {
            region.setIntPlain(base + FLAGS_OFFSET, FLAG_RECOVERED);
            region.setLongPlain(base + DEAD_OWNER_OFFSET, deadOwner);
            region.setLongRelease(base + RECOVERED_AT_OFFSET, System.currentTimeMillis());
            region.getAndAddInt(base + RECOVERIES_OFFSET, 1);
            org.slf4j.LoggerFactory.getLogger(AbstractLock.class).warn(
                    "lock recovered from a dead owner: lock={} kind={} deadOwner={} newOwner={}", getName(),
                    kind.pythonName(), rt.describe(deadOwner), rt.describe(me));
        }
    }

    /** Clears the owner word; wakes one waiter if any. Returns the previous owner (0: it was not held). */
    final long releaseOwner() {
        if (region.getIntPlain(base + FLAGS_OFFSET) != 0) {
            region.setIntPlain(base + FLAGS_OFFSET, 0);
        }
        if (region.getLongPlain(base + ACQUIRED_AT_OFFSET) != 0) {
            region.setLongPlain(base + ACQUIRED_AT_OFFSET, 0);
        }
        // getAndSet is a full fence: the waiters read below cannot move before the owner store (see Futex)
        long prev = region.getAndSetLong(base + OWNER_OFFSET, 0);
        // One wake at a time: while a woken waiter has not run yet (wakePending), more system calls would only
        // wake more threads to fight over the same release; the woken one clears the flag, then reads the owner.
        if (region.getIntVolatile(base + WAITERS_OFFSET) > 0
                && region.getIntVolatile(base + WAKE_PENDING_OFFSET) == 0
                && region.compareAndSetInt(base + WAKE_PENDING_OFFSET, 0, 1)) {
            wakeOne();
        }
        return prev;
    }

    private void wakeOne() {
        region.getAndAddInt(base + WAKE_SEQ_OFFSET, 1);
        Futex.wake(region, base + WAKE_SEQ_OFFSET, 1);
    }

    /** The recursion level if the calling thread owns the lock (1 for a Lock), else 0; for Condition. */
    abstract int ownedLevel();

    /** Releases the lock completely for a Condition's wait; returns what {@link #restore} needs. */
    abstract int releaseAll();

    /** Re-acquires after a Condition's wait (uninterruptibly, as CPython) and restores the recursion level. */
    final void restore(int level) {
        acquire();
        if (reentrant) {
            region.setIntPlain(base + RECURSION_OFFSET, level);
        }
    }

    /** An interrupt seen inside a wait loop, turned into InterruptedException by the public method. */
    static final class InterruptedExceptionUnchecked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedExceptionUnchecked() {
            super(null, null, false, false);
        }
    }

    /**
     * CPython's repr of the owner: {@code None}; the process's name if the calling thread holds it (with
     * {@code |thread} unless it is the main thread); {@code SomeOtherThread}; {@code SomeOtherProcess}.
     */
    final String ownerRepr() {
        long owner = region.getLongVolatile(base + OWNER_OFFSET);
        if (owner == 0) {
            return "None";
        }
        if (owner == rt.ownerId()) {
            String name = io.mpscope.multiprocessing.process.ProcessRuntime.current().getName();
            String thread = Thread.currentThread().getName();
            return "main".equals(thread) ? name : name + "|" + thread;
        }
        return rt.isThisProcess(owner) ? "SomeOtherThread" : "SomeOtherProcess";
    }
}
