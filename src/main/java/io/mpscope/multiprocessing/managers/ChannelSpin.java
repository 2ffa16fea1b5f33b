package io.mpscope.multiprocessing.managers;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * How one end of a manager's shared-memory channel waits for the other end (the client for a reply, the server for
 * the next request): for up to {@link #SPIN_NANOS} it looks for the message and yields the CPU between looks, then
 * it sleeps on the futex (the channel's rings are set not to spin). It yields only while that pays: a wait that
 * outlasts the budget makes the next {@link #SLEEP_AT_ONCE} waits sleep at once, and then it tries again.
 *
 * <p>Why: a message a few microseconds away is caught without the two futex calls and the wake-up of a sleeping
 * CPU (tens of microseconds on a virtual machine). The rings' own wait spins with {@code Thread.onSpinWait}, which
 * on a 2-CPU machine holds the CPU the other side (or a young JVM's JIT compiler threads) needs to answer: with a
 * 100 us spin the channel lost to the socket under load (dict set 3-11k ops/s against the socket's 15-19k).
 * Yielding keeps this thread awake without holding the CPU. Measured on this machine at load 9-13, interleaved runs
 * of one build: later phases 33k ops/s median with a 50 us adaptive {@code onSpinWait} spin, 50k with the
 * adaptive yield.
 *
 * <p>One per channel end; used by the one thread that waits on it.
 */
final class ChannelSpin {
    /** How long a wait looks and yields before it sleeps: a round trip between two compiled JVMs takes 5-15 us. */
    static final long SPIN_NANOS = Long.getLong("mpscope.manager.spinNanos", 50_000);
    /** Waits that sleep at once after one that outlasted {@link #SPIN_NANOS}. */
    static final int SLEEP_AT_ONCE = 32;

    private final LongSupplier clock;
    private int sleepAtOnce;
    private boolean yielded;

    ChannelSpin() {
        this(System::nanoTime);
    }

    /** With {@code clock} as {@link System#nanoTime()} (tests). */
    ChannelSpin(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Before a blocking receive: yields until {@code ready} (a message is there, or the end of file) or the budget is
     * spent, unless this end sleeps at once for now. Returns when the wait began ({@link System#nanoTime()}).
     */
    long beforeWait(BooleanSupplier ready) {
        long start = clock.getAsLong();
        if (sleepAtOnce > 0) {
            sleepAtOnce--;
            yielded = false;
            return start;
        }
        yielded = true;
        long end = start + SPIN_NANOS;
        boolean switched = false;
        while (!ready.getAsBoolean()) {
            if (clock.getAsLong() - end >= 0) {
                return start;
            }
            switched = io.mpscope.multiprocessing.shm.CpuHop.yieldSwitched();
        }
        if (switched) {
            // the other end ran on this CPU during the last yield: move off it, or every call pays two switches
            io.mpscope.multiprocessing.shm.CpuHop.hop();
        }
        return start;
    }

    /** After the receive: a wait that began at {@code start} and outlasted the budget turns yielding off a while. */
    void afterWait(long start) {
        if (yielded && clock.getAsLong() - start > SPIN_NANOS) {
            sleepAtOnce = SLEEP_AT_ONCE;
        }
    }
}
