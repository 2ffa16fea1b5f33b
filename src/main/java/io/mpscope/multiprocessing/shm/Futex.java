package io.mpscope.multiprocessing.shm;

import java.util.concurrent.locks.LockSupport;

/**
 * Sleeping on a shared int word until another process changes it: Linux futexes ({@code FUTEX_WAIT}/
 * {@code FUTEX_WAKE}, the shared form, keyed by the file page, so processes meet on it) called through JNA's direct
 * mapping of {@code syscall(2)}. JNA is loaded on a background thread when a process first waits or wakes, never on
 * a process's start-up path; until it is loaded, waits take the fallback below and wakes are skipped (every waiter
 * sleeps in bounded slices, so a skipped wake costs it at most one slice, where loading JNA on the calling thread
 * stalled it 100-400 ms, and seconds under load: a pool worker's first answer waited for it).
 *
 * <p>Elsewhere, or if JNA cannot load, a portable fallback: the waiter parks in growing steps (50 us up to 1 ms)
 * and re-reads the word; {@link #wake} does nothing. Slower to wake (a park is a ~100 us quantum here), never
 * wrong: every caller re-checks its condition in a loop and waits in bounded slices.
 *
 * <p>The protocol every caller follows (Drepper, "Futexes Are Tricky"): the waiter counts itself in a waiters word
 * with a full-fence RMW, re-checks its condition, then waits with the value it observed; the waker changes the word
 * with a volatile store or RMW, then wakes only if the waiters word is non-zero. An uncontended signal makes no
 * system call.
 */
public final class Futex {
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;

    /** 0: JNA not asked for yet; 1: loading in the background; 2: loaded (or failed: see Native.OK). */
    private static final java.util.concurrent.atomic.AtomicInteger STATE = new java.util.concurrent.atomic.AtomicInteger();

    private Futex() {
    }

    /** True once JNA is loaded; the first call starts loading it in the background. Never blocks. */
    private static boolean loaded() {
        int s = STATE.get();
        if (s == 2) {
            return true;
        }
        if (s == 0) {
            preloadInBackground();
        }
        return false;
    }

    /**
     * Loads JNA and binds {@code syscall} now (its first use costs 100-400 ms: JNA unpacks and loads its native
     * stub). Called on a background thread when a process first uses a shared primitive, and by standby JVMs while
     * they wait, so that the first thread to block does not pay it.
     */
    public static boolean preload() {
        boolean ok = Native.OK; // reading it runs the class initialization, which does the work
        STATE.set(2);
        return ok;
    }

    /** {@link #preload()} on a low-priority daemon thread (once per process). */
    public static void preloadInBackground() {
        if (!STATE.compareAndSet(0, 1)) {
            return;
        }
        Thread t = new Thread(Futex::preload, "mp-futex-preload"); // a method reference: not on a hot path
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** True if waits sleep in the kernel (Linux with JNA), false on the parking fallback. */
    public static boolean isKernelWait() {
        return preload();
    }

    /**
     * Sleeps while the int at {@code offset} of {@code r} equals {@code expected}, for at most
     * {@code timeoutNanos}; returns early when woken, when the word changes, on a signal, or spuriously.
     */
    public static void await(MappedRegion r, int offset, int expected, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return;
        }
        if (loaded() && Native.OK) {
            Native.await(r.address + offset, expected, timeoutNanos);
            return;
        }
        // fallback: park in growing steps until the word changes or the time is up
        long deadline = System.nanoTime() + timeoutNanos;
        long step = 50_000;
        while (r.getIntVolatile(offset) == expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(step, left));
            step = Math.min(step * 2, 1_000_000);
        }
    }

    /** Wakes up to {@code count} processes or threads sleeping on the int at {@code offset} of {@code r}. */
    public static void wake(MappedRegion r, int offset, int count) {
        if (loaded() && Native.OK) {
            Native.wake(r.address + offset, count);
        }
    }

    /** The JNA side, in a holder class so that nothing loads JNA until a thread really blocks. */
    private static final class Native {
        static final boolean OK;
        static final long SYS_FUTEX;

        static {
            String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            long nr = arch.equals("amd64") || arch.equals("x86_64") ? 202 : arch.equals("aarch64") ? 98 : -1;
            boolean ok = false;
            if (os.contains("linux") && nr > 0 && !Boolean.getBoolean("mpscope.futex.disable")) {
                try {
                    com.sun.jna.Native.register(Native.class, com.sun.jna.NativeLibrary.getInstance("c"));
                    ok = true;
                } catch (Throwable t) {
                    org.slf4j.LoggerFactory.getLogger(Futex.class)
                            .warn("futex unavailable, waits park and poll instead: reason={}", t.toString());
                }
            }
            OK = ok;
            SYS_FUTEX = nr;
        }

        // Binding the variadic syscall(2) with fixed long arguments is safe on Linux x86-64 and aarch64, where
        // integer varargs travel in the same registers as fixed arguments.
        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

        /**
         * The same call with a {@code struct timespec} as its fourth argument: JNA passes the array's elements by
         * pointer for the call. A per-thread native buffer (a ThreadLocal) made each new thread's first wait take a
         * branch the compiled wait had never seen, which threw the caller's compiled code away (deoptimized) inside
         * the user's first exchange.
         */
        static native long syscall(long number, long a1, long a2, long a3, long[] timespec, long a5, long a6);

        static void await(long address, int expected, long timeoutNanos) {
            long[] ts = {timeoutNanos / 1_000_000_000L, timeoutNanos % 1_000_000_000L};
            // returns on wake, EAGAIN (the word changed), EINTR or ETIMEDOUT: callers re-check either way
            syscall(SYS_FUTEX, address, FUTEX_WAIT, expected, ts, 0, 0);
        }

        static void wake(long address, int count) {
            syscall(SYS_FUTEX, address, FUTEX_WAKE, count, 0, 0, 0);
        }
    }
}
