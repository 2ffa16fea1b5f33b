package io.mpscope.app.viewmodels;

import io.mpscope.app.services.HostMetrics;
import io.mpscope.app.services.ProcessMetrics;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.process.ExitCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The row of one process of a session. Identified by its session, registry slot and pid: a slot reused by another
 * OS process gets a new row.
 */
public final class ProcessRow extends Row {
    /** How old a running process's heartbeat may get before it is shown as stale (it stamps every second). */
    public static final Duration STALE_AFTER = Duration.ofSeconds(3);

    private final String sessionId;
    private final int slot;
    /** The key of its CPU history: made once, not every tick. */
    private final String historyKey;
    private int parentSlot = -1;
    private ProcessSnapshot last;
    private boolean osStopped;
    /** What the status pill was made from, so it is made again only when one of them changes. */
    private ProcessStatus statusFrom;
    private int statusFlags = -1;
    /** The core strip and what it was made from: most ticks change neither. */
    private CoreStrip strip = CoreStrip.EMPTY;
    private List<Integer> stripCores;
    private List<Double> stripLoads;

    ProcessRow(String sessionId, int slot, long pid) {
        this.sessionId = sessionId;
        this.slot = slot;
        this.pid.set(pid);
        this.historyKey = MetricHistory.processKey(sessionId, slot, pid);
    }

    /** The key of its CPU history in {@link MetricHistory}. */
    String historyKey() {
        return historyKey;
    }

    /** The id of its session. */
    public String getSessionId() {
        return sessionId;
    }

    /** Its slot in the session registry. */
    public int getSlot() {
        return slot;
    }

    /** The slot of its parent, or -1 for a session's root. */
    public int getParentSlot() {
        return parentSlot;
    }

    void update(ProcessSnapshot p, Instant now) {
        parentSlot = p.parentSlot();
        name.set(p.name());
        daemon.set(p.daemon());
        exitCode.set(p.exitCode().isPresent() ? ExitCodes.describe(p.exitCode().getAsInt()) : "");
        last = p;
        refreshStatus();

        Instant from = p.started().orElse(p.created());
        Instant to = p.status() == ProcessStatus.EXITED ? p.exited().orElse(now) : now;
        setIfChanged(uptime, wholeSeconds(Duration.between(from, to)));

        // An ended process stamps no more: its last heartbeat's age would only grow and mean nothing.
        Duration age = p.status() == ProcessStatus.EXITED ? null
                : p.heartbeat().map(h -> nonNegative(Duration.between(h, now))).orElse(null);
        // shown in whole seconds: the property changes about once a second, not every tick
        Duration shown = age == null ? null : wholeSeconds(age);
        // stale first: the heartbeat cell reads it when the age changes
        stale.set(shown != null && p.status() == ProcessStatus.RUNNING && shown.compareTo(STALE_AFTER) > 0);
        setIfChanged(heartbeatAge, shown);
    }

    /** The status pill: the registry's word, or "stopped" while the OS has a running process stopped (SIGSTOP). */
    private void refreshStatus() {
        ProcessSnapshot p = last;
        if (p == null) {
            return;
        }
        boolean failed = p.exitCode().isPresent() && p.exitCode().getAsInt() != 0;
        int flags = (osStopped ? 1 : 0) | (p.alive() ? 2 : 0) | (p.orphaned() ? 4 : 0) | (failed ? 8 : 0);
        if (p.status() == statusFrom && flags == statusFlags) {
            return; // as every tick while nothing happens: no words made
        }
        statusFrom = p.status();
        statusFlags = flags;
        if (osStopped && p.status() == ProcessStatus.RUNNING && p.alive()) {
            setStatus(p.orphaned() ? "stopped (orphaned)" : "stopped", "stopped");
            return;
        }
        String word = p.status().name().toLowerCase(Locale.ROOT);
        setStatus(p.orphaned() ? word + " (orphaned)" : word,
                failed && (p.status() == ProcessStatus.EXITED || p.status() == ProcessStatus.VANISHED)
                        ? "failed" : word);
    }

    /**
     * Takes this tick's OS readings.
     *
     * @param m         the process's metrics, or null if none were read for its pid
     * @param collected whether the sampler reads metrics at all (if it does, a live process without is "unavailable")
     */
    void updateMetrics(ProcessSnapshot p, ProcessMetrics m, Series history, HostMetrics host, boolean collected) {
        // CPU shows the sparkline's newest point, so number and line move together, at most twice a second
        Double cpu = m == null || m.cpuPercent().isEmpty() ? null : history.isEmpty() ? null : history.last();
        boolean stopped = m != null && m.stopped();
        if (stopped != osStopped) {
            osStopped = stopped;
            last = p;
            refreshStatus();
        }
        if (!p.alive()) {
            setMetrics(null, history, null, null, CoreStrip.EMPTY, "");
        } else if (m == null) {
            setMetrics(null, history, null, null, CoreStrip.EMPTY, collected ? "unavailable" : "");
        } else {
            setMetrics(cpu, history, m.rssBytes(), m.threads(), strip(m.recentCores(), host.coreLoads()), "");
        }
    }

    /**
     * The strip of these cores and loads, made again only with a new load reading (twice a second, in the ticks
     * where the sparklines move): a core that enters or leaves the 3 s window in between shows with the next
     * reading, so strips change in those ticks only rather than in any tick (issue 3). Without loads, at once.
     */
    private CoreStrip strip(List<Integer> cores, List<Double> loads) {
        if (stripCores == null || loads != stripLoads || loads.isEmpty() && !cores.equals(stripCores)) {
            strip = CoreStrip.of(cores, loads, loads.size());
            stripCores = cores;
            stripLoads = loads;
        }
        return strip;
    }

    @Override
    public String toString() {
        return "ProcessRow[session=" + sessionId + " slot=" + slot + " pid=" + getPid() + " name=" + getName() + "]";
    }
}
