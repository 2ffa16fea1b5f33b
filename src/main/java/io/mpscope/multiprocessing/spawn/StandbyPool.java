package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.RegistryLayout;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pre-started child JVMs that have loaded and warmed the child bootstrap and wait on their stdin for a Process to
 * run: {@code start()} under {@code StartMethod.STANDBY} hands the Process to one of them, which skips JVM
 * start-up, and a replacement is launched in the background. CPython's forkserver idea, without fork.
 *
 * <p>A standby JVM is visible in the session registry as state STANDBY (flag READY once warm). It exits when its
 * stdin closes: when this pool closes, or when this process dies by any means. Launches happen one at a time on
 * a daemon thread {@code mp-standby}, and a replacement waits {@code -Dmpscope.standby.delayMs} (default 250 ms)
 * before it launches, so a JVM booting in the background does not take the CPU from the processes just started
 * (a JVM boot is ~150 ms of CPU on two threads). Size: {@code -Dmpscope.standby.size} (default 2 in the root, 1 in
 * a child; 0: off).
 */
final class StandbyPool {
    /** One waiting JVM. */
    record Standby(java.lang.Process process, int slot, OutputPump out, OutputPump err) {
    }

    private final Session session;
    private final int size;
    private final Deque<Standby> idle = new ArrayDeque<>();
    private int launching;
    private boolean closed;
    private final ScheduledExecutorService launcher;
    private final long delayMillis;

    StandbyPool(Session session) {
        this.session = session;
        // The root keeps two; a child that starts children of its own keeps one (each idle JVM is ~40 MB RSS).
        this.size = Integer.getInteger("mpscope.standby.size",
                io.mpscope.multiprocessing.process.ProcessRuntime.isChild() ? 1 : 2);
        this.delayMillis = Long.getLong("mpscope.standby.delayMs", 250);
        this.launcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mp-standby");
            t.setDaemon(true);
            return t;
        });
    }

    int size() {
        return size;
    }

    /**
     * Takes a waiting JVM, preferring one that has finished warming up, and schedules a replacement.
     *
     * @return the standby, or null if none is waiting (the caller starts a fresh JVM)
     */
    Standby take() {
        Standby chosen = null;
        synchronized (this) {
            if (closed) {
                return null;
            }
            SessionRegistry r = session.registry();
            for (Iterator<Standby> it = idle.iterator(); it.hasNext(); ) {
                Standby s = it.next();
                if (!s.process.isAlive()) {
                    it.remove();
                    continue;
                }
                if (chosen == null && (r == null || (r.flags(s.slot) & RegistryLayout.FLAG_READY) != 0)) {
                    chosen = s;
                    it.remove();
                }
            }
            if (chosen == null && !idle.isEmpty()) {
                chosen = idle.pollFirst(); // still warming up: it is nearer to ready than a JVM not yet launched
            }
        }
        replenish();
        return chosen;
    }

    /** Launches standbys in the background until the pool is full, the first without delay. */
    void fill() {
        replenish(0);
    }

    /** Launches standbys in the background until the pool is full, after the replacement delay. */
    void replenish() {
        replenish(delayMillis);
    }

    private void replenish(long delay) {
        synchronized (this) {
            if (closed || size <= 0) {
                return;
            }
            int missing = size - idle.size() - launching;
            for (int i = 0; i < missing; i++) {
                launching++;
                launcher.schedule(this::launchOne, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void launchOne() {
        Standby s = null;
        try {
            s = launch();
        } catch (IOException | RuntimeException e) {
            // no standby this time; start() falls back to a fresh JVM
        } finally {
            synchronized (this) {
                launching--;
                if (s != null) {
                    idle.addLast(s); // close() stops it if the pool closed meanwhile
                }
            }
        }
    }

    private Standby launch() throws IOException {
        SessionRegistry r = session.registry();
        int slot = r == null ? -1 : r.claim(RegistryLayout.STANDBY, session.slot(), "(standby)", "", 0);
        List<String> cmd = r == null
                ? JavaCommand.build(List.of(), true, "--standby")
                : JavaCommand.build(List.of(), true, "--standby", r.path().toString(), Integer.toString(slot));
        java.lang.Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            if (r != null) {
                r.free(slot);
            }
            throw e;
        }
        if (r != null) {
            r.setLaunched(slot, p.pid(), ProcFs.startTicks(p.pid()));
        }
        String name = "standby-" + p.pid();
        return new Standby(p, slot,
                OutputPump.start(p.getInputStream(), RegistryLayout.STDOUT, r, slot, name),
                OutputPump.start(p.getErrorStream(), RegistryLayout.STDERR, r, slot, name));
    }

    /**
     * Fills the pool now and waits until every standby JVM has warmed up, or {@code timeout} passed.
     *
     * @return true if the pool is full of ready JVMs
     */
    boolean awaitReady(java.time.Duration timeout) throws InterruptedException {
        fill();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                SessionRegistry r = session.registry();
                int ready = 0;
                for (Standby s : idle) {
                    if (s.process.isAlive() && (r == null || (r.flags(s.slot) & RegistryLayout.FLAG_READY) != 0)) {
                        ready++;
                    }
                }
                if (ready >= size || closed) {
                    return ready >= size;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
    }

    /**
     * Stops every waiting JVM and launches no more. A standby holds no user state, so it is killed rather than asked
     * (one still booting would take its whole boot to notice a closed stdin). Waits up to {@code grace} for them to
     * be gone: a thread still blocked reading a child's pipe, or in waitpid(), delays this JVM's own exit by 300 ms.
     */
    void close(java.time.Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            closed = true;
        }
        launcher.shutdownNow();
        try {
            launcher.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS); // a launch in flight lands in idle
            List<Standby> toStop;
            synchronized (this) {
                toStop = List.copyOf(idle);
                idle.clear();
            }
            for (Standby s : toStop) {
                stop(s);
            }
            for (Standby s : toStop) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    s.process.waitFor(left, TimeUnit.NANOSECONDS);
                }
                s.out.awaitEof(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                s.err.awaitEof(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            if (!toStop.isEmpty()) {
                // a standby killed inside its warm-up's create-map-remove of a scratch file leaves the file
                SessionRegistry.sweepScratch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(Standby s) {
        s.process.destroyForcibly();
        SessionRegistry r = session.registry();
        if (r != null && s.slot >= 0) {
            s.process.onExit().thenRun(() -> r.recordReaped(s.slot, -9));
        }
    }
}
