package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One object a manager's server holds: a dict, list or Namespace with its entries ({@link EntryRow}, a changed value
 * highlighted), or another kind (Lock, Queue, Event...) with its state text; its typeid, size, refs, and who changed
 * it last. FX thread; no Node.
 */
public final class ManagedObjectCard {
    /** How long a changed entry stays highlighted. */
    public static final Duration HIGHLIGHT = Duration.ofMillis(2500);
    /** The typeids shown as tables of entries. */
    public static final Set<String> CONTAINERS = Set.of("dict", "list", "Namespace");

    private final long id;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper typeid = new ReadOnlyStringWrapper(this, "typeid", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper lastChange = new ReadOnlyStringWrapper(this, "lastChange", "");
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    private final ReadOnlyBooleanWrapper container = new ReadOnlyBooleanWrapper(this, "container");
    private final ReadOnlyBooleanWrapper highlighted = new ReadOnlyBooleanWrapper(this, "highlighted");
    private final ObservableList<EntryRow> entries = FXCollections.observableArrayList();
    private final ObservableList<EntryRow> readOnlyEntries = FXCollections.unmodifiableObservableList(entries);
    private final Map<String, EntryRow> byKey = new HashMap<>();
    private boolean seen;
    private Instant lastChangeAt;
    private Instant stateChangedAt;

    ManagedObjectCard(long id) {
        this.id = id;
    }

    void update(ManagerSnapshot.ManagedObject o, Instant now) {
        typeid.set(o.typeid());
        boolean isContainer = CONTAINERS.contains(o.typeid());
        container.set(isContainer);
        title.set("#" + o.id());
        String size = o.size() < 0 ? "" : o.typeid().equals("Namespace")
                ? o.size() + (o.size() == 1 ? " attribute" : " attributes")
                : o.size() + (o.size() == 1 ? " item" : " items");
        int shownEntries = o.entries().size();
        detail.set((size.isEmpty() ? "" : size + " \u00b7 ") + o.refs() + (o.refs() == 1 ? " ref" : " refs")
                + (isContainer && o.size() > shownEntries ? " \u00b7 first " + shownEntries + " shown" : ""));
        lastChange.set(o.lastChange().map(c -> "changed by " + (c.process().isEmpty() ? "pid " + c.pid()
                : c.process() + " (pid " + c.pid() + ")") + ": " + c.operation() + ", "
                + WorkerTile.ageOf(Duration.between(c.at(), now)) + " ago").orElse("not changed since it was made"));
        Instant changed = o.lastChange().map(ManagerSnapshot.Change::at).orElse(null);
        if (isContainer) {
            stateText.set("");
            List<EntryRow> target = new ArrayList<>();
            Map<String, EntryRow> keep = new HashMap<>();
            for (ManagerSnapshot.Entry e : o.entries()) {
                EntryRow r = byKey.get(e.key());
                boolean fresh = r == null && seen;
                if (r == null) {
                    r = new EntryRow(e.key(), e.value());
                }
                r.update(e.value(), fresh, now);
                keep.put(e.key(), r);
                target.add(r);
            }
            byKey.clear();
            byKey.putAll(keep);
            ListDiff.reconcile(entries, target);
        } else {
            String s = o.entries().size() == 1 && o.entries().get(0).key().equals("state") ? o.entries().get(0).value()
                    : o.entries().stream().map(e -> e.key() + "=" + e.value()).reduce((a, b) -> a + ", " + b)
                    .orElse("");
            if (seen && !s.equals(stateText.get())) {
                stateChangedAt = now;
            }
            stateText.set(s);
            entries.clear();
            byKey.clear();
        }
        if (seen && changed != null && !changed.equals(lastChangeAt)) {
            stateChangedAt = now;
        }
        lastChangeAt = changed;
        highlighted.set(stateChangedAt != null && Duration.between(stateChangedAt, now).compareTo(HIGHLIGHT) < 0);
        seen = true;
    }

    /** The server's id for it. */
    public long getId() {
        return id;
    }

    /** "#3" (the server's id; the typeid is shown beside it). */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "dict", "list", "Namespace", "Queue", "Lock"... */
    public ReadOnlyStringProperty typeidProperty() {
        return typeid.getReadOnlyProperty();
    }

    /** "3 items · 2 refs". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** "changed by worker-1 (pid 4711): __setitem__ x, 0.4 s ago". */
    public ReadOnlyStringProperty lastChangeProperty() {
        return lastChange.getReadOnlyProperty();
    }

    /** A non-container's state ("locked by ...", "3 items"); empty for a container. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** True for a dict, list or Namespace (shown as a table). */
    public ReadOnlyBooleanProperty containerProperty() {
        return container.getReadOnlyProperty();
    }

    /** True for a while after the object changed. */
    public ReadOnlyBooleanProperty highlightedProperty() {
        return highlighted.getReadOnlyProperty();
    }

    public String getTypeid() {
        return typeid.get();
    }

    public String getLastChange() {
        return lastChange.get();
    }

    public String getStateText() {
        return stateText.get();
    }

    public String getDetail() {
        return detail.get();
    }

    public boolean isContainer() {
        return container.get();
    }

    /** The entries, as the server lists them. */
    public ObservableList<EntryRow> getEntries() {
        return readOnlyEntries;
    }

    /** The entry with {@code key}, or null. */
    public EntryRow entry(String key) {
        return byKey.get(key);
    }

    @Override
    public String toString() {
        return typeid.get() + title.get();
    }
}
