package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import sun.misc.Signal;

/**
 * Gives a child JVM CPython's reaction to SIGTERM, SIGINT and SIGHUP: it dies at once, without running shutdown
 * hooks or {@code finally} blocks (a JVM would run its hooks and exit with 128+N, which looks exactly like
 * {@code System.exit(128+N)}). Before dying it records the signal in its registry slot, so its parent reports -N.
 * It then halts with status 128+N: Java cannot re-raise a signal whose handler it has reset.
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
                Signal.handle(sig, s -> die(registry, slot, s.getNumber()));
            } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
                // not on this OS, or reserved by -Xrs: the JVM's default stays
            }
        }
    }

    /** Records signal {@code signo} as the cause of death and halts. */
    static void die(SessionRegistry registry, int slot, int signo) {
        if (registry != null && slot >= 0) {
            registry.recordChildExit(slot, RegistryLayout.EXIT_SIGNAL, signo);
        }
        Runnable r = beforeHalt;
        if (r != null) {
            r.run();
        }
        Runtime.getRuntime().halt(128 + signo);
    }
}
