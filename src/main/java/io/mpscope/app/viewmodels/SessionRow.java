package io.mpscope.app.viewmodels;

import io.mpscope.app.services.Metrics;
import io.mpscope.app.services.ProcessMetrics;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.TreeSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * The top-level row of one session: its command, root pid and process count, with its processes as a tree under
 * it following each process's parent slot. Identified by the session id.
 */
public final class SessionRow extends Row {
    private final String id;
    private final ReadOnlyIntegerWrapper processCount = new ReadOnlyIntegerWrapper(this, "processCount");
    private String command = "";
    /** The current process rows by slot, in snapshot order. */
    private Map<Integer, ProcessRow> processes = new LinkedHashMap<>();
    /** The slots, pids and parent slots the tree was built from. */
    private int[] treeSlots = new int[0];
    private long[] treePids = new long[0];
    private int[] treeParents = new int[0];
    /** The session's core strip and what it was made from. */
    private CoreStrip strip = CoreStrip.EMPTY;
    private boolean[] stripUsed;
    private List<Integer> stripOther;
    private List<Double> stripLoads;

    SessionRow(String id) {
        this.id = id;
    }

    /** The session id ({@code <rootPid>-<startTicks>}). */
    public String getId() {
        return id;
    }

    /** The root's full main class or jar path; {@link #nameProperty()} shows it shortened to a file name. */
    public String getCommand() {
        return command;
    }

    /** How many processes the session lists (its root, children and standby JVMs). */
    public ReadOnlyIntegerProperty processCountProperty() {
        return processCount.getReadOnlyProperty();
    }

    public int getProcessCount() {
        return processCount.get();
    }

    /** The row of the process in {@code slot}, or null. */
    public ProcessRow process(int slot) {
        return processes.get(slot);
    }

    void update(SessionSnapshot s, Instant now) {
        update(s, now, Metrics.NONE, new MetricHistory());
    }

    void update(SessionSnapshot s, Instant now, Metrics metrics, MetricHistory history) {
        command = s.command();
        name.set(shortCommand(s.command()));
        pid.set(s.rootPid());
        int n = s.processes().size();
        processCount.set(n);
        setStatus((n == 1 ? "1 process" : n + " processes") + (s.rootAlive() ? "" : ", root ended"), "session");
        setIfChanged(uptime, wholeSeconds(Duration.between(s.created(), now)));

        // Most ticks list the same processes under the same parents as the last one: then the rows and the tree
        // are kept as they are, and only the rows' values are updated.
        boolean sameTree = sameTree(s.processes());
        Map<Integer, ProcessRow> next = sameTree ? processes : new LinkedHashMap<>();
        boolean anyCpu = false;
        boolean anyMetrics = false;
        long rss = 0;
        int threads = 0;
        boolean[] used = new boolean[metrics.host().coreLoads().size()];
        List<Integer> otherCores = null; // cores beyond the host's count (none, unless the host reading failed)
        for (ProcessSnapshot p : s.processes()) {
            ProcessRow row = processes.get(p.slot());
            if (row == null || row.getPid() != p.pid()) {
                row = new ProcessRow(id, p.slot(), p.pid()); // a new process, or the slot was reused
            }
            row.update(p, now);
            ProcessMetrics m = p.alive() ? metrics.processes().get(p.pid()) : null;
            row.updateMetrics(p, m, history.series(row.historyKey()), metrics.host(), metrics != Metrics.NONE);
            if (m != null) {
                anyCpu |= m.cpuPercent().isPresent();
                rss += m.rssBytes();
                threads += m.threads();
                for (int c : m.recentCores()) {
                    if (c >= 0 && c < used.length) {
                        used[c] = true;
                    } else {
                        otherCores = otherCores == null ? new ArrayList<>() : otherCores;
                        otherCores.add(c);
                    }
                }
                anyMetrics = true;
            }
            if (!sameTree) {
                next.put(p.slot(), row);
            }
        }
        Series sessionHistory = history.series(MetricHistory.sessionKey(id));
        setMetrics(anyCpu && !sessionHistory.isEmpty() ? sessionHistory.last() : null, sessionHistory,
                anyMetrics ? rss : null,
                anyMetrics ? threads : null, anyMetrics ? strip(used, otherCores, metrics.host().coreLoads())
                        : CoreStrip.EMPTY, "");
        if (sameTree) {
            return;
        }
        processes = next;
        Map<Integer, ProcessSnapshot> bySlot = new HashMap<>();
        for (ProcessSnapshot p : s.processes()) {
            bySlot.put(p.slot(), p);
        }
        List<ProcessRow> top = new ArrayList<>();
        Map<ProcessRow, List<ProcessRow>> childrenOf = new IdentityHashMap<>();
        for (ProcessRow row : next.values()) {
            ProcessRow parent = parentOf(row.getSlot(), bySlot, next);
            if (parent == null) {
                top.add(row);
            } else {
                childrenOf.computeIfAbsent(parent, k -> new ArrayList<>()).add(row);
            }
        }
        for (ProcessRow row : next.values()) {
            ListDiff.reconcile(row.children, childrenOf.getOrDefault(row, List.of()));
        }
        ListDiff.reconcile(children, top);
    }

    /**
     * Whether {@code ps} are the processes of the last update, in the same order, each under the same parent slot;
     * remembers them for the next call when they are not.
     */
    private boolean sameTree(List<ProcessSnapshot> ps) {
        int n = ps.size();
        boolean same = treeSlots.length == n;
        for (int i = 0; same && i < n; i++) {
            ProcessSnapshot p = ps.get(i);
            same = treeSlots[i] == p.slot() && treePids[i] == p.pid() && treeParents[i] == p.parentSlot();
        }
        if (!same) {
            treeSlots = new int[n];
            treePids = new long[n];
            treeParents = new int[n];
            for (int i = 0; i < n; i++) {
                ProcessSnapshot p = ps.get(i);
                treeSlots[i] = p.slot();
                treePids[i] = p.pid();
                treeParents[i] = p.parentSlot();
            }
        }
        return same;
    }

    /** The session's strip, made again only with a new load reading, as a process's (see ProcessRow). */
    private CoreStrip strip(boolean[] used, List<Integer> otherCores, List<Double> loads) {
        boolean coresChanged = !Arrays.equals(used, stripUsed) || !Objects.equals(otherCores, stripOther);
        if (stripUsed == null || loads != stripLoads || loads.isEmpty() && coresChanged) {
            List<Integer> cores = new ArrayList<>();
            for (int c = 0; c < used.length; c++) {
                if (used[c]) {
                    cores.add(c);
                }
            }
            if (otherCores != null) {
                cores.addAll(new TreeSet<>(otherCores));
            }
            strip = CoreStrip.of(cores, loads, loads.size());
            stripUsed = used;
            stripOther = otherCores;
            stripLoads = loads;
        }
        return strip;
    }

    /** A jar or file path shortened to its file name; a main class name stays whole. */
    static String shortCommand(String command) {
        String c = command.strip();
        int slash = Math.max(c.lastIndexOf('/'), c.lastIndexOf('\\'));
        return slash >= 0 && slash < c.length() - 1 ? c.substring(slash + 1) : c;
    }

    /**
     * The row the process in {@code slot} hangs under: its parent's, or null (the session) when it has no parent,
     * its parent is not listed, or the parent links loop (a torn read must not hang the tree).
     */
    private static ProcessRow parentOf(int slot, Map<Integer, ProcessSnapshot> bySlot,
                                       Map<Integer, ProcessRow> rows) {
        int parent = bySlot.get(slot).parentSlot();
        if (parent < 0 || parent == slot || !rows.containsKey(parent)) {
            return null;
        }
        int at = parent;
        for (int steps = 0; steps <= bySlot.size(); steps++) {
            ProcessSnapshot p = bySlot.get(at);
            if (p == null || p.parentSlot() < 0) {
                return rows.get(parent); // the chain ends: no loop
            }
            if (p.parentSlot() == slot) {
                return null;
            }
            at = p.parentSlot();
        }
        return rows.get(parent); // a loop above us, not through us: the looping rows hang under the session
    }

    @Override
    public String toString() {
        return "SessionRow[id=" + id + " command=" + getName() + "]";
    }
}
