package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * One pool of the watched session: its name and owner, its worker slots ({@link WorkerTile}), its task counts, its
 * recent calls with their progress ({@link CallRow}), and whether the window may grow, shrink, restart or terminate
 * it (only pools it launched itself). Updated in place from each snapshot; FX thread; no Node.
 */
public final class PoolCard {
    /** Why the buttons are disabled for a pool of another program. */
    public static final String NOT_OURS = "Only pools launched from mpscope can be resized or restarted: this pool"
            + " belongs to another program, which holds its Pool object.";

    /** The most calls shown, newest first. */
    public static final int MAX_CALLS = 6;

    private final int id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyStringWrapper failures = new ReadOnlyStringWrapper(this, "failures", "");
    private final ReadOnlyStringWrapper controlNote = new ReadOnlyStringWrapper(this, "controlNote", NOT_OURS);
    private final ReadOnlyBooleanWrapper controllable = new ReadOnlyBooleanWrapper(this, "controllable");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyIntegerWrapper processes = new ReadOnlyIntegerWrapper(this, "processes");
    private final ObservableList<WorkerTile> workers = FXCollections.observableArrayList();
    private final ObservableList<WorkerTile> readOnlyWorkers = FXCollections.unmodifiableObservableList(workers);
    private final ObservableList<CallRow> calls = FXCollections.observableArrayList();
    private final ObservableList<CallRow> readOnlyCalls = FXCollections.unmodifiableObservableList(calls);
    private final Map<Integer, WorkerTile> tiles = new HashMap<>();
    private final Map<Long, CallRow> rows = new HashMap<>();
    private long ownerPid;
    private long queued;
    private long runningTasks;
    private long done;
    private long failed;

    PoolCard(int id) {
        this.id = id;
    }

    /** Takes {@code p}; {@code ours} says whether the window holds the pool. */
    void update(PoolSnapshot p, boolean ours, Instant now) {
        ownerPid = p.ownerPid();
        name.set(p.name());
        processes.set(p.processes());
        detail.set("owner pid " + p.ownerPid() + " \u00b7 " + p.processes() + (p.processes() == 1 ? " worker" : " workers")
                + " \u00b7 maxtasksperchild " + (p.maxTasksPerChild() == 0 ? "none" : p.maxTasksPerChild())
                + " \u00b7 " + p.workersStarted() + " started \u00b7 up " + age(p.created(), now)
                + (ours ? " \u00b7 launched from mpscope" : ""));
        state.set(p.state().name());
        running.set(p.state() == PoolSnapshot.State.RUNNING);
        queued = p.tasksQueued();
        runningTasks = p.tasksRunning();
        done = p.tasksDone();
        failed = p.tasksFailed();
        counts.set("queued " + queued + " \u00b7 running " + runningTasks + " \u00b7 done " + done + " \u00b7 failed "
                + failed + (p.consistent() ? "" : " \u00b7 (changing)"));
        List<String> f = new ArrayList<>();
        if (p.tasksFailed() > 0) {
            f.add(p.tasksFailed() == 1 ? "1 task failed" : p.tasksFailed() + " tasks failed");
        }
        if (p.workersLost() > 0) {
            f.add(p.workersLost() == 1 ? "1 worker lost" : p.workersLost() + " workers lost");
        }
        failures.set(String.join(" \u00b7 ", f));
        controllable.set(ours && p.state() == PoolSnapshot.State.RUNNING);
        controlNote.set(!ours ? NOT_OURS : p.state() == PoolSnapshot.State.RUNNING ? ""
                : "The pool is " + p.state().name().toLowerCase(java.util.Locale.ROOT) + ": it takes no more work.");

        List<WorkerTile> wt = new ArrayList<>();
        Map<Integer, WorkerTile> keep = new HashMap<>();
        for (PoolSnapshot.Worker w : p.workers()) {
            WorkerTile t = tiles.get(w.row());
            if (t == null) {
                t = new WorkerTile(w.row());
            }
            t.update(w, now);
            keep.put(w.row(), t);
            wt.add(t);
        }
        tiles.clear();
        tiles.putAll(keep);
        ListDiff.reconcile(workers, wt);

        List<CallRow> cr = new ArrayList<>();
        Map<Long, CallRow> keepRows = new HashMap<>();
        for (PoolSnapshot.Call c : shownCalls(p.calls())) {
            CallRow r = rows.get(c.id());
            if (r == null) {
                r = new CallRow(c.id());
            }
            r.update(c, now);
            keepRows.put(c.id(), r);
            cr.add(r);
        }
        rows.clear();
        rows.putAll(keepRows);
        ListDiff.reconcile(calls, cr);
    }

    /**
     * The calls to show, newest first: at most {@link #MAX_CALLS}, running and failed ones before calls that are
     * done (a failure stays in sight while newer calls succeed).
     */
    static List<PoolSnapshot.Call> shownCalls(List<PoolSnapshot.Call> calls) {
        List<PoolSnapshot.Call> newest = new ArrayList<>(calls);
        newest.sort((a, b) -> Long.compare(b.id(), a.id()));
        List<PoolSnapshot.Call> out = new ArrayList<>();
        for (PoolSnapshot.Call c : newest) {
            if (c.state() != PoolSnapshot.CallState.DONE && out.size() < MAX_CALLS) {
                out.add(c);
            }
        }
        for (PoolSnapshot.Call c : newest) {
            if (c.state() == PoolSnapshot.CallState.DONE && out.size() < MAX_CALLS) {
                out.add(c);
            }
        }
        out.sort((a, b) -> Long.compare(b.id(), a.id()));
        return out;
    }

    void setBusy(boolean on) {
        busy.set(on);
    }

    static String age(Instant since, Instant now) {
        return WorkerTile.ageOf(Duration.between(since, now));
    }

    /** The pool's id in its session. */
    public int getId() {
        return id;
    }

    public long getOwnerPid() {
        return ownerPid;
    }

    public String getName() {
        return name.get();
    }

    public long getQueued() {
        return queued;
    }

    public long getRunningTasks() {
        return runningTasks;
    }

    public long getDone() {
        return done;
    }

    public long getFailed() {
        return failed;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** "owner pid 4711 · 4 workers · maxtasksperchild none · 5 started · up 12 s". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** RUNNING, CLOSED, TERMINATED or JOINED. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "queued 12 · running 4 · done 20 · failed 1". */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** "2 tasks failed · 1 worker lost", or empty. */
    public ReadOnlyStringProperty failuresProperty() {
        return failures.getReadOnlyProperty();
    }

    /** Why grow, shrink, restart and terminate are disabled, or empty when they are enabled. */
    public ReadOnlyStringProperty controlNoteProperty() {
        return controlNote.getReadOnlyProperty();
    }

    /** True if the window launched the pool, still holds it, and it runs: the buttons are enabled. */
    public ReadOnlyBooleanProperty controllableProperty() {
        return controllable.getReadOnlyProperty();
    }

    /** True while an action on the pool is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True while the pool takes work. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Its size. */
    public ReadOnlyIntegerProperty processesProperty() {
        return processes.getReadOnlyProperty();
    }

    public boolean isControllable() {
        return controllable.get();
    }

    public String getControlNote() {
        return controlNote.get();
    }

    public String getCounts() {
        return counts.get();
    }

    public String getFailures() {
        return failures.get();
    }

    /** The worker slots, by row. */
    public ObservableList<WorkerTile> getWorkers() {
        return readOnlyWorkers;
    }

    /** The recent calls, newest first, at most {@link #MAX_CALLS} (running and failed ones kept first). */
    public ObservableList<CallRow> getCalls() {
        return readOnlyCalls;
    }
}
