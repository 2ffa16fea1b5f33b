package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.ConditionLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.ConditionLayout;
import io.mpscope.multiprocessing.shm.CpuHop;
import io.mpscope.multiprocessing.shm.Futex;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by processes, over a {@link Lock} or {@link RLock} (an RLock by default, as CPython's).
 * {@link #signal(int)} hands out wake-ups only to threads already waiting, so {@code signal()} wakes at most one of
 * them, and a waiter whose time runs out gives its place back. Unlike CPython's, {@code signal} never waits for the
 * sleeper to wake: it is a CAS and, only if someone waits, one system call.
 *
 * <p>Process-safe and thread-safe. Python: {@code multiprocessing.Condition}.
 */
public final class Condition extends SharedPrimitive {
    private static final long serialVersionUID = 1L;
    /**
     * A waiter spins this long, then yields until {@link AbstractLock#SPIN_NANOS}, then sleeps. Spinning the whole
     * 100 us made notify-to-wake-up bimodal on 2-CPU machines (2.5 us or 113 us from run to run): with the waiter and
     * the notifier on one CPU, each spin held the CPU the other needed (see {@link CpuHop}).
     */
    private static final long PURE_SPIN_NANOS = 10_000;

    private final transient AbstractLock lock;

    Condition(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.CONDITION, e.region(), e.base(), e.index());
        this.lock = (AbstractLock) rt.resolve(e.lockRef());
    }

    /** A new condition over {@code lock}, or over a new RLock if {@code lock} is null. */
    public static Condition create(String name, AbstractLock lock) {
        SharedRuntime rt = SharedRuntime.get();
        AbstractLock l = lock != null ? lock : RLock.create(name == null ? null : name + ".lock");
        SharedRuntime.Created c = rt.create(PrimitiveKind.CONDITION, ConditionLayout.LENGTH, name,
                l.directoryIndex(), 0, 0, null);
        return new Condition(rt, rt.entry(c.index()));
    }

    /** Its lock. */
    public AbstractLock getLock() {
        return lock;
    }

    /** Acquires the lock. Python: {@code cond.acquire()}. */
    public void acquire() {
        lock.acquire();
    }

    /** Acquires the lock, waiting at most {@code timeout}. */
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return lock.tryAcquire(timeout);
    }

    /** Releases the lock. Python: {@code cond.release()}. */
    public void release() {
        lock.release();
    }

    /** Acquires the lock for a try-with-resources block. Python: {@code with cond:}. */
    public Held hold() {
        return lock.hold();
    }

    /**
     * Releases the lock, waits until signalled, and re-acquires the lock (whatever its recursion level was).
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     * Python: {@code cond.wait()}.
     */
    public void await() throws InterruptedException {
        awaitUntil(Long.MAX_VALUE);
    }

    /**
     * As {@link #await()}, waiting at most {@code timeout} (negative means zero).
     *
     * @return false if the time ran out. Python: {@code cond.wait(timeout)}.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long t = timeout.isNegative() ? 0 : timeout.toNanos();
        return awaitUntil(t >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE : System.nanoTime() + t);
    }

    /**
     * Waits until {@code predicate} is true, re-checking it after each wake-up, for at most {@code timeout}
     * (null: no limit).
     *
     * @return the predicate's last value. Python: {@code cond.wait_for(predicate, timeout)}.
     */
    public boolean awaitFor(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        boolean result = predicate.getAsBoolean();
        if (result) {
            return true;
        }
        long deadline = timeout == null ? Long.MAX_VALUE
                : System.nanoTime() + (timeout.isNegative() ? 0 : timeout.toNanos());
        while (!result) {
            if (deadline != Long.MAX_VALUE) {
                if (System.nanoTime() >= deadline) {
                    break;
                }
            }
            awaitUntil(deadline);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /** Waits for {@code predicate} with no time limit; returns once it is true. */
    public void awaitFor(BooleanSupplier predicate) throws InterruptedException {
        awaitFor(predicate, null);
    }

    boolean awaitUntil(long deadline) throws InterruptedException {
        if (lock.ownedLevel() == 0) {
            throw new IllegalMonitorStateException("must acquire() condition before using wait()");
        }
        int countersOff = base + COUNTERS_OFFSET;
        int seqOff = base + SEQ_OFFSET;
        int ticket;
        while (true) {
            long c = region.getLongVolatile(countersOff);
            if (region.compareAndSetLong(countersOff, c, counters(entered(c) + 1, granted(c), taken(c)))) {
                ticket = granted(c);
                break;
            }
        }
        int level = lock.releaseAll();
        int row = rt.beginWait(index, RegistryLayout.WAIT_CONDITION);
        try {
            long spinStart = System.nanoTime();
            long pureEnd = spinStart + PURE_SPIN_NANOS;
            long spinEnd = spinStart + AbstractLock.SPIN_NANOS;
            boolean switched = false;
            while (true) {
                int seq = region.getIntVolatile(seqOff);
                long c = region.getLongVolatile(countersOff);
                if (granted(c) != ticket && taken(c) != granted(c)) {
                    if (region.compareAndSetLong(countersOff, c, counters(entered(c), granted(c), taken(c) + 1))) {
                        if (switched) {
                            CpuHop.hop(); // the notifier ran on this CPU during this thread's yield: move off it
                        }
                        return true; // took a wake-up granted after this thread began to wait
                    }
                    continue;
                }
                long now = System.nanoTime();
                boolean interrupted = Thread.currentThread().isInterrupted();
                if (now >= deadline || interrupted) {
                    // leave: grant this place to itself and take it, so no signal is spent on a thread that left
                    if (region.compareAndSetLong(countersOff, c, counters(entered(c), granted(c) + 1, taken(c) + 1))) {
                        if (interrupted) {
                            Thread.interrupted();
                            throw new InterruptedException();
                        }
                        return false;
                    }
                    continue;
                }
                if (now < pureEnd) {
                    Thread.onSpinWait();
                    continue;
                }
                if (now < spinEnd) {
                    // Past the short spin, yield: if the notifier shares this CPU (see CpuHop), it runs now.
                    switched = CpuHop.yieldSwitched();
                    continue;
                }
                switched = false;
                // Count this thread as a sleeper (a full fence), then re-check the grants before sleeping: a signal
                // that granted after the re-check reads sleepers > 0 and wakes; one before it is seen here.
                region.getAndAddInt(base + SLEEPERS_OFFSET, 1);
                try {
                    long again = region.getLongVolatile(countersOff);
                    if (granted(again) == granted(c) && taken(again) == taken(c)) {
                        Futex.await(region, seqOff, seq, Math.min(deadline - now, AbstractLock.SLICE_NANOS * 4));
                    }
                } finally {
                    region.getAndAddInt(base + SLEEPERS_OFFSET, -1);
                }
            }
        } finally {
            rt.endWait(row);
            lock.restore(level);
        }
    }

    /**
     * Wakes up to {@code n} threads waiting now.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     * Python: {@code cond.notify(n)}.
     */
    public void signal(int n) {
        if (lock.ownedLevel() == 0) {
            throw new IllegalMonitorStateException("lock is not owned");
        }
        int countersOff = base + COUNTERS_OFFSET;
        while (true) {
            long c = region.getLongVolatile(countersOff);
            int pending = (int) ((entered(c) - granted(c)) & MASK);
            int k = Math.min(n, pending);
            if (k <= 0) {
                return;
            }
            if (region.compareAndSetLong(countersOff, c, counters(entered(c), granted(c) + k, taken(c)))) {
                break;
            }
        }
        region.setLongPlain(base + SIGNALS_OFFSET, region.getLongPlain(base + SIGNALS_OFFSET) + 1); // under the lock
        region.getAndAddInt(base + SEQ_OFFSET, 1);
        // Every sleeper re-checks; the ones that began to wait after the grant go back to sleep. Spinning waiters
        // see the grant without a system call.
        if (region.getIntVolatile(base + SLEEPERS_OFFSET) > 0) {
            Futex.wake(region, base + SEQ_OFFSET, Integer.MAX_VALUE);
        }
    }

    /** Wakes one waiting thread. Python: {@code cond.notify()}. */
    public void signal() {
        signal(1);
    }

    /** Wakes every waiting thread. Python: {@code cond.notify_all()}. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** Threads waiting now (an observer's figure). */
    public int waiting() {
        return ConditionLayout.waiting(region.getLongVolatile(base + COUNTERS_OFFSET));
    }

    /** CPython's repr: {@code <Condition(<RLock(None, 0)>, 0)>}. */
    @Override
    public String toString() {
        return "<Condition(" + lock + ", " + waiting() + ")>";
    }
}
