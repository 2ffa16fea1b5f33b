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
 * a daemon thread {@code mp-standby}, and a replacement waits {@code -Dmpscope.standby.delayMs} (default 250 ms),
 * then until the machine has CPU to spare (at most {@code -Dmpscope.standby.maxDeferMs}, default 10 s), so a JVM
 * booting and warming up in the background does not take the CPU from the processes just started. Size:
 * {@code -Dmpscope.standby.size} (default 2 in the root, 1 in a child; 0: off).
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
                if (delay == 0) {
                    launcher.execute(this::launchOne);
                } else {
                    long givenUp = System.nanoTime() + MAX_DEFER_NANOS;
                    launcher.schedule(() -> launchWhenIdle(null, givenUp), delay, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * Idle CPUs a replacement waits for: one and a half (half a CPU on a 1-CPU machine). Half a CPU was not enough:
     * two processes exchanging requests leave a 2-CPU machine 55-60% idle, yet a JVM warming up beside them took the
     * CPU each needed the moment the other answered (manager calls at 12-35k ops/s instead of 60-180k).
     */
    static final double IDLE_CPUS_TO_LAUNCH = Math.min(1.5, Runtime.getRuntime().availableProcessors() - 0.5);
    /** The longest a replacement waits for a CPU to spare. */
    static final long MAX_DEFER_NANOS = Long.getLong("mpscope.standby.maxDeferMs", 10_000) * 1_000_000;

    /**
     * Launches a replacement once the machine had {@link #IDLE_CPUS_TO_LAUNCH} idle over the last 100 ms (since
     * {@code since}, a {@link CpuIdle#sample()}; null: take it now), or at {@code givenUp}; until then it looks again
     * every 100 ms. The first look is after the replacement delay: the processes just started are past their own
     * start-up by then, and the look sees their work.
     *
     * <p>Why: a standby's boot and warm-up take 1-2 s of CPU, and on a 2-CPU machine a replacement launched while the
     * processes just started work took the CPU from them (seen with {@code perf sched}: the JIT compiler threads of
     * the new JVM beside a child's manager calls): the calls ran at 16-57k ops/s with the replacement launched 250 ms
     * after the start, 40-170k with it launched when the machine was idle. A replacement is for a later start; the
     * work running now comes first. {@code prestart} and the pool's first fill launch at once.
     */
    private void launchWhenIdle(long[] since, long givenUp) {
        long[] now = CpuIdle.sample();
        synchronized (this) {
            if (closed) {
                launching--;
                return;
            }
        }
        if ((since == null || CpuIdle.idleCpus(since, now) < IDLE_CPUS_TO_LAUNCH) && System.nanoTime() - givenUp < 0) {
            launcher.schedule(() -> launchWhenIdle(now, givenUp), 100, TimeUnit.MILLISECONDS);
            return;
        }
        launchOne();
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
