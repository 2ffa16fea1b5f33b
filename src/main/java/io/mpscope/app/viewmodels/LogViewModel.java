package io.mpscope.app.viewmodels;

import io.mpscope.app.services.AppLogAppender;
import io.mpscope.app.services.LogEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The log view: the newest records of the app and of its launched children, filtered by process, lowest level and
 * text. Records arrive in batches from the details sampler ({@link #append}); at most {@link #capacity} are kept,
 * the oldest dropped. Confined to the FX thread; no Node.
 */
public final class LogViewModel {
    /** One entry of the process filter. */
    public record ProcessOption(long pid, String label) {
        /** Every process. */
        public static final ProcessOption ALL = new ProcessOption(0, "All processes");

        /** Rejects a null label. */
        public ProcessOption {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final int capacity;
    private final long appPid;
    private final ObservableList<LogEvent> records = FXCollections.observableArrayList();
    private final ObservableList<LogEvent> readOnlyRecords = FXCollections.unmodifiableObservableList(records);
    private final FilteredList<LogEvent> filtered = new FilteredList<>(records);
    private final ObservableList<ProcessOption> processes = FXCollections.observableArrayList(ProcessOption.ALL);
    private final ObservableList<ProcessOption> readOnlyProcesses = FXCollections.unmodifiableObservableList(processes);
    private final Map<Long, ProcessOption> byPid = new HashMap<>();
    private final ObjectProperty<ProcessOption> process = new SimpleObjectProperty<>(this, "process",
            ProcessOption.ALL);
    private final ObjectProperty<LogEvent.Level> minLevel = new SimpleObjectProperty<>(this, "minLevel",
            LogEvent.Level.TRACE);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty followSelection = new SimpleBooleanProperty(this, "followSelection");
    private long selectedPid;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "No records yet");
    private long lastSeq;
    private long dropped;

    /** A log view keeping {@code capacity} records; {@code appPid} is the app's own (its records say "mpscope"). */
    public LogViewModel(int capacity, long appPid) {
        this.capacity = capacity;
        this.appPid = appPid;
        process.addListener(o -> refilter());
        minLevel.addListener(o -> refilter());
        search.addListener(o -> refilter());
        followSelection.addListener(o -> refilter());
    }

    /** The process selected in the table (0: none); with {@link #followSelectionProperty()} only its records show. */
    public void setSelectedPid(long pid) {
        if (pid != selectedPid) {
            selectedPid = pid;
            if (followSelection.get()) {
                refilter();
            }
        }
    }

    /**
     * Adds {@code events} numbered above the last one seen (a batch may repeat records of an earlier one), and
     * notes how many the buffer has dropped in all.
     */
    public void append(List<LogEvent> events, long droppedTotal) {
        dropped = droppedTotal;
        int from = 0;
        while (from < events.size() && events.get(from).seq() <= lastSeq) {
            from++;
        }
        if (from < events.size()) {
            List<LogEvent> fresh = events.subList(from, events.size());
            for (LogEvent e : fresh) {
                option(e);
            }
            lastSeq = fresh.get(fresh.size() - 1).seq();
            int over = records.size() + fresh.size() - capacity;
            if (over > 0) {
                records.remove(0, Math.min(over, records.size()));
            }
            records.addAll(fresh.size() > capacity ? fresh.subList(fresh.size() - capacity, fresh.size()) : fresh);
        }
        updateSummary();
    }

    private void option(LogEvent e) {
        if (!byPid.containsKey(e.pid())) {
            String name = e.pid() == appPid ? AppLogAppender.APP_PROCESS : e.process();
            ProcessOption o = new ProcessOption(e.pid(), name + " (pid " + e.pid() + ")");
            byPid.put(e.pid(), o);
            processes.add(o);
        }
    }

    /** Forgets every record (the process choices stay). */
    public void clear() {
        records.clear();
        updateSummary();
    }

    private void refilter() {
        ProcessOption p = process.get() == null ? ProcessOption.ALL : process.get();
        LogEvent.Level l = minLevel.get() == null ? LogEvent.Level.TRACE : minLevel.get();
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        boolean follow = followSelection.get();
        long selected = selectedPid;
        filtered.setPredicate(e -> (follow ? e.pid() == selected : p.pid() == 0 || e.pid() == p.pid())
                && e.level().ordinal() >= l.ordinal()
                && (text.isEmpty() || e.message().toLowerCase(Locale.ROOT).contains(text)
                || e.logger().toLowerCase(Locale.ROOT).contains(text)
                || e.process().toLowerCase(Locale.ROOT).contains(text)));
        updateSummary();
    }

    private void updateSummary() {
        String s = records.isEmpty() ? "No records yet"
                : filtered.size() == records.size() ? plural(records.size(), "record")
                : filtered.size() + " of " + plural(records.size(), "record");
        if (dropped > 0) {
            s += " \u00b7 " + dropped + " older dropped";
        }
        summary.set(s);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The number of the newest record seen; the sampler sends only newer ones. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Shows only the processes whose records are {@code pid}'s (0: all); selects its option if it has one. */
    public void showProcess(long pid) {
        process.set(pid == 0 ? ProcessOption.ALL : byPid.getOrDefault(pid, process.get()));
    }

    /** The records that pass the filters, oldest first. */
    public ObservableList<LogEvent> getFiltered() {
        return filtered;
    }

    /** Every kept record, oldest first. */
    public ObservableList<LogEvent> getRecords() {
        return readOnlyRecords;
    }

    /** The choices of the process filter: all, then each process that logged, in order of appearance. */
    public ObservableList<ProcessOption> getProcesses() {
        return readOnlyProcesses;
    }

    /** The process filter. */
    public ObjectProperty<ProcessOption> processProperty() {
        return process;
    }

    /** True to show only the records of the process selected in the table (the process filter is then ignored). */
    public BooleanProperty followSelectionProperty() {
        return followSelection;
    }

    /** The lowest level shown. */
    public ObjectProperty<LogEvent.Level> minLevelProperty() {
        return minLevel;
    }

    /** Text that the message, logger or process must contain (ignoring case). */
    public StringProperty searchProperty() {
        return search;
    }

    /** "12 of 340 records". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
