package io.mpscope.app.viewmodels;

import io.mpscope.app.services.OsProcess;
import io.mpscope.app.services.SystemProcesses;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The System table: every OS process, narrowed by a filter text. The list is read only while the table is shown
 * ({@link #setShown}), every couple of seconds. Rows are kept by pid and updated in place. Confined to the FX
 * thread.
 */
public final class SystemProcessesViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final ObservableList<SystemProcessRow> rows = FXCollections.observableArrayList();
    private final FilteredList<SystemProcessRow> filtered = new FilteredList<>(rows);
    private final Map<Long, SystemProcessRow> byPid = new HashMap<>();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final BooleanProperty showKernelThreads = new SimpleBooleanProperty(this, "showKernelThreads");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading processes\u2026");
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private Consumer<Boolean> wantedListener = w -> { };
    private SystemProcesses last = SystemProcesses.NONE;

    SystemProcessesViewModel() {
        filter.addListener(o -> refilter());
        showKernelThreads.addListener(o -> refilter());
        refilter();
    }

    private void refilter() {
        Predicate<SystemProcessRow> text = matcher(filter.get());
        boolean kernel = showKernelThreads.get();
        filtered.setPredicate(row -> (kernel || !isKernelThread(row)) && (text == null || text.test(row)));
        updateSummary();
    }

    /**
     * A Linux kernel thread: kthreadd (pid 2) or one of its children, with no memory of its own. Hidden unless
     * asked for, as htop does: on a quiet machine they are most of the list and never what one looks for.
     */
    static boolean isKernelThread(SystemProcessRow row) {
        return (row.getPid() == 2 || row.getParentPid() == 2) && (row.getRssBytes() == null || row.getRssBytes() == 0);
    }

    /** Whether kernel threads are listed (off by default). */
    public BooleanProperty showKernelThreadsProperty() {
        return showKernelThreads;
    }

    /** The rows that pass the filter, updated in place. */
    public ObservableList<SystemProcessRow> getFilteredRows() {
        return filtered;
    }

    /** All rows. */
    public ObservableList<SystemProcessRow> getRows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** Words that must all occur in a row's name or user (any case), or start its pid. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** "12 of 311 processes · read 10:15:32", or why the list is unavailable. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Whether the table is on screen (the list is read only then). */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The view says whether the table is on screen; the sampler reads the list only while it is. */
    public void setShown(boolean on) {
        if (shown.get() != on) {
            shown.set(on);
            wantedListener.accept(on);
        }
    }

    /** Who to tell when the list becomes wanted or not (the sampler); set by the app. */
    public void setWantedListener(Consumer<Boolean> listener) {
        wantedListener = listener == null ? w -> { } : listener;
        wantedListener.accept(shown.get());
    }

    public String getSummary() {
        return summary.get();
    }

    void render(SystemProcesses sp) {
        if (sp == last) {
            return; // the sampler hands the same list on until it reads a new one
        }
        last = sp;
        List<SystemProcessRow> target = new ArrayList<>(sp.processes().size());
        Map<Long, SystemProcessRow> next = new HashMap<>();
        for (OsProcess p : sp.processes()) {
            SystemProcessRow row = byPid.get(p.pid());
            if (row == null) {
                row = new SystemProcessRow(p.pid());
            }
            row.update(p);
            next.put(p.pid(), row);
            target.add(row);
        }
        byPid.clear();
        byPid.putAll(next);
        ListDiff.reconcile(rows, target);
        updateSummary();
        revision.set(revision.get() + 1);
    }

    /** Changes each time a newly read list was applied (values change in place; a sorted view re-sorts then). */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    private void updateSummary() {
        if (last.failure().isPresent()) {
            summary.set("Process list unavailable: " + last.failure().get());
        } else if (last.takenAt().isEmpty()) {
            summary.set("Reading processes\u2026");
        } else {
            String count = filtered.size() == rows.size() ? SessionsViewModel.plural(rows.size(), "process")
                    : filtered.size() + " of " + SessionsViewModel.plural(rows.size(), "process");
            summary.set(count + " \u00b7 read " + TIME.format(last.takenAt().get()));
        }
    }

    /** The filter for {@code text}: every word must match a row's name, user or pid. */
    static Predicate<SystemProcessRow> matcher(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        String[] words = t.split("\\s+");
        return row -> {
            String name = row.getName().toLowerCase(Locale.ROOT);
            String user = row.getUser().toLowerCase(Locale.ROOT);
            String pid = Long.toString(row.getPid());
            for (String w : words) {
                if (!name.contains(w) && !user.contains(w) && !pid.startsWith(w)) {
                    return false;
                }
            }
            return true;
        };
    }
}
