package io.mpscope.app.viewmodels;

import io.mpscope.app.services.OsProcess;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One OS process in the System table; the same object while the pid lives, updated in place. FX thread only. */
public final class SystemProcessRow {
    private final ReadOnlyLongWrapper pid = new ReadOnlyLongWrapper(this, "pid");
    private final ReadOnlyLongWrapper parentPid = new ReadOnlyLongWrapper(this, "parentPid");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper(this, "user", "");
    private final ReadOnlyObjectWrapper<Double> cpuPercent = new ReadOnlyObjectWrapper<>(this, "cpuPercent");
    private final ReadOnlyObjectWrapper<Long> rssBytes = new ReadOnlyObjectWrapper<>(this, "rssBytes");
    private final ReadOnlyObjectWrapper<Integer> threads = new ReadOnlyObjectWrapper<>(this, "threads");

    SystemProcessRow(long pid) {
        this.pid.set(pid);
    }

    void update(OsProcess p) {
        parentPid.set(p.parentPid());
        name.set(p.name());
        user.set(p.user());
        Double cpu = p.cpuPercent().isPresent() ? p.cpuPercent().getAsDouble() : null;
        if (cpu == null ? cpuPercent.get() != null : !cpu.equals(cpuPercent.get())) {
            cpuPercent.set(cpu);
        }
        if (!Long.valueOf(p.rssBytes()).equals(rssBytes.get())) {
            rssBytes.set(p.rssBytes());
        }
        if (!Integer.valueOf(p.threads()).equals(threads.get())) {
            threads.set(p.threads());
        }
    }

    public ReadOnlyLongProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty parentPidProperty() {
        return parentPid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty userProperty() {
        return user.getReadOnlyProperty();
    }

    /** CPU in percent of one core, or null before a second reading. */
    public ReadOnlyObjectProperty<Double> cpuPercentProperty() {
        return cpuPercent.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> rssBytesProperty() {
        return rssBytes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Integer> threadsProperty() {
        return threads.getReadOnlyProperty();
    }

    public long getParentPid() {
        return parentPid.get();
    }

    public long getPid() {
        return pid.get();
    }

    public String getName() {
        return name.get();
    }

    public String getUser() {
        return user.get();
    }

    public Double getCpuPercent() {
        return cpuPercent.get();
    }

    public Long getRssBytes() {
        return rssBytes.get();
    }

    public Integer getThreads() {
        return threads.get();
    }

    @Override
    public String toString() {
        return "SystemProcessRow[pid=" + getPid() + " name=" + getName() + " user=" + getUser() + "]";
    }
}
