package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One call on a pool (a map, an imap, an apply...) and its progress: kind, done / total, state; a failed call is
 * marked. FX thread; no Node.
 */
public final class CallRow {
    private final long id;
    private final ReadOnlyStringWrapper kind = new ReadOnlyStringWrapper(this, "kind", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper count = new ReadOnlyStringWrapper(this, "count", "");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");

    CallRow(long id) {
        this.id = id;
    }

    void update(PoolSnapshot.Call c, Instant now) {
        kind.set("#" + c.id() + " " + kindName(c.kind()));
        progress.set(c.progress());
        String total = c.total() < 0 ? "?" : Long.toString(c.total());
        count.set(c.done() + " / " + total + (c.failed() > 0 ? " \u00b7 " + c.failed() + " failed" : "")
                + (c.chunksize() > 1 ? " \u00b7 chunks of " + c.chunksize() : ""));
        Instant end = c.ended().orElse(now);
        String took = WorkerTile.ageOf(Duration.between(c.started(), end));
        switch (c.state()) {
            case DONE:
                state.set("done in " + took);
                break;
            case FAILED:
                state.set(c.ended().isPresent() ? "FAILED after " + took : "FAILING \u00b7 " + took);
                break;
            default:
                state.set("running " + took);
        }
        failed.set(c.state() == PoolSnapshot.CallState.FAILED);
        finished.set(c.state() != PoolSnapshot.CallState.RUNNING);
    }

    static String kindName(PoolSnapshot.CallKind k) {
        switch (k) {
            case APPLY:
                return "apply";
            case IMAP:
                return "imap";
            case IMAP_UNORDERED:
                return "imapUnordered";
            case STARMAP:
                return "starmap";
            default:
                return "map";
        }
    }

    public long getId() {
        return id;
    }

    /** "#2 map". */
    public ReadOnlyStringProperty kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** done / total in [0, 1]. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "23 / 40 · 2 failed". */
    public ReadOnlyStringProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** "running 2.1 s", "done in 4.0 s", "FAILED after 1.2 s". */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** True if the call failed (a task raised or its worker died). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** True once it is no longer running. */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public double getProgress() {
        return progress.get();
    }

    public String getCount() {
        return count.get();
    }

    public String getState() {
        return state.get();
    }

    public boolean isFailed() {
        return failed.get();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s", kind.get(), count.get(), state.get());
    }
}
