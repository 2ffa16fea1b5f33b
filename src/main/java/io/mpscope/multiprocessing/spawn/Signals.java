package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.shm.SessionRegistry;
import sun.misc.Signal;

/**
 * Gives a child JVM CPython's reaction to SIGTERM, SIGINT and SIGHUP: it dies at once, without running
 * {@code finally} blocks or shutdown hooks (a JVM would run its hooks and exit with 128+N, which looks exactly like
 * {@code System.exit}). Before dying it records the signal in its registry slot, so its parent reports -N; then it
 * halts with status 128+N, the status a death by the signal would show.
 */
final class Signals {
    private Signals() {
    }

    static void install(SessionRegistry registry, int slot) {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                Signal sig = new Signal(name);
                Signal.handle(sig, s -> die(registry, slot, s));
            } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
                // not on this OS, or reserved by -Xrs: the JVM's default stays
            }
        }
    }

    /** Records {@code s} and halts as a death by it would end the process. */
    static void die(SessionRegistry registry, int slot, Signal s) {
        if (registry != null && slot >= 0) {
            // Overrides a normal exit recorded before (run() returned, or System.exit is running the hooks):
            // the process now ends by this signal, and its parent must report -N, not 128+N.
            registry.recordChildSignal(slot, s.getNumber());
        }
        // Not Signal.raise(s) after restoring SIG_DFL: the Java API refuses to raise a signal that has no Java
        // handler (IllegalArgumentException "Unhandled signal"), which ended this handler thread before the halt
        // below and left the child running after terminate(). halt skips hooks and finally blocks, as SIG_DFL would.
        Runtime.getRuntime().halt(128 + s.getNumber());
    }
}
