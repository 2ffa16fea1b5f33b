package io.mpscope.app.viewmodels;

import java.time.Duration;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One row of the sessions tree: a session or one of its processes. Every column reads one of its properties, and
 * a row object stays the same while the thing it shows lives, so controls keep their selection and expansion.
 *
 * <p>Confined to the FX thread, like its {@link SessionsViewModel}.
 */
public abstract sealed class Row permits SessionRow, ProcessRow {
    final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    final ReadOnlyLongWrapper pid = new ReadOnlyLongWrapper(this, "pid");
    private final ReadOnlyObjectWrapper<RowStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", new RowStatus("", ""));
    final ReadOnlyBooleanWrapper daemon = new ReadOnlyBooleanWrapper(this, "daemon");
    final ReadOnlyStringWrapper exitCode = new ReadOnlyStringWrapper(this, "exitCode", "");
    final ReadOnlyObjectWrapper<Duration> uptime = new ReadOnlyObjectWrapper<>(this, "uptime");
    final ReadOnlyObjectWrapper<Duration> heartbeatAge = new ReadOnlyObjectWrapper<>(this, "heartbeatAge");
    final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private final ReadOnlyObjectWrapper<Double> cpuPercent = new ReadOnlyObjectWrapper<>(this, "cpuPercent");
    private final ReadOnlyObjectWrapper<Series> cpuHistory =
            new ReadOnlyObjectWrapper<>(this, "cpuHistory", Series.EMPTY);
    private final ReadOnlyObjectWrapper<Long> rssBytes = new ReadOnlyObjectWrapper<>(this, "rssBytes");
    private final ReadOnlyObjectWrapper<Integer> threads = new ReadOnlyObjectWrapper<>(this, "threads");
    private final ReadOnlyObjectWrapper<CoreStrip> coreStrip =
            new ReadOnlyObjectWrapper<>(this, "coreStrip", CoreStrip.EMPTY);
    private final ReadOnlyStringWrapper metricsNote = new ReadOnlyStringWrapper(this, "metricsNote", "");
    final ObservableList<ProcessRow> children = FXCollections.observableArrayList();
    private final ObservableList<ProcessRow> readOnlyChildren = FXCollections.unmodifiableObservableList(children);

    Row() {
    }

    /** The process's name, or the session's command. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** The process's pid, or the session's root pid. */
    public ReadOnlyLongProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    /** A process's status ("running", "exited"); a session's process count ("3 processes"). */
    public ReadOnlyObjectProperty<RowStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The daemon flag (false for a session). */
    public ReadOnlyBooleanProperty daemonProperty() {
        return daemon.getReadOnlyProperty();
    }

    /** The exit code as CPython shows it ({@code 0}, {@code -SIGTERM}), or empty while it runs. */
    public ReadOnlyStringProperty exitCodeProperty() {
        return exitCode.getReadOnlyProperty();
    }

    /** How long it has been running (until it ended), or null if unknown. */
    public ReadOnlyObjectProperty<Duration> uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    /** How old its last heartbeat was when the snapshot was taken, or null if it has none. */
    public ReadOnlyObjectProperty<Duration> heartbeatAgeProperty() {
        return heartbeatAge.getReadOnlyProperty();
    }

    /** True when a running process has not stamped its heartbeat for longer than {@link ProcessRow#STALE_AFTER}. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /**
     * CPU over about the last second in percent of one core (a session's: the sum of its processes), or null when
     * not known (ended, first reading, or unavailable: see {@link #metricsNoteProperty()}).
     */
    public ReadOnlyObjectProperty<Double> cpuPercentProperty() {
        return cpuPercent.getReadOnlyProperty();
    }

    /** The last {@value MetricHistory#LENGTH} CPU values, oldest first: the sparkline. */
    public ReadOnlyObjectProperty<Series> cpuHistoryProperty() {
        return cpuHistory.getReadOnlyProperty();
    }

    /** Resident memory in bytes (a session's: the sum), or null when not known. */
    public ReadOnlyObjectProperty<Long> rssBytesProperty() {
        return rssBytes.getReadOnlyProperty();
    }

    /** OS threads (a session's: the sum), or null when not known. */
    public ReadOnlyObjectProperty<Integer> threadsProperty() {
        return threads.getReadOnlyProperty();
    }

    /** The cores it ran on recently and how busy each is (a session's: any of its processes). */
    public ReadOnlyObjectProperty<CoreStrip> coreStripProperty() {
        return coreStrip.getReadOnlyProperty();
    }

    /** "unavailable" when a live process's metrics could not be read; empty otherwise. */
    public ReadOnlyStringProperty metricsNoteProperty() {
        return metricsNote.getReadOnlyProperty();
    }

    public Double getCpuPercent() {
        return cpuPercent.get();
    }

    public Series getCpuHistory() {
        return cpuHistory.get();
    }

    public Long getRssBytes() {
        return rssBytes.get();
    }

    public Integer getThreads() {
        return threads.get();
    }

    public CoreStrip getCoreStrip() {
        return coreStrip.get();
    }

    public String getMetricsNote() {
        return metricsNote.get();
    }

    /** Sets the metric properties, each firing only when it changed. */
    void setMetrics(Double cpu, Series history, Long rss, Integer threadCount, CoreStrip strip, String note) {
        setIfChanged(cpuPercent, cpu);
        setIfChanged(cpuHistory, history);
        setIfChanged(rssBytes, rss);
        setIfChanged(threads, threadCount);
        setIfChanged(coreStrip, strip);
        if (!note.equals(metricsNote.get())) {
            metricsNote.set(note);
        }
    }

    static <T> void setIfChanged(ReadOnlyObjectWrapper<T> p, T value) {
        if (!Objects.equals(p.get(), value)) {
            p.set(value);
        }
    }

    /** The rows under this one, in display order; the list is updated in place. */
    public ObservableList<ProcessRow> getChildren() {
        return readOnlyChildren;
    }

    public String getName() {
        return name.get();
    }

    public long getPid() {
        return pid.get();
    }

    public RowStatus getStatus() {
        return status.get();
    }

    public boolean isDaemon() {
        return daemon.get();
    }

    public String getExitCode() {
        return exitCode.get();
    }

    public Duration getUptime() {
        return uptime.get();
    }

    public Duration getHeartbeatAge() {
        return heartbeatAge.get();
    }

    public boolean isStale() {
        return stale.get();
    }

    /** Sets the status, firing only when it differs. */
    void setStatus(String text, String style) {
        RowStatus next = new RowStatus(text, style);
        if (!next.equals(status.get())) {
            status.set(next);
        }
    }

    /**
     * An uptime in whole seconds (as shown), never negative: the property then changes once a second, not every
     * tick, which spares a 10 Hz sampler most cell updates.
     */
    static Duration wholeSeconds(Duration d) {
        Duration n = nonNegative(d);
        return Duration.ofSeconds(n.getSeconds());
    }

    /** Durations never go below zero: clocks of different processes may disagree by a few milliseconds. */
    static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
