package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.Observer;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.QueueSnapshot;
import io.mpscope.multiprocessing.observe.WaitForGraph;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampler of the Primitives view, on one daemon thread {@code mp-primitives}: it reads the shared primitives
 * and the wait-for graph of one session (the one the user looks at) and hands each read to a sink as one immutable
 * {@link PrimitivesUpdate} (normally an {@link FxPublisher}, which coalesces).
 *
 * <p>It reads only while there is a session to watch: every tick ({@link #DEFAULT_PERIOD}) while the view shows,
 * every {@value #BACKGROUND_EVERY}th tick while it is hidden (so a deadlock is still noticed and announced), and
 * not at all without a session. Separate from {@code MonitorService}, as the details sampler is: it reads only what
 * the user asked for, and the first read of a session maps one file per primitive, which must not delay the
 * process table's tick. The same thread answers {@link #find} (the warning before terminate and kill).
 *
 * <p>Queues and pipes are read in the same tick, only while the view shows and only if the session has any: their
 * depth, counters, waiters and first {@value #QUEUE_PEEK} items travel in the same update.
 *
 * <p>Best effort: a failing read is published as a failed update and logged once. {@link #watch}, {@link #start}
 * and {@link #close} may be called from any thread and never block.
 */
public final class PrimitivesService implements HeldLocks, AutoCloseable {
    /** The default period: 2 Hz, as the process table. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(500);
    /** While the view is hidden, one tick in this many reads (for deadlock notifications). */
    public static final int BACKGROUND_EVERY = 4;
    /** The sampler thread's name. */
    public static final String THREAD_NAME = "mp-primitives";
    /** How many items of each queue are read, for the contents panel. */
    public static final int QUEUE_PEEK = 20;

    /** Reads the queues and pipe directions of a session with their first {@code peek} items. */
    @FunctionalInterface
    public interface QueueSource {
        /** Empty if the session is gone. */
        Optional<List<QueueSnapshot>> queues(String sessionId, int peek);
    }

    private static final Logger log = LoggerFactory.getLogger(PrimitivesService.class);

    /** What to read: a session (empty: none), and whether the view shows. */
    private record Watch(String sessionId, boolean shown) {
    }

    private final Function<String, Optional<PrimitivesSnapshot>> source;
    /** Null: queues are not read. */
    private final QueueSource queueSource;
    private final Runnable forgetEnded;
    private final Consumer<? super PrimitivesUpdate> sink;
    private final Duration period;
    private final Clock clock;
    private volatile Watch watch = new Watch("", false);
    private final SamplerThread thread;
    /** Only the sampler thread reads and writes these. */
    private long ticks;
    private boolean failing;
    private boolean queuesFailing;
    private String lastRead = "";

    /** Reads {@code observer} every {@code period} into {@code sink}; closing this closes it. */
    public PrimitivesService(Observer observer, Consumer<? super PrimitivesUpdate> sink, Duration period) {
        this(observer::primitives, observer::queues, () -> observer.sessions(), observer::close, sink, period,
                Clock.systemUTC());
    }

    /**
     * Reads {@code source} every {@code period} into {@code sink}.
     *
     * @param forgetEnded run when the watched session changes, so mappings of ended sessions can go
     * @param closeSource run on the sampler thread after the last tick
     */
    public PrimitivesService(Function<String, Optional<PrimitivesSnapshot>> source, Runnable forgetEnded,
                             Runnable closeSource, Consumer<? super PrimitivesUpdate> sink, Duration period,
                             Clock clock) {
        this(source, null, forgetEnded, closeSource, sink, period, clock);
    }

    /**
     * Reads {@code source} every {@code period} into {@code sink}, and {@code queueSource} in the same tick while the
     * view shows and the session has queues or pipes.
     *
     * @param queueSource the session's queues with their first items, or null to read none
     */
    public PrimitivesService(Function<String, Optional<PrimitivesSnapshot>> source, QueueSource queueSource,
                             Runnable forgetEnded, Runnable closeSource, Consumer<? super PrimitivesUpdate> sink,
                             Duration period, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.queueSource = queueSource;
        this.forgetEnded = Objects.requireNonNull(forgetEnded, "forgetEnded");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("sampling period must be positive: period=" + period);
        }        this.thread = new SamplerThread(THREAD_NAME, "primitives sampler", closeSource);
    }

    /**
     * Reads session {@code sessionId} from now on (empty: none), at full rate if {@code shown}. A new session, or a
     * view that just appeared, is read at once. Any thread; never blocks.
     */
    public void watch(String sessionId, boolean shown) {
        Watch next = new Watch(Objects.requireNonNull(sessionId, "sessionId"), shown);
        Watch was = watch;
        watch = next;
        boolean sooner = !next.sessionId().isEmpty()
                && (!next.sessionId().equals(was.sessionId()) || (shown && !was.shown()));
        if (sooner) {
            submit(this::readNow);
        }
    }

    /** Starts sampling. */
    public void start() {
        thread.start(this::tick, period);
    }

    /** One scheduled tick; runs on the sampler thread. */
    void tick() {
        Watch w = watch;
        long n = ticks++;
        if (w.sessionId().isEmpty() || (!w.shown() && n % BACKGROUND_EVERY != 0)) {
            return;
        }
        read(w.sessionId());
    }

    private void readNow() {
        Watch w = watch;
        if (!w.sessionId().isEmpty()) {
            read(w.sessionId());
        }
    }

    /** Reads {@code sessionId} and publishes it; runs on the sampler thread. Never throws. */
    void read(String sessionId) {
        try {
            if (!sessionId.equals(lastRead)) {
                forgetEnded.run();
                lastRead = sessionId;
            }
            java.time.Instant at = clock.instant();
            PrimitivesUpdate u;
            try {
                u = PrimitivesUpdate.of(sessionId, source.apply(sessionId), at);
                if (failing) {
                    log.info("primitives readable again: session={}", sessionId);
                    failing = false;
                }
                if (queueSource != null && watch.shown()) {
                    u = withQueues(u);
                }
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("primitives unavailable: session={}", sessionId, e);
                    failing = true;
                }
                u = PrimitivesUpdate.failed(sessionId,
                        e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(), at);
            }
            sink.accept(u);
        } catch (RuntimeException | LinkageError e) {
            // escaping a periodic task would cancel it silently
            log.warn("primitives tick failed: session={}", sessionId, e);
        }
    }

    /**
     * {@code u} with the session's queues, read now with their first {@value #QUEUE_PEEK} items (an empty list,
     * without reading, if the session has none); {@code u} as it is if they cannot be read. Sampler thread.
     */
    private PrimitivesUpdate withQueues(PrimitivesUpdate u) {
        if (u.snapshot().isEmpty()) {
            return u;
        }
        if (u.snapshot().get().primitives().stream().noneMatch(p -> PrimitivesUpdate.isQueue(p.kind()))) {
            return u.withQueues(List.of());
        }
        try {
            Optional<List<QueueSnapshot>> q = queueSource.queues(u.sessionId(), QUEUE_PEEK);
            if (queuesFailing) {
                log.info("queues readable again: session={}", u.sessionId());
                queuesFailing = false;
            }
            return q.map(u::withQueues).orElse(u); // gone since the first read: the next tick says so
        } catch (RuntimeException e) {
            if (!queuesFailing) {
                log.warn("queues unavailable: session={}", u.sessionId(), e);
                queuesFailing = true;
            }
            return u;
        }
    }

    /**
     * The Locks and RLocks {@code targets} own and the semaphore permits they hold, read now on the sampler thread
     * from the sessions the targets belong to. Completes with an empty list if nothing can be read.
     */
    @Override
    public CompletableFuture<List<HeldLock>> find(List<ActionTarget> targets) {
        List<ActionTarget> copy = List.copyOf(targets);
        CompletableFuture<List<HeldLock>> out = new CompletableFuture<>();
        boolean queued = submit(() -> {
            try {
                out.complete(held(copy, source));
            } catch (RuntimeException e) {
                log.warn("held locks unreadable: targets={}", copy.size(), e);
                out.complete(List.of());
            }
        });
        if (!queued) {
            out.complete(List.of());
        }
        return out;
    }

    /** What {@code targets} hold in their sessions' snapshots, holder by holder. */
    static List<HeldLock> held(List<ActionTarget> targets, Function<String, Optional<PrimitivesSnapshot>> source) {
        Map<String, Optional<PrimitivesSnapshot>> bySession = new LinkedHashMap<>();
        List<HeldLock> out = new ArrayList<>();
        for (ActionTarget t : targets) {
            if (t.sessionId().isEmpty()) {
                continue;
            }
            Optional<PrimitivesSnapshot> s = bySession.computeIfAbsent(t.sessionId(), source);
            s.ifPresent(snapshot -> out.addAll(held(t, snapshot)));
        }
        return List.copyOf(out);
    }

    private static List<HeldLock> held(ActionTarget t, PrimitivesSnapshot s) {
        Set<Integer> inCycles = new HashSet<>();
        for (WaitForGraph.Cycle c : s.graph().cycles()) {
            if (c.parties().stream().anyMatch(p -> p.pid() == t.pid())) {
                inCycles.addAll(c.primitives());
            }
        }
        List<HeldLock> out = new ArrayList<>();
        for (PrimitiveSnapshot p : s.primitives()) {
            boolean lock = p.kind() == PrimitiveKind.LOCK || p.kind() == PrimitiveKind.RLOCK;
            boolean semaphore = p.kind() == PrimitiveKind.SEMAPHORE || p.kind() == PrimitiveKind.BOUNDED_SEMAPHORE;
            int permits = 0;
            if (lock && p.owner().map(o -> o.pid() == t.pid() && o.alive()).orElse(false)) {
                permits = 1;
            } else if (semaphore) {
                permits = p.holders().stream().filter(h -> h.pid() == t.pid() && h.alive())
                        .mapToInt(PrimitiveSnapshot.Party::count).sum();
            }
            if (permits > 0) {
                long waiting = p.waiters().stream().filter(w -> w.kind().equals("acquire"))
                        .map(w -> w.party().pid()).filter(pid -> pid != t.pid()).distinct().count();
                out.add(new HeldLock(t, p.kind().pythonName(), p.name(), permits, (int) waiting,
                        inCycles.contains(p.id())));
            }
        }
        return out;
    }

    private boolean submit(Runnable task) {
        return thread.submit(task);
    }

    /** Stops sampling without waiting; the source is closed on the sampler thread after the last tick. */
    @Override
    public void close() {
        thread.close();
    }

    /** Waits until the sampler thread has ended after {@link #close}; never on the FX thread. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return thread.awaitTermination(timeout);
    }
}
