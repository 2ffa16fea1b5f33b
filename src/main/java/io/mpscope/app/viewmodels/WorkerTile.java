package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One worker slot of a pool: its name, pid, state (IDLE, BUSY, STARTING, EXITED, LOST), what it works on, the tasks
 * it has done and since when it is busy. A LOST worker carries its exit code. Updated in place from each snapshot;
 * FX thread; no Node.
 */
public final class WorkerTile {
    private final int row;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper pid = new ReadOnlyStringWrapper(this, "pid", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper task = new ReadOnlyStringWrapper(this, "task", "");
    private final ReadOnlyStringWrapper done = new ReadOnlyStringWrapper(this, "done", "");
    private final ReadOnlyStringWrapper since = new ReadOnlyStringWrapper(this, "since", "");
    private final ReadOnlyBooleanWrapper lost = new ReadOnlyBooleanWrapper(this, "lost");
    private long pidValue;

    WorkerTile(int row) {
        this.row = row;
    }

    /** Takes the worker's state from {@code w}, read at {@code now}. */
    void update(PoolSnapshot.Worker w, Instant now) {
        name.set(w.name());
        pidValue = w.pid();
        pid.set(w.pid() == 0 ? "pid \u2014" : "pid " + w.pid());
        state.set(w.state().name());
        lost.set(w.state() == PoolSnapshot.WorkerState.LOST);
        switch (w.state()) {
            case BUSY:
                task.set(w.currentCall().map(c -> "call " + c + ", task " + w.currentTask()
                        + (w.outstanding() > 1 ? " (+" + (w.outstanding() - 1) + " queued)" : "")).orElse("working"));
                since.set(w.busySince().map(b -> "busy " + PoolCard.age(b, now)).orElse(""));
                break;
            case LOST:
                task.set(w.currentCall().map(c -> "died in call " + c + ", task " + w.currentTask())
                        .orElse("died with work in hand"));
                since.set(w.exitCode().isPresent() ? "exit code " + w.exitCode().getAsInt() : "exit code ?");
                break;
            case EXITED:
                task.set("ended");
                since.set(w.exitCode().isPresent() ? "exit code " + w.exitCode().getAsInt() : "");
                break;
            case STARTING:
                task.set("starting");
                since.set("for " + PoolCard.age(w.started(), now));
                break;
            default:
                task.set("idle");
                since.set("up " + PoolCard.age(w.started(), now));
        }
        done.set(w.tasksDone() == 1 ? "1 task done" : w.tasksDone() + " tasks done");
    }

    /** Its row in the pool's block. */
    public int getRow() {
        return row;
    }

    /** Its pid, 0 while starting. */
    public long getPid() {
        return pidValue;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** "pid 4711". */
    public ReadOnlyStringProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    /** IDLE, BUSY, STARTING, EXITED or LOST. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** "call 2, task 8", "idle", "died in call 2, task 7". */
    public ReadOnlyStringProperty taskProperty() {
        return task.getReadOnlyProperty();
    }

    /** "12 tasks done". */
    public ReadOnlyStringProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** "busy 1.2 s", "up 8 s", "exit code 13". */
    public ReadOnlyStringProperty sinceProperty() {
        return since.getReadOnlyProperty();
    }

    /** True if it died with work in hand. */
    public ReadOnlyBooleanProperty lostProperty() {
        return lost.getReadOnlyProperty();
    }

    public String getName() {
        return name.get();
    }

    public String getState() {
        return state.get();
    }

    public String getTask() {
        return task.get();
    }

    public String getSince() {
        return since.get();
    }

    static String ageOf(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (ms < 120_000) {
            return ms / 1000 + " s";
        }
        if (ms < 7_200_000) {
            return ms / 60_000 + " min";
        }
        return ms / 3_600_000 + " h";
    }
}
