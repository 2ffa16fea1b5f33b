package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.shm.SessionRegistry;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives a child JVM CPython's reaction to SIGTERM, SIGINT and SIGHUP: it dies at once, without running
 * {@code finally} blocks or shutdown hooks (a JVM would run its hooks and exit with 128+N, which looks exactly like
 * {@code System.exit(128+N)}). Before dying it records the signal in its registry slot, so its parent reports -N;
 * then it halts with status 128+N, the status a death by the signal would show.
 */
final class Signals {
    /** Run just before halting: wakes threads blocked in native reads, which would delay the exit by 300 ms. */
    static volatile Runnable beforeHalt;

    private Signals() {
    }

    static void install(SessionRegistry registry, int slot) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal sig = new Signal(name);
                Signal.handle(sig, new Handler(registry, slot));
            } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
                // not on this OS, or reserved by -Xrs: the JVM's default stays
            }
        }
    }

    /** The handler (a class, not a lambda: it is installed on every child's start path). */
    private static final class Handler implements SignalHandler {
        private final SessionRegistry registry;
        private final int slot;

        Handler(SessionRegistry registry, int slot) {
            this.registry = registry;
            this.slot = slot;
        }

        @Override
        public void handle(Signal s) {
            die(registry, slot, s.getNumber());
        }
    }

    /** Records signal {@code signo} as the cause of death and halts as a death by it would end the process. */
    static void die(SessionRegistry registry, int slot, int signo) {
        if (registry != null && slot >= 0) {
            // Overrides a normal exit recorded before (run() returned, or System.exit is running the hooks):
            // the process now ends by this signal, and its parent must report -N, not 128+N.
            registry.recordChildSignal(slot, signo);
        }
        Runnable r = beforeHalt;
        if (r != null) {
            r.run();
        }
        // Not Signal.raise(s) after restoring SIG_DFL: the Java API refuses to raise a signal that has no Java
        // handler ("Unhandled signal"). halt skips hooks and finally blocks, as SIG_DFL would.
        Runtime.getRuntime().halt(128 + signo);
    }
}
