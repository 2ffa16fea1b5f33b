package io.mpscope.multiprocessing.managers;

import java.util.function.LongConsumer;

/**
 * How long one end of a manager's shared-memory channel spins before it sleeps while it waits for the other end
 * (the client for a reply, the server for the next request), learned from the waits it has seen.
 *
 * <p>Why: a spin catches a reply a few microseconds away without the two futex calls and the wake-up of a sleeping
 * CPU (tens of microseconds on a virtual machine), which is what makes the channel several times faster than the
 * socket on a quiet machine. On a loaded machine with 2 CPUs the spinning thread holds a CPU the other side needs
 * to answer (and the JIT compiler threads of a young JVM want them too), so a spin mostly runs out and only delays
 * the other side: the channel then lost to the socket (dict set 3-11k ops/s against the socket's 15-19k). So a wait
 * spins for {@link #SPIN_NANOS} only while spins pay; one that runs out makes the next {@link #SLEEP_AT_ONCE} waits
 * sleep at once, and then it tries again.
 *
 * <p>One per channel end; used by the one thread that waits on it.
 */
final class ChannelSpin {
    /** The longest spin: a round trip between two compiled JVMs on two free CPUs takes 5-15 us. */
    static final long SPIN_NANOS = Long.getLong("mpscope.manager.spinNanos", 50_000);
    /** Waits that sleep at once after a spin that ran out. */
    static final int SLEEP_AT_ONCE = 32;

    private final LongConsumer setSpin;
    private int sleepAtOnce;
    private long spin = -1;

    /** @param setSpin sets the spin of the end's waits ({@code connection::spinBeforeSleeping}) */
    ChannelSpin(LongConsumer setSpin) {
        this.setSpin = setSpin;
    }

    /** Sets the spin of the coming wait; returns the time it starts ({@link System#nanoTime()}). */
    long beforeWait() {
        long s = sleepAtOnce > 0 ? 0 : SPIN_NANOS;
        if (s != spin) {
            setSpin.accept(s);
            spin = s;
        }
        return System.nanoTime();
    }

    /** Learns from a wait that began at {@code start} and has just ended with a message. */
    void afterWait(long start) {
        if (spin == 0) {
            sleepAtOnce--;
        } else if (System.nanoTime() - start > spin) {
            sleepAtOnce = SLEEP_AT_ONCE; // the spin ran out (or the spinner lost its CPU): sleep for a while
        }
    }
}
