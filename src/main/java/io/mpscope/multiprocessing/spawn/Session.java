package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.process.ProcessRuntime;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import java.io.IOException;
import java.time.Duration;

/**
 * This JVM's membership in a session: the registry every process of the program writes into, and this process's
 * slot in it. The root creates the session when it first starts a process; a child joins its parent's session.
 * A daemon thread {@code mp-heartbeat} stamps the slot every second.
 *
 * <p>If the registry cannot be created (no writable shared-memory or temp folder), processes still work; they are
 * just invisible to observers, and exit codes fall back to the 128+N rule.
 */
public final class Session {
    private static final Object LOCK = new Object();
    private static volatile Session instance;

    private final SessionRegistry registry;
    private final int slot;
    private final Thread heartbeat;
    private volatile StandbyPool standby;

    private Session(SessionRegistry registry, int slot) {
        this.registry = registry;
        this.slot = slot;
        if (registry != null) {
            heartbeat = new Heartbeat(registry, slot);
            heartbeat.start();
        } else {
            heartbeat = null;
        }
    }

    /** Stamps this process's slot every second; a plain thread, as it starts on every child's start-up path. */
    private static final class Heartbeat extends Thread {
        private final SessionRegistry registry;
        private final int slot;

        Heartbeat(SessionRegistry registry, int slot) {
            super("mp-heartbeat");
            this.registry = registry;
            this.slot = slot;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Thread.sleep(1000);
                    registry.heartbeat(slot);
                }
            } catch (InterruptedException e) {
                // shutting down
            }
        }
    }

    /** The session of this JVM, creating the root session on first use. */
    public static Session get() {
        Session s = instance;
        if (s != null) {
            return s;
        }
        synchronized (LOCK) {
            if (instance == null) {
                instance = createRoot();
            }
            return instance;
        }
    }

    /** The session if this JVM has one yet, else null. */
    public static Session peek() {
        return instance;
    }

    private static Session createRoot() {
        ProcessRuntime.installExitHook();
        SessionRegistry r;
        try {
            r = SessionRegistry.createRoot(rootCommand());
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Session.class)
                    .warn("session registry unavailable, processes will not be observable: reason={}", e.toString());
            return new Session(null, -1);
        }
        long pid = ProcessRuntime.pid();
        int slot = r.claim(RegistryLayout.RUNNING, -1, ProcessRuntime.current().getName(), "",
                RegistryLayout.FLAG_MAIN);
        r.setLaunched(slot, pid, io.mpscope.multiprocessing.shm.ProcFs.startTicks(pid));
        r.setStarted(slot);
        r.startTracker();
        return new Session(r, slot);
    }

    private static String rootCommand() {
        String cmd = System.getProperty("sun.java.command", "");
        int space = cmd.indexOf(' ');
        return space > 0 ? cmd.substring(0, space) : cmd;
    }

    /** Called once by the child bootstrap: joins the parent's session in slot {@code slot}. */
    static Session joinAsChild(SessionRegistry registry, int slot) {
        synchronized (LOCK) {
            instance = new Session(registry, slot);
            return instance;
        }
    }

    /** The registry, or null if the session has none. */
    public SessionRegistry registry() {
        return registry;
    }

    /** This process's slot, or -1. */
    public int slot() {
        return slot;
    }

    /**
     * Starts the standby JVMs now, without waiting for the first {@code start()}, and waits until they are warm.
     *
     * @return true if the pool is full of ready JVMs within {@code timeout}
     */
    public static boolean prestartStandby(Duration timeout) throws InterruptedException {
        return get().standby().awaitReady(timeout);
    }

    StandbyPool standby() {
        StandbyPool p = standby;
        if (p == null) {
            synchronized (this) {
                if (standby == null) {
                    standby = new StandbyPool(this);
                }
                p = standby;
            }
        }
        return p;
    }

    /**
     * The end of this process's membership: stops the standby JVMs and, in the root, removes the registry.
     * Called by the exit function after children were joined.
     */
    public static void shutdown(Duration grace) {
        Session s = instance;
        if (s == null) {
            return;
        }
        StandbyPool p = s.standby;
        if (p != null) {
            p.close(grace);
        }
        if (s.heartbeat != null) {
            s.heartbeat.interrupt();
        }
        if (s.registry != null && !ProcessRuntime.isChild()) {
            s.registry.close();
        }
    }
}
