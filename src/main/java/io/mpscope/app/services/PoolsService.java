package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampler of the Pools and Managers views, on one daemon thread {@code mp-pools}: it reads the pools' status
 * blocks and the managers' published summaries of one session (the one the user looks at) and hands each read to a
 * sink as one immutable {@link PoolsUpdate} (normally an {@link FxPublisher}, which coalesces).
 *
 * <p>Pools are read every tick while the Pools view shows, managers while the Managers view shows; both every
 * {@value #BACKGROUND_EVERY}th tick otherwise (for the tabs' counts); nothing without a session. Both reads take no
 * lock in the observed programs. Best effort: a failing read is published as a failed update and logged once.
 * {@link #watch}, {@link #start} and {@link #close} may be called from any thread and never block.
 */
public final class PoolsService implements AutoCloseable {
    /** The default period: 2 Hz, as the process table. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(500);
    /** While neither view shows, one tick in this many reads both. */
    public static final int BACKGROUND_EVERY = 4;
    /** The sampler thread's name. */
    public static final String THREAD_NAME = "mp-pools";

    private static final Logger log = LoggerFactory.getLogger(PoolsService.class);

    /** What to read: a session (empty: none), and which views show. */
    private record Watch(String sessionId, boolean pools, boolean managers) {
    }

    private final Function<String, Optional<List<PoolSnapshot>>> poolSource;
    private final Function<String, Optional<List<ManagerSnapshot>>> managerSource;
    private final Consumer<? super PoolsUpdate> sink;
    private final Duration period;
    private final Clock clock;
    private volatile Watch watch = new Watch("", false, false);
    private final SamplerThread thread;
    /** Only the sampler thread reads and writes these. */
    private long ticks;
    private boolean failing;

    /** Reads {@code observer} every {@code period} into {@code sink}; closing this closes it. */
    public PoolsService(Observer observer, Consumer<? super PoolsUpdate> sink, Duration period) {
        this(observer::pools, observer::managers, observer::close, sink, period, Clock.systemUTC());
    }

    /**
     * Reads the sources every {@code period} into {@code sink}.
     *
     * @param closeSource run on the sampler thread after the last tick
     */
    public PoolsService(Function<String, Optional<List<PoolSnapshot>>> poolSource,
                        Function<String, Optional<List<ManagerSnapshot>>> managerSource, Runnable closeSource,
                        Consumer<? super PoolsUpdate> sink, Duration period, Clock clock) {
        this.poolSource = Objects.requireNonNull(poolSource, "poolSource");
        this.managerSource = Objects.requireNonNull(managerSource, "managerSource");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sampling period must be positive: period=" + period);
        }        this.thread = new SamplerThread(THREAD_NAME, "pools sampler", closeSource);
    }

    /**
     * Reads session {@code sessionId} from now on (empty: none); pools at full rate if {@code poolsShown}, managers
     * if {@code managersShown}. A new session, or a view that just appeared, is read at once. Any thread.
     */
    public void watch(String sessionId, boolean poolsShown, boolean managersShown) {
        Watch next = new Watch(Objects.requireNonNull(sessionId, "sessionId"), poolsShown, managersShown);
        Watch was = watch;
        watch = next;
        boolean sooner = !next.sessionId().isEmpty() && (!next.sessionId().equals(was.sessionId())
                || (poolsShown && !was.pools()) || (managersShown && !was.managers()));
        if (sooner) {
            submit(() -> {
                Watch w = watch;
                if (!w.sessionId().isEmpty()) {
                    read(w.sessionId(), true, true);
                }
            });
        }
    }

    /** Starts sampling. */
    public void start() {
        thread.start(this::tick, period);
    }

    /** One scheduled tick; runs on the sampler thread. */
    void tick() {
        Watch w = watch;
        boolean background = ticks++ % BACKGROUND_EVERY == 0;
        if (w.sessionId().isEmpty() || !(background || w.pools() || w.managers())) {
            return;
        }
        read(w.sessionId(), background || w.pools(), background || w.managers());
    }

    /** Reads {@code sessionId} and publishes it; sampler thread. Never throws. */
    void read(String sessionId, boolean pools, boolean managers) {
        Instant at = clock.instant();
        try {
            PoolsUpdate u;
            try {
                Optional<List<PoolSnapshot>> p = pools ? poolSource.apply(sessionId) : Optional.empty();
                Optional<List<ManagerSnapshot>> m = managers ? managerSource.apply(sessionId) : Optional.empty();
                boolean gone = (pools && p.isEmpty()) || (managers && m.isEmpty());
                u = new PoolsUpdate(sessionId, p, m, gone, Optional.empty(), at);
                if (failing) {
                    log.info("pools and managers readable again: session={}", sessionId);
                    failing = false;
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("pools and managers unavailable: session={}", sessionId, e);
                    failing = true;
                }
                u = PoolsUpdate.failed(sessionId,
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), at);
            }
            sink.accept(u);
        } catch (RuntimeException | LinkageError e) {
            // escaping a periodic task would cancel it silently
            log.warn("pools tick failed: session={}", sessionId, e);
        }
    }

    private boolean submit(Runnable task) {
        return thread.submit(task);
    }

    /** Stops sampling without waiting; the source is closed on the sampler thread after the last tick. */
    @Override
    public void close() {
        thread.close();
    }
}
