package io.mpscope.app.viewmodels;

import io.mpscope.app.services.HostMetrics;
import io.mpscope.app.services.SnapshotWriter;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live sessions and their processes as a tree of {@link Row}s, the System table, the per-core meters, and the
 * counts and sampling state the status bar shows. {@link #apply} diffs each snapshot in: rows are kept by session
 * id and process slot and updated in place, so a control showing them keeps its selection and expansion from tick
 * to tick.
 *
 * <p>What the process table shows can be narrowed to one session ({@link #setScope}) or one process and its
 * descendants ({@link #focus}), and held still ({@link #setFrozen}): while frozen, snapshots are still received
 * (the CPU meters, memory and sparkline histories go on) but rows neither move nor change until unfrozen.
 *
 * <p>Confined to the FX thread (or, in tests, to one thread); it never blocks and never touches a Node.
 */
public final class SessionsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ObservableList<SessionRow> sessions = FXCollections.observableArrayList();
    private final ObservableList<SessionRow> readOnlySessions = FXCollections.unmodifiableObservableList(sessions);
    private final ObservableList<Row> visibleRoots = FXCollections.observableArrayList();
    private final ObservableList<Row> readOnlyVisibleRoots = FXCollections.unmodifiableObservableList(visibleRoots);
    private final Map<String, SessionRow> byId = new HashMap<>();
    private final ReadOnlyIntegerWrapper sessionCount = new ReadOnlyIntegerWrapper(this, "sessionCount");
    private final ReadOnlyIntegerWrapper processCount = new ReadOnlyIntegerWrapper(this, "processCount");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", true);
    private final ReadOnlyBooleanWrapper sampled = new ReadOnlyBooleanWrapper(this, "sampled");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Starting...");
    private final ReadOnlyStringWrapper sampling = new ReadOnlyStringWrapper(this, "sampling", "");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");
    private final ReadOnlyStringWrapper cpuText = new ReadOnlyStringWrapper(this, "cpuText", "CPU \u2013");
    private final ReadOnlyStringWrapper memoryText = new ReadOnlyStringWrapper(this, "memoryText", "");
    private final ReadOnlyBooleanWrapper frozen = new ReadOnlyBooleanWrapper(this, "frozen");
    private final ReadOnlyStringWrapper frozenText = new ReadOnlyStringWrapper(this, "frozenText", "");
    private final ReadOnlyObjectWrapper<Row> focused = new ReadOnlyObjectWrapper<>(this, "focused");
    private final ReadOnlyStringWrapper focusText = new ReadOnlyStringWrapper(this, "focusText", "");
    private final ReadOnlyObjectWrapper<SessionRow> scope = new ReadOnlyObjectWrapper<>(this, "scope");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<SystemSnapshot> shown = new ReadOnlyObjectWrapper<>(this, "shown");
    private final ReadOnlyObjectWrapper<SystemSnapshot> received = new ReadOnlyObjectWrapper<>(this, "received");
    private final MetricHistory history = new MetricHistory();
    private final CoreMetersViewModel coreMeters = new CoreMetersViewModel();
    private final SystemProcessesViewModel system = new SystemProcessesViewModel();
    private SnapshotWriter writer = (snapshot, file) -> CompletableFuture.failedFuture(
            new IllegalStateException("no snapshot writer: path=" + file));
    private Executor fxExecutor = Platform::runLater;
    private Instant lastSamplingText;
    private HostMetrics lastHost;

    /** The session rows, oldest first; updated in place. */
    public ObservableList<SessionRow> getSessions() {
        return readOnlySessions;
    }

    /**
     * The top-level rows the process table shows: every session; or the scoped session; or the focused row (with
     * its subtree). Updated in place.
     */
    public ObservableList<Row> getVisibleRoots() {
        return readOnlyVisibleRoots;
    }

    /** The row of session {@code id}, or null. */
    public SessionRow session(String id) {
        return byId.get(id);
    }

    /** The per-core meters (live even while frozen). */
    public CoreMetersViewModel coreMeters() {
        return coreMeters;
    }

    /** The System table. */
    public SystemProcessesViewModel system() {
        return system;
    }

    /**
     * Takes a snapshot from the sampler. The meters, memory and CPU histories always take it; the rows only when
     * not frozen (a frozen view keeps the last snapshot until unfrozen). FX thread only.
     */
    public void apply(SystemSnapshot snapshot) {
        received.set(snapshot);
        history.record(snapshot);
        coreMeters.record(snapshot);
        updateHost(snapshot.metrics().host());
        if (!frozen.get()) {
            render(snapshot);
        }
    }

    private void render(SystemSnapshot snapshot) {
        List<SessionRow> target = new ArrayList<>(snapshot.sessions().size());
        Map<String, SessionRow> seen = new HashMap<>();
        int processes = 0;
        // Ages and uptimes are shown in whole seconds, measured against the tick's time cut to the second: every
        // row's changes in the same tick, once a second, rather than a few rows in every tick (one pulse, not ten).
        Instant now = snapshot.takenAt().truncatedTo(ChronoUnit.SECONDS);
        for (SessionSnapshot s : snapshot.sessions()) {
            SessionRow row = byId.get(s.id());
            if (row == null) {
                row = new SessionRow(s.id());
            }
            row.update(s, now, snapshot.metrics(), history);
            target.add(row);
            seen.put(s.id(), row);
            processes += s.processes().size();
        }
        byId.keySet().retainAll(seen.keySet());
        byId.putAll(seen);
        ListDiff.reconcile(sessions, target);
        system.render(snapshot.metrics().system());

        int sessionTotal = target.size();
        int processTotal = processes;
        sampled.set(true);
        sessionCount.set(sessionTotal);
        processCount.set(processTotal);
        available.set(snapshot.failure().isEmpty());
        source.set(snapshot.source());
        summary.set(snapshot.failure().map(f -> "Observation unavailable: " + f)
                .orElseGet(() -> plural(sessionTotal, "session") + " \u00b7 " + plural(processTotal, "process")));
        // The read time changes every tick; showing it once a second keeps the status bar from repainting at 10 Hz.
        // It changes in the tick in which the clock's second does, as the uptimes do: one layout for both.
        if (lastSamplingText == null || snapshot.failure().isPresent()
                || snapshot.takenAt().getEpochSecond() != lastSamplingText.getEpochSecond()) {
            sampling.set(describeSampling(snapshot.samplingPeriod(), snapshot.readTime(),
                    snapshot.failure().isEmpty()));
            lastSamplingText = snapshot.takenAt();
        }
        shown.set(snapshot);
        dropGoneScopeAndFocus();
        refreshRoots();
    }

    private void updateHost(HostMetrics host) {
        if (host == lastHost) {
            return; // the sampler hands on the same reading until it takes a new one (twice a second)
        }
        lastHost = host;
        if (host.failure().isPresent()) {
            cpuText.set("CPU unavailable");
            memoryText.set("Memory unavailable");
            return;
        }
        cpuText.set(host.totalCpuPercent().isPresent()
                ? String.format(Locale.ROOT, "CPU %.0f%%", host.totalCpuPercent().getAsDouble()) : "CPU \u2013");
        memoryText.set(host.memoryTotal() <= 0 ? ""
                : "Memory " + gib(host.memoryTotal() - host.memoryAvailable()) + " of " + gib(host.memoryTotal())
                + " GiB");
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }

    // ---- freeze ----

    /** Holds the rows still (true) or lets them follow the sampler again, at once showing the newest snapshot. */
    public void setFrozen(boolean on) {
        if (on == frozen.get()) {
            return;
        }
        frozen.set(on);
        if (on) {
            SystemSnapshot s = shown.get();
            frozenText.set("Frozen at " + TIME.format(s != null ? s.takenAt() : Instant.now()));
        } else {
            frozenText.set("");
            SystemSnapshot latest = received.get();
            if (latest != null && latest != shown.get()) {
                render(latest);
            }
        }
    }

    /** True while the rows are held still. */
    public ReadOnlyBooleanProperty frozenProperty() {
        return frozen.getReadOnlyProperty();
    }

    /** "Frozen at 10:15:32" while frozen, else empty. */
    public ReadOnlyStringProperty frozenTextProperty() {
        return frozenText.getReadOnlyProperty();
    }

    public boolean isFrozen() {
        return frozen.get();
    }

    /** The snapshot the rows show (the frozen one while frozen). */
    public ReadOnlyObjectProperty<SystemSnapshot> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The newest snapshot received, shown or not. */
    public ReadOnlyObjectProperty<SystemSnapshot> receivedProperty() {
        return received.getReadOnlyProperty();
    }

    // ---- scope and focus ----

    /** Shows only {@code session} in the process table, or every session for null. */
    public void setScope(SessionRow session) {
        scope.set(session);
        if (session != null && focused.get() != null && sessionOf(focused.get()) != session) {
            clearFocus();
        }
        refreshRoots();
    }

    /** The session the table is narrowed to, or null for all. */
    public ReadOnlyObjectProperty<SessionRow> scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    /** Shows only {@code row} and the rows under it. */
    public void focus(Row row) {
        Objects.requireNonNull(row, "row");
        focused.set(row);
        focusText.set("Showing only " + describe(row) + " and the processes under it");
        refreshRoots();
    }

    /** Shows the whole tree again. */
    public void clearFocus() {
        focused.set(null);
        focusText.set("");
        refreshRoots();
    }

    /** The row whose subtree alone is shown, or null. */
    public ReadOnlyObjectProperty<Row> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** "Showing only Process-3 (pid 4711) and the processes under it", or empty. */
    public ReadOnlyStringProperty focusTextProperty() {
        return focusText.getReadOnlyProperty();
    }

    public Row getFocused() {
        return focused.get();
    }

    private static String describe(Row row) {
        return row.getName() + " (pid " + row.getPid() + ")";
    }

    private SessionRow sessionOf(Row row) {
        if (row instanceof SessionRow) {
            return (SessionRow) row;
        }
        return byId.get(((ProcessRow) row).getSessionId());
    }

    /** A focused process that is no longer listed, or a scoped session that ended, is let go. */
    private void dropGoneScopeAndFocus() {
        SessionRow s = scope.get();
        if (s != null && byId.get(s.getId()) != s) {
            scope.set(null);
        }
        Row f = focused.get();
        if (f != null) {
            SessionRow owner = sessionOf(f);
            boolean present = f instanceof SessionRow ? owner == f
                    : owner != null && owner.process(((ProcessRow) f).getSlot()) == f;
            if (!present) {
                message.set(describe(f) + " is no longer listed: showing all processes");
                clearFocus();
            }
        }
    }

    private void refreshRoots() {
        List<Row> target;
        if (focused.get() != null) {
            target = List.of(focused.get());
        } else if (scope.get() != null) {
            target = List.of(scope.get());
        } else {
            target = new ArrayList<>(sessions);
        }
        ListDiff.reconcile(visibleRoots, target);
    }

    // ---- save ----

    /** Who writes snapshots (set by the app), and where results are handed back (the FX thread by default). */
    public void setSnapshotWriter(SnapshotWriter writer, Executor fxExecutor) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
    }

    /**
     * Saves the shown snapshot (the frozen one while frozen) as JSON to {@code file}, off the FX thread; the
     * outcome arrives in {@link #messageProperty()}.
     *
     * @return completes on the FX thread with whether it was saved
     */
    public CompletableFuture<Boolean> saveSnapshot(Path file) {
        SystemSnapshot s = shown.get() != null ? shown.get() : received.get();
        if (s == null) {
            message.set("Nothing to save yet: no snapshot received");
            return CompletableFuture.completedFuture(false);
        }
        message.set("Saving snapshot to " + file + "\u2026");
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        writer.write(s, file).whenCompleteAsync((path, error) -> {
            if (error == null) {
                message.set("Saved snapshot of " + TIME.format(s.takenAt()) + " to " + path);
                done.complete(true);
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException
                        && error.getCause() != null ? error.getCause() : error;
                message.set("Could not save snapshot: " + cause.getMessage());
                done.complete(false);
            }
        }, fxExecutor);
        return done;
    }

    /** The latest notice for the person (saved, could not save, focus let go), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    // ---- status ----

    static String plural(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }

    static String describeSampling(Duration period, Duration read, boolean ok) {
        double hz = 1e9 / period.toNanos();
        String rate = hz == Math.rint(hz) ? Long.toString((long) hz) : String.format(Locale.ROOT, "%.1f", hz);
        String text = "Sampling " + rate + " Hz";
        return ok ? text + " \u00b7 read " + String.format(Locale.ROOT, "%.1f ms", read.toNanos() / 1e6) : text;
    }

    /** "CPU 43%": the whole machine's load (live, also while frozen). */
    public ReadOnlyStringProperty cpuTextProperty() {
        return cpuText.getReadOnlyProperty();
    }

    /** "Memory 2.1 of 23.4 GiB" in use (live, also while frozen). */
    public ReadOnlyStringProperty memoryTextProperty() {
        return memoryText.getReadOnlyProperty();
    }

    /** How many sessions are live. */
    public ReadOnlyIntegerProperty sessionCountProperty() {
        return sessionCount.getReadOnlyProperty();
    }

    /** How many processes the live sessions list in all. */
    public ReadOnlyIntegerProperty processCountProperty() {
        return processCount.getReadOnlyProperty();
    }

    /** False while the sessions cannot be read; the summary then says why. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** True once the first snapshot arrived (until then an empty tree means "not looked yet"). */
    public ReadOnlyBooleanProperty sampledProperty() {
        return sampled.getReadOnlyProperty();
    }

    /** "2 sessions · 7 processes", or why observation is unavailable. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "Sampling 2 Hz · read 0.4 ms". */
    public ReadOnlyStringProperty samplingProperty() {
        return sampling.getReadOnlyProperty();
    }

    /** What is watched: the runtime folder. */
    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public int getSessionCount() {
        return sessionCount.get();
    }

    public int getProcessCount() {
        return processCount.get();
    }

    public boolean isAvailable() {
        return available.get();
    }

    public String getSummary() {
        return summary.get();
    }

    public String getSampling() {
        return sampling.get();
    }
}
