package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Gives a child JVM CPython's reaction to SIGTERM, SIGINT and SIGHUP: it dies by the signal at once, without
 * running shutdown hooks (a JVM would run them and exit with 128+N, which looks exactly like {@code System.exit}).
 * Before dying it records the signal in its registry slot, so its parent reports -N, and only then re-raises it
 * with the default action, so the OS and every tool also see a death by signal.
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

    /** Records {@code s} and dies by it. */
    static void die(SessionRegistry registry, int slot, Signal s) {
        if (registry != null && slot >= 0) {
            registry.recordChildExit(slot, RegistryLayout.EXIT_SIGNAL, s.getNumber());
        }
        Signal.handle(s, SignalHandler.SIG_DFL);
        Signal.raise(s);
        // SIG_DFL for these signals terminates the process; if it was ignored by an inherited mask, still go.
        Runtime.getRuntime().halt(128 + s.getNumber());
    }
}
