package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the live sessions and the OS ({@link MetricsSource}) on one daemon thread, {@code mp-sampler}, twice a
 * second by default ({@value #SAMPLE_HZ_PROPERTY} sets the rate), and hands each tick to a sink as one immutable
 * {@link SystemSnapshot}. It never touches a Node; the sink is normally an {@link FxPublisher}.
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
    /** The system property that sets the sampling rate in ticks per second (default 2). */
    public static final String SAMPLE_HZ_PROPERTY = "mpscope.sampleHz";
    /** The fastest rate {@value #SAMPLE_HZ_PROPERTY} may ask for. */
    public static final double MAX_HZ = 50;

    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);

    private final Supplier<List<SessionSnapshot>> source;
    private final MetricsSource metrics;
    private final String sourceName;
    private final Consumer<? super SystemSnapshot> sink;
    private final Duration period;
    private final Clock clock;
    private final SamplerThread thread;
    /** Only the sampler thread reads and writes it. */
    private boolean failing;

    /** Samples {@code observer} every {@link #DEFAULT_PERIOD} into {@code sink}; closing this closes it. */
    public MonitorService(Observer observer, Consumer<? super SystemSnapshot> sink) {
        this(observer, MetricsSource.NONE, sink, DEFAULT_PERIOD);
    }

    /** Samples {@code observer} and {@code metrics} every {@code period} into {@code sink}. */
    public MonitorService(Observer observer, MetricsSource metrics, Consumer<? super SystemSnapshot> sink,
                          Duration period) {
        this(observer::sessions, observer::close, observer.directory().toString(), metrics, sink, period,
                Clock.systemUTC());
    }

    /**
     * The period {@value #SAMPLE_HZ_PROPERTY} asks for ({@code "10"} is 100 ms), or {@link #DEFAULT_PERIOD}.
     *
     * @throws IllegalArgumentException if it is not a number in (0, {@link #MAX_HZ}]
     */
    public static Duration periodFromProperty() {
        String hz = System.getProperty(SAMPLE_HZ_PROPERTY);
        if (hz == null || hz.isBlank()) {
            return DEFAULT_PERIOD;
        }
        double rate;
        try {
            rate = Double.parseDouble(hz.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sampling rate is not a number: " + SAMPLE_HZ_PROPERTY + "=" + hz);
        }
        if (!(rate > 0 && rate <= MAX_HZ)) {
            throw new IllegalArgumentException("sampling rate out of range: " + SAMPLE_HZ_PROPERTY + "=" + hz
                    + " min=0 (exclusive) max=" + MAX_HZ);
        }
        return Duration.ofNanos(Math.round(1e9 / rate));
    }

    /** Samples {@code source} every {@code period} into {@code sink}, without OS readings. */
    public MonitorService(Supplier<List<SessionSnapshot>> source, Runnable closeSource, String sourceName,
                          Consumer<? super SystemSnapshot> sink, Duration period, Clock clock) {
        this(source, closeSource, sourceName, MetricsSource.NONE, sink, period, clock);
    }

    /**
     * Samples {@code source} every {@code period} into {@code sink}.
     *
     * @param closeSource run on the sampler thread after the last tick, when the service is closed
     * @param sourceName  what is watched, for display
     * @param metrics     the OS readings added to each tick
     */
    public MonitorService(Supplier<List<SessionSnapshot>> source, Runnable closeSource, String sourceName,
                          MetricsSource metrics, Consumer<? super SystemSnapshot> sink, Duration period,
                          Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sampling period must be positive: period=" + period);
        }        this.thread = new SamplerThread(THREAD_NAME, "monitor service source=" + sourceName, closeSource);
    }

    /** The configured period. */
    public Duration period() {
        return period;
    }

    /** Whether the list of every OS process is wanted (someone looks at it). Any thread; never blocks. */
    public void setSystemListWanted(boolean wanted) {
        metrics.setSystemListWanted(wanted);
    }

    /** Starts sampling; the first tick runs at once. */
    public void start() {
        thread.start(this::tick, period);
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

    /** Reads the sessions and the OS once. Never throws because of the source. */
    SystemSnapshot sample() {
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        SystemSnapshot snapshot;
        List<SessionSnapshot> sessions;
        try {
            sessions = source.get();
            if (failing) {
                log.info("observation recovered: source={}", sourceName);
                failing = false;
            }
            snapshot = null;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("observation unavailable: source={}", sourceName, e);
                failing = true;
            }
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            snapshot = SystemSnapshot.failed(reason, start, period, sourceName);
            sessions = List.of();
        }
        Metrics m = metrics.read(sessions, t0, start);
        if (snapshot != null) {
            return snapshot.withMetrics(m);
        }
        Duration read = Duration.ofNanos(System.nanoTime() - t0);
        return SystemSnapshot.of(sessions, start, period, read, sourceName).withMetrics(m);
    }

    /**
     * Stops sampling without waiting: a tick in progress finishes, no new tick starts, and the source is closed on
     * the sampler thread after it. Idempotent.
     */
    @Override
    public void close() {
        thread.close();
    }

    /**
     * Waits until the sampler thread has ended after {@link #close}; never call it on the FX thread.
     *
     * @return false if it was still running after {@code timeout}
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return thread.awaitTermination(timeout);
    }
}
