package io.mpscope.app.viewmodels;

import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live sessions and their processes as a tree of {@link Row}s, plus the counts and sampling state the status
 * bar shows. {@link #apply} diffs each snapshot in: rows are kept by session id and process slot and updated in
 * place, so a control showing them keeps its selection and expansion from tick to tick.
 *
 * <p>Confined to the FX thread (or, in tests, to one thread); it never blocks and never touches a Node.
 */
public final class SessionsViewModel {
    private final ObservableList<SessionRow> sessions = FXCollections.observableArrayList();
    private final ObservableList<SessionRow> readOnlySessions = FXCollections.unmodifiableObservableList(sessions);
    private final Map<String, SessionRow> byId = new HashMap<>();
    private final ReadOnlyIntegerWrapper sessionCount = new ReadOnlyIntegerWrapper(this, "sessionCount");
    private final ReadOnlyIntegerWrapper processCount = new ReadOnlyIntegerWrapper(this, "processCount");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", true);
    private final ReadOnlyBooleanWrapper sampled = new ReadOnlyBooleanWrapper(this, "sampled");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Starting...");
    private final ReadOnlyStringWrapper sampling = new ReadOnlyStringWrapper(this, "sampling", "");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper(this, "source", "");

    /** The session rows, oldest first; updated in place. */
    public ObservableList<SessionRow> getSessions() {
        return readOnlySessions;
    }

    /** The row of session {@code id}, or null. */
    public SessionRow session(String id) {
        return byId.get(id);
    }

    /** Diffs {@code snapshot} into the rows and properties. FX thread only. */
    public void apply(SystemSnapshot snapshot) {
        List<SessionRow> target = new ArrayList<>(snapshot.sessions().size());
        Map<String, SessionRow> seen = new HashMap<>();
        int processes = 0;
        for (SessionSnapshot s : snapshot.sessions()) {
            SessionRow row = byId.get(s.id());
            if (row == null) {
                row = new SessionRow(s.id());
            }
            row.update(s, snapshot.takenAt());
            target.add(row);
            seen.put(s.id(), row);
            processes += s.processes().size();
        }
        byId.keySet().retainAll(seen.keySet());
        byId.putAll(seen);
        ListDiff.reconcile(sessions, target);

        int sessionTotal = target.size();
        int processTotal = processes;
        sampled.set(true);
        sessionCount.set(sessionTotal);
        processCount.set(processTotal);
        available.set(snapshot.failure().isEmpty());
        source.set(snapshot.source());
        summary.set(snapshot.failure().map(f -> "Observation unavailable: " + f)
                .orElseGet(() -> plural(sessionTotal, "session") + " \u00b7 " + plural(processTotal, "process")));
        sampling.set(describeSampling(snapshot.samplingPeriod(), snapshot.readTime(), snapshot.failure().isEmpty()));
    }

    static String plural(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }

    static String describeSampling(Duration period, Duration read, boolean ok) {
        double hz = 1e9 / period.toNanos();
        String rate = hz == Math.rint(hz) ? Long.toString((long) hz) : String.format(Locale.ROOT, "%.1f", hz);
        String text = "Sampling " + rate + " Hz";
        return ok ? text + " \u00b7 read " + String.format(Locale.ROOT, "%.1f ms", read.toNanos() / 1e6) : text;
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
