package io.mpscope.app.viewmodels;

import io.mpscope.app.services.CommandInfo;
import io.mpscope.multiprocessing.process.ExitCodes;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One OS command the app launched, in the "Launched commands" list: updated in place each tick, identified by its
 * launch id. Confined to the FX thread.
 */
public final class CommandRow {
    private final long id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyLongWrapper pid = new ReadOnlyLongWrapper(this, "pid");
    private final ReadOnlyObjectWrapper<RowStatus> status =
            new ReadOnlyObjectWrapper<>(this, "status", new RowStatus("", ""));
    private final ReadOnlyStringWrapper exitCode = new ReadOnlyStringWrapper(this, "exitCode", "");
    private final ReadOnlyBooleanWrapper alive = new ReadOnlyBooleanWrapper(this, "alive");
    private final ReadOnlyBooleanWrapper daemon = new ReadOnlyBooleanWrapper(this, "daemon");
    private final ReadOnlyStringWrapper commandLine = new ReadOnlyStringWrapper(this, "commandLine", "");

    CommandRow(long id) {
        this.id = id;
    }

    void update(CommandInfo c) {
        name.set(c.name());
        pid.set(c.pid());
        daemon.set(c.daemon());
        commandLine.set(c.commandLine());
        alive.set(c.alive());
        exitCode.set(c.exitCode().isPresent() ? ExitCodes.describe(c.exitCode().getAsInt()) : "");
        RowStatus next;
        if (c.alive()) {
            next = c.state().stopped() ? new RowStatus("stopped", "stopped") : new RowStatus("running", "running");
        } else {
            boolean failed = c.exitCode().isPresent() && c.exitCode().getAsInt() != 0;
            next = new RowStatus("exited", failed ? "failed" : "exited");
        }
        if (!next.equals(status.get())) {
            status.set(next);
        }
    }

    /** Its launch id. */
    public long getId() {
        return id;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    /** running, stopped (frozen) or exited. */
    public ReadOnlyObjectProperty<RowStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The exit code ({@code 0}, {@code -SIGTERM}) once it ended, else empty. */
    public ReadOnlyStringProperty exitCodeProperty() {
        return exitCode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty aliveProperty() {
        return alive.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty daemonProperty() {
        return daemon.getReadOnlyProperty();
    }

    /** What it runs. */
    public ReadOnlyStringProperty commandLineProperty() {
        return commandLine.getReadOnlyProperty();
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

    public String getExitCode() {
        return exitCode.get();
    }

    public boolean isAlive() {
        return alive.get();
    }

    public boolean isDaemon() {
        return daemon.get();
    }

    public String getCommandLine() {
        return commandLine.get();
    }

    @Override
    public String toString() {
        return "CommandRow[id=" + id + " name=" + getName() + " pid=" + getPid() + "]";
    }
}
