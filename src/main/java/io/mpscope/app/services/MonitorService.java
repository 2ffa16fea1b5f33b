package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the live sessions about twice a second on one daemon thread, {@code mp-sampler}, and hands each tick to a
 * sink as one immutable {@link SystemSnapshot}. It never touches a Node; the sink is normally an
 * {@link FxPublisher}.
 *
 * <p>Monitoring is best effort: a tick whose read fails is published as a failed snapshot (the UI shows
 * "unavailable"), the first failure in a row is logged once, and sampling goes on. {@link #start} and
 * {@link #close} may be called from any thread and never block.
 */
public final class MonitorService implements AutoCloseable {
    /** The default period: 2 Hz. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(500);
    /** The sampler thread's name. */
    public static final String THREAD_NAME = "mp-sampler";

    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);

    private final Supplier<List<SessionSnapshot>> source;
    private final Runnable closeSource;
    private final String sourceName;
    private final Consumer<? super SystemSnapshot> sink;
    private final Duration period;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private boolean closed;
    /** Only the sampler thread reads and writes it. */
    private boolean failing;

    /** Samples {@code observer} every {@link #DEFAULT_PERIOD} into {@code sink}; closing this closes it. */
    public MonitorService(Observer observer, Consumer<? super SystemSnapshot> sink) {
        this(observer::sessions, observer::close, observer.directory().toString(), sink, DEFAULT_PERIOD,
                Clock.systemUTC());
    }

    /**
     * Samples {@code source} every {@code period} into {@code sink}.
     *
     * @param closeSource run on the sampler thread after the last tick, when the service is closed
     * @param sourceName  what is watched, for display
     */
    public MonitorService(Supplier<List<SessionSnapshot>> source, Runnable closeSource, String sourceName,
                          Consumer<? super SystemSnapshot> sink, Duration period, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.closeSource = Objects.requireNonNull(closeSource, "closeSource");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sampling period must be positive: period=" + period);
        }
    }

    /** The configured period. */
    public Duration period() {
        return period;
    }

    /** Starts sampling; the first tick runs at once. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("monitor service is closed: source=" + sourceName);
        }
        if (executor != null) {
            throw new IllegalStateException("monitor service already started: source=" + sourceName);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        // Fixed delay, not fixed rate: a slow read (a stuck file system) must not queue up ticks behind it.
        executor.scheduleWithFixedDelay(this::tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Reads one tick and hands it to the sink; runs on the sampler thread. */
    void tick() {
        try {
            sink.accept(sample());
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // Anything escaping a periodic task cancels it silently, and the UI would freeze on its last tick:
            // log it and keep sampling. (VirtualMachineErrors such as OutOfMemoryError still escape.)
            log.warn("monitor tick failed: source={}", sourceName, e);
        }
    }

    /** Reads the sessions once. Never throws because of the source. */
    SystemSnapshot sample() {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        try {
            List<SessionSnapshot> sessions = source.get();
            Duration read = Duration.ofNanos(System.nanoTime() - t0);
            if (failing) {
                log.info("observation recovered: source={}", sourceName);
                failing = false;
            }
            return SystemSnapshot.of(sessions, start, period, read, sourceName);
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("observation unavailable: source={}", sourceName, e);
                failing = true;
            }
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return SystemSnapshot.failed(reason, start, period, sourceName);
        }
    }

    /**
     * Stops sampling without waiting: a tick in progress finishes, no new tick starts, and the source is closed on
     * the sampler thread after it. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (executor == null) {
            closeSource.run();
            return;
        }
        // shutdown() cancels the periodic tick, but still runs a task submitted for now: the source is closed
        // after the last tick, on the thread that reads it, and the caller (the FX thread) does not wait.
        executor.execute(closeSource);
        executor.shutdown();
    }

    /**
     * Waits until the sampler thread has ended after {@link #close}; never call it on the FX thread.
     *
     * @return false if it was still running after {@code timeout}
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        ScheduledExecutorService e;
        synchronized (this) {
            e = executor;
        }
        return e == null || e.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
