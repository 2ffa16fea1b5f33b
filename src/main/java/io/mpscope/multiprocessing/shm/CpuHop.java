package io.mpscope.multiprocessing.shm;

/**
 * Moves the calling thread off a CPU it shares with the process it waits for, when another CPU may take it.
 *
 * <p>Why: on the 2-CPU virtual machines this project runs on, the kernel reports no shared cache between the CPUs,
 * so a thread woken by a futex goes to its waker's CPU (or its own last one) and is not moved to the idle CPU. Two
 * processes that hand work to each other then stay on one CPU while the other idles: a waiter spinning there holds
 * the CPU its peer needs, and every hand-over costs a whole spin or a yield and a context switch. Seen with {@code
 * perf sched}: a 64 KiB queue stream with both threads on CPU 0 and CPU 1 idle (25-44k items/s; 50-72k when
 * apart), and pipe round trips of 65-115 us instead of 1.5 us in one run out of three. The load balancer does not
 * separate two threads that both ran in the last half millisecond.
 *
 * <p>How a waiter knows, two ways. Woken from a futex sleep: its waker wrote its own CPU beside the futex word
 * before the wake ({@link #cpu()}), and the woken thread finds itself on that CPU (the kernel put it there). Or it
 * yields, and the item it waits for arrives during that yield, which took long enough to have run another thread
 * ({@link #SWITCHED_NANOS}): its peer ran on its CPU. It then calls {@link #hop()}, which sets
 * the thread's CPU mask to its current mask less the current CPU (the kernel moves the thread at once) and puts the
 * mask back, so the thread may run anywhere again and is simply elsewhere now. At most once per {@link #MIN_GAP_NANOS}
 * per process; never when the thread may run on one CPU only; a user's own mask is kept as it was.
 *
 * <p>Linux only, through JNA ({@code sched_getcpu}, {@code sched_getaffinity}, {@code sched_setaffinity}); elsewhere,
 * or if a call fails, it does nothing. Off with {@code -Dmpscope.cpuHop=false}.
 */
public final class CpuHop {
    /** A yield that took this long ran another thread. */
    public static final long SWITCHED_NANOS = 3_000;
    /** The least time between two hops of one thread. */
    static final long MIN_GAP_NANOS = 5_000_000;
    private static final boolean ENABLED = !"false".equals(System.getProperty("mpscope.cpuHop"))
            && Runtime.getRuntime().availableProcessors() > 1;
    /** When this process last hopped (any thread): no per-thread state, which a new thread's first hop would meet. */
    private static volatile long last = Long.MIN_VALUE / 2;
    private static volatile long hops;

    private CpuHop() {
    }

    /**
     * A waiter's look after its short spin: yields the CPU, and tells whether that ran another thread (the yield took
     * {@link #SWITCHED_NANOS} or more). If what the waiter waits for has come when this returns true, the thread it
     * waited for most likely ran on this CPU: the waiter then calls {@link #hop()}.
     */
    public static boolean yieldSwitched() {
        long t = System.nanoTime();
        Thread.yield();
        return System.nanoTime() - t >= SWITCHED_NANOS;
    }

    /**
     * The CPU the calling thread runs on now, or -1 where that cannot be told (or hopping is off). A waker publishes
     * it beside its futex word, so that the thread it woke can tell whether the kernel put it on the waker's CPU.
     */
    public static int cpu() {
        if (!ENABLED) {
            return -1;
        }
        try {
            return Native.OK ? Native.sched_getcpu() : -1;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** Hops made by this process (a statistic for tests and benchmarks). */
    public static long hops() {
        return hops;
    }

    /**
     * Moves the calling thread to another CPU it may run on (see the class comment).
     *
     * @return whether it moved
     */
    public static boolean hop() {
        if (!ENABLED || !Futex.isKernelWait()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - last < MIN_GAP_NANOS) {
            return false;
        }
        last = now;
        try {
            return Native.OK && Native.hop();
        } catch (RuntimeException | LinkageError e) {
            return false;
        } finally {
            last = System.nanoTime(); // the gap counts from the end (the first hop also binds libc)
        }
    }

    /**
     * Puts the calling thread in Linux's {@code SCHED_IDLE} class: it runs only on a CPU nothing else wants. For
     * background work that only prepares (mapping a pool's ring pages): it must not take a CPU from the pool's workers
     * as they start. Returns false where it cannot (the thread then runs as before).
     */
    public static boolean runOnlyWhenIdle() {
        try {
            return Native.OK && Native.sched_setscheduler(0, SCHED_IDLE, new int[] {0}) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static final int SCHED_IDLE = 5;

    /** The libc side, loaded with the first hop. */
    private static final class Native {
        static final boolean OK;
        /** Mask words: 1024 CPUs, glibc's {@code cpu_set_t}. */
        private static final int WORDS = 16;

        static {
            boolean ok = false;
            try {
                com.sun.jna.Native.register(Native.class, com.sun.jna.NativeLibrary.getInstance("c"));
                ok = true;
            } catch (Throwable t) {
                // no hop
            }
            OK = ok;
        }

        static native int sched_getcpu();

        static native int sched_setscheduler(int pid, int policy, int[] param);

        static native int sched_getaffinity(int pid, long size, long[] mask);

        static native int sched_setaffinity(int pid, long size, long[] mask);

        static boolean hop() {
            int cpu = sched_getcpu();
            long[] mask = new long[WORDS];
            if (cpu < 0 || cpu >= WORDS * 64 || sched_getaffinity(0, WORDS * 8L, mask) != 0) {
                return false;
            }
            long[] away = mask.clone();
            away[cpu / 64] &= ~(1L << (cpu % 64));
            boolean other = false;
            for (long w : away) {
                other |= w != 0;
            }
            if (!other) {
                return false; // the thread may run on this CPU only
            }
            if (sched_setaffinity(0, WORDS * 8L, away) != 0) {
                return false;
            }
            sched_setaffinity(0, WORDS * 8L, mask); // the thread runs elsewhere now; its mask is what it was
            hops++;
            return true;
        }
    }
}
