package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.Observer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sampler of the details area, on one daemon thread {@code mp-details}: each tick it reads the selected
 * process's output (the registry's output tail for a library process of any session, the captured rings for an
 * OS command) and OS state, the launched commands, and the log records the UI has not acknowledged yet, and hands
 * them to a sink as one {@link ControlSnapshot} (normally an {@link FxPublisher}, which coalesces). Output is
 * never pushed line by line.
 *
 * <p>Separate from {@code MonitorService}: it reads only what the user is looking at, at its own pace, and a slow
 * tick of one does not delay the other. Best effort: a failing tick is logged once and sampling goes on.
 */
public final class DetailsService implements AutoCloseable {
    /** The default period. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(300);
    /** The sampler thread's name. */
    public static final String THREAD_NAME = "mp-details";

    private static final Logger log = LoggerFactory.getLogger(DetailsService.class);

    private final Observer observer;
    private final ProcessSupervisor supervisor;
    private final LogBuffer logs;
    private final Consumer<? super ControlSnapshot> sink;
    private final Duration period;
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile DetailsSelection selection = DetailsSelection.NONE;
    private ScheduledExecutorService executor;
    private boolean failing;
    private boolean closed;

    /** Samples every {@code period} into {@code sink}; closing this closes {@code observer}. */
    public DetailsService(Observer observer, ProcessSupervisor supervisor, LogBuffer logs,
                          Consumer<? super ControlSnapshot> sink, Duration period) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.period = Objects.requireNonNull(period, "period");
    }

    /** What to read from the next tick on. Any thread. */
    public void select(DetailsSelection s) {
        selection = Objects.requireNonNull(s, "selection");
    }

    /** The UI has the log records up to {@code seq}; later snapshots carry only newer ones. Any thread. */
    public void acknowledgeLogs(long seq) {
        acknowledged.accumulateAndGet(seq, Math::max);
    }

    /** Starts sampling; the first tick runs at once. */
    public synchronized void start() {
        if (closed || executor != null) {
            throw new IllegalStateException("details sampler cannot start: closed=" + closed);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One tick; runs on the sampler thread. */
    void tick() {
        try {
            sink.accept(sample());
            if (failing) {
                log.info("details sampling recovered");
                failing = false;
            }
        } catch (RuntimeException | LinkageError e) {
            if (!failing) {
                log.warn("details sampling failed: selection={}", selection, e);
                failing = true;
            }
        }
    }

    /** Reads one snapshot. */
    ControlSnapshot sample() {
        DetailsSelection s = selection;
        String out = "";
        String err = "";
        OsState state = OsState.GONE;
        if (s.isPresent()) {
            if (s.isCommand()) {
                out = supervisor.commandOutput(s.commandId(), 0);
                err = supervisor.commandOutput(s.commandId(), 1);
            } else if (!s.sessionId().isEmpty() && s.slot() >= 0) {
                out = observer.outputTail(s.sessionId(), s.slot(), 0);
                err = observer.outputTail(s.sessionId(), s.slot(), 1);
            }
            state = OsState.of(s.pid());
        }
        List<CommandInfo> commands = supervisor.commands();
        List<LogEvent> fresh = logs.since(acknowledged.get());
        return new ControlSnapshot(s, out, err, state, commands, fresh, logs.dropped());
    }

    /** Stops sampling without waiting; the observer is closed after the last tick. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (executor == null) {
            observer.close();
            return;
        }
        executor.execute(observer::close);
        executor.shutdown();
    }

    /** Waits until the sampler thread has ended after {@link #close}; never on the FX thread. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        ScheduledExecutorService e;
        synchronized (this) {
            e = executor;
        }
        return e == null || e.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
