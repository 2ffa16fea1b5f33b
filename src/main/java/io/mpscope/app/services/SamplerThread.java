package io.mpscope.app.services;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A sampling service's one thread: a daemon that runs the service's tick at a fixed delay (not a fixed rate: a slow
 * read, a stuck file system, must not queue ticks up behind it), tasks submitted to run on it now, and a close that
 * runs the service's source close on it after the last tick without making the caller (the FX thread) wait.
 * Thread-safe.
 */
final class SamplerThread {
    private final String threadName;
    private final String what;
    private final Runnable closeSource;
    private ScheduledExecutorService executor;
    private boolean closed;

    /**
     * @param threadName  the thread's name
     * @param what        the service in error messages, with its context ({@code monitor service source=...})
     * @param closeSource run on the thread after the last tick (on the caller's if the thread never started)
     */
    SamplerThread(String threadName, String what, Runnable closeSource) {
        this.threadName = threadName;
        this.what = what;
        this.closeSource = Objects.requireNonNull(closeSource, "closeSource");
    }

    /** Starts the thread; {@code tick} runs at once, then {@code period} after each run ends. */
    synchronized void start(Runnable tick, Duration period) {
        if (closed) {
            throw new IllegalStateException("sampler is closed: " + what);
        }
        if (executor != null) {
            throw new IllegalStateException("sampler already started: " + what);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on the thread soon; false if it is not running (not started, or closed). */
    synchronized boolean submit(Runnable task) {
        if (executor == null || closed) {
            return false;
        }
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Stops ticking without waiting: a tick in progress finishes, then the source is closed. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (executor == null) {
            closeSource.run();
            return;
        }
        // shutdown() cancels the periodic tick, but still runs a task submitted for now
        executor.execute(closeSource);
        executor.shutdown();
    }

    /** Waits until the thread has ended after {@link #close}; never on the FX thread. False if it still runs. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        ScheduledExecutorService e;
        synchronized (this) {
            e = executor;
        }
        return e == null || e.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
