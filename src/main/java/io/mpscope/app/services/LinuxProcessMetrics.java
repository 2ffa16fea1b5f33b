package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.OsStat;
import io.mpscope.multiprocessing.shm.ProcStatReader;
import io.mpscope.multiprocessing.shm.StatLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-process metrics straight from {@code /proc}: one {@code /proc/<pid>/stat} read per process about twice a
 * second ({@link #READ_INTERVAL_NANOS}) gives CPU time, RSS and thread count (or none: the observer's reading of that
 * line in the same tick, when it is given); each process's stat file is kept open between reads. The cores come
 * from each thread's {@code /proc/<pid>/task/<tid>/stat} field 39 (the CPU it last ran on). Much cheaper than
 * OSHI's per-process refresh, which also reads status, io, cmdline and more for every process (see the app
 * benchmark).
 *
 * <p>Threads are read only for a process whose CPU time moved since its last thread scan, and at most about once a
 * second. A thread counts as having run on its last CPU when its CPU time grew since the previous scan, or it is
 * running now ({@code R}).
 *
 * <p>A pid is identified with its start time, so a recycled pid starts afresh. Sampler thread only.
 */
public final class LinuxProcessMetrics implements ProcessMetricsSource {
    /** CPU percentages cover at least this much time, so 10 ms clock ticks do not make them jump. */
    static final long CPU_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long CORE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(ProcessMetrics.CORE_WINDOW_SECONDS);
    /**
     * A process's threads are listed at most this often: "ran on core c in the last 3 s" needs no finer steps, and
     * a fast sampler would otherwise read every thread of every process that did anything, every tick.
     */
    static final long SCAN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(900);
    /**
     * A process's stat is read at most this often (about twice a second, as the CPU column and sparkline show it);
     * a faster sampler gets the last reading again (with its cores aged). CPU is averaged over a second anyway,
     * and RSS and threads change slowly: reading them at 10 Hz would cost a syscall-heavy file read per process
     * per tick and show nothing new.
     */
    static final long READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(450);
    /** How often the stat files of processes no longer read are closed. */
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Readings kept per process: covers {@link #CPU_WINDOW_NANOS} at up to 15 Hz. */
    private static final int RING = 16;

    private static final Logger log = LoggerFactory.getLogger(LinuxProcessMetrics.class);

    private final String procRoot;
    private final long ticksPerSecond;
    private final long pageSize;
    private final int cores;
    private final ProcFiles files = new ProcFiles(1024);
    /** Each process's stat file, kept open between reads (about a third of the cost of opening it each time). */
    private final ProcStatReader stats;
    private final StatLine line = new StatLine();
    private long sweptAt;
    private final Map<Long, Tracked> tracked = new HashMap<>();
    private boolean loggedUnreadable;

    /**
     * @param procRoot       {@code /proc}, or a folder laid out like it (tests)
     * @param ticksPerSecond the kernel's USER_HZ (clock ticks per second, almost always 100)
     * @param pageSize       bytes per page (RSS is counted in pages)
     * @param cores          the number of logical cores
     */
    public LinuxProcessMetrics(String procRoot, long ticksPerSecond, long pageSize, int cores) {
        if (ticksPerSecond <= 0 || pageSize <= 0 || cores <= 0) {
            throw new IllegalArgumentException("invalid proc parameters: hz=" + ticksPerSecond
                    + " pageSize=" + pageSize + " cores=" + cores);
        }
        this.procRoot = procRoot;
        this.stats = new ProcStatReader(procRoot);
        this.ticksPerSecond = ticksPerSecond;
        this.pageSize = pageSize;
        this.cores = cores;
    }

    @Override
    public Map<Long, ProcessMetrics> sample(Collection<Long> pids, long nanoTime) {
        return sample(pids, Map.of(), nanoTime);
    }

    @Override
    public Map<Long, ProcessMetrics> sample(Collection<Long> pids, Map<Long, OsStat> known, long nanoTime) {
        Map<Long, ProcessMetrics> out = new HashMap<>(pids.size() * 2);
        Set<Long> asked = new HashSet<>(pids);
        tracked.keySet().retainAll(asked);
        for (Long pid : asked) {
            ProcessMetrics m = sampleOne(pid, known.get(pid), nanoTime);
            if (m != null) {
                out.put(pid, m);
            }
        }
        if (nanoTime - sweptAt >= SWEEP_INTERVAL_NANOS) {
            stats.sweep(); // closes the files of processes not read since the last sweep (ended, or no longer asked)
            sweptAt = nanoTime;
        }
        return out;
    }

    /** @param given the observer's reading of the process's stat line in this tick, or null to read it */
    private ProcessMetrics sampleOne(long pid, OsStat given, long now) {
        Tracked known = tracked.get(pid);
        if (known != null && known.last != null && now - known.readAt < READ_INTERVAL_NANOS
                && (given == null || given.startTicks() == known.startTicks)) {
            ProcessMetrics m = known.last;
            List<Integer> cores = known.recentCores(now);
            if (cores != m.recentCores()) { // a core aged out of the window
                known.last = new ProcessMetrics(pid, m.cpuPercent(), m.rssBytes(), m.threads(), cores, m.state());
            }
            return known.last; // the last reading: the same object while nothing changed
        }
        String dir = procRoot + "/" + pid;
        char state;
        long startTicks;
        long ticks;
        long rssPages;
        int threadCount;
        if (given != null) {
            state = given.state();
            startTicks = given.startTicks();
            ticks = given.cpuTicks();
            rssPages = given.rssPages();
            threadCount = given.threads();
        } else {
            if (!stats.read(pid, -1, line)) {
                tracked.remove(pid);
                return null; // the process ended: not a fault
            }
            state = line.state();
            startTicks = line.startTicks();
            ticks = line.userTicks() + line.systemTicks();
            rssPages = line.rssPages();
            threadCount = line.threads();
        }
        Tracked t = tracked.get(pid);
        if (t == null || t.startTicks != startTicks) {
            t = new Tracked(startTicks, cores);
            tracked.put(pid, t);
        }
        OptionalDouble cpu = t.cpuPercent(now, ticks, ticksPerSecond);
        if ((t.scannedTicks != ticks || state == 'R')
                && (t.threadTicks == null || now - t.scannedAt >= SCAN_INTERVAL_NANOS)) {
            scanThreads(dir, t, now);
            t.scannedTicks = ticks;
            t.scannedAt = now;
        }
        t.last = new ProcessMetrics(pid, cpu, rssPages * pageSize, threadCount, t.recentCores(now), state);
        t.readAt = now;
        return t.last;
    }

    private void scanThreads(String dir, Tracked t, long now) {
        String[] tids = new java.io.File(dir + "/task").list();
        if (tids == null) {
            return;
        }
        boolean first = t.threadTicks == null;
        Map<Long, Long> next = new HashMap<>(tids.length * 2);
        for (String tid : tids) {
            ProcStat ts = readStat(dir + "/task/" + tid + "/stat");
            if (ts == null) {
                continue; // the thread ended while we listed
            }
            long ticks = ts.cpuTicks();
            Long before = first ? null : t.threadTicks.get(ts.pid());
            // A thread first seen on a later scan was born since the last one: any CPU time it has is recent.
            boolean ran = ts.state() == 'R' || (before == null ? !first && ticks > 0 : ticks > before);
            if (ran) {
                t.ranOn(ts.processor(), now);
            }
            next.put(ts.pid(), ticks);
        }
        t.threadTicks = next;
    }

    private ProcStat readStat(String path) {
        CharSequence text = files.read(path);
        if (text == null) {
            return null; // the process ended: not a fault
        }
        try {
            return ProcStat.parse(text);
        } catch (IllegalArgumentException e) {
            if (!loggedUnreadable) {
                loggedUnreadable = true;
                log.warn("process metrics unavailable: path={} reason={}", path, e.getMessage());
            }
            return null;
        }
    }

    /** What is kept of one process between ticks. */
    private static final class Tracked {
        final long startTicks;
        final long[] ringNanos = new long[RING];
        final long[] ringTicks = new long[RING];
        int count;
        int head; // index of the newest reading
        long scannedTicks = -1;
        long scannedAt;
        long readAt;
        ProcessMetrics last;
        Map<Long, Long> threadTicks;
        final long[] coreSeen;
        /** The last list {@link #recentCores} made, handed out again while the same cores are recent. */
        private List<Integer> recent = List.of();

        Tracked(long startTicks, int cores) {
            this.startTicks = startTicks;
            this.coreSeen = new long[cores];
        }

        /** Adds a reading and returns the CPU percentage since the newest earlier reading a window ago. */
        OptionalDouble cpuPercent(long now, long ticks, long hz) {
            head = (head + 1) % RING;
            ringNanos[head] = now;
            ringTicks[head] = ticks;
            count = Math.min(count + 1, RING);
            int base = -1;
            for (int k = 1; k < count; k++) {
                int i = Math.floorMod(head - k, RING);
                base = i;
                if (now - ringNanos[i] >= CPU_WINDOW_NANOS) {
                    break;
                }
            }
            if (base < 0 || now <= ringNanos[base]) {
                return OptionalDouble.empty();
            }
            double cpuSeconds = (double) Math.max(0, ticks - ringTicks[base]) / hz;
            return OptionalDouble.of(cpuSeconds * 1e9 / (now - ringNanos[base]) * 100);
        }

        void ranOn(int core, long now) {
            if (core >= 0 && core < coreSeen.length) {
                coreSeen[core] = now == 0 ? 1 : now; // 0 means never
            }
        }

        /** The cores used in the window before {@code now}, ascending: the same list object as last time if equal. */
        List<Integer> recentCores(long now) {
            int n = 0;
            boolean same = true;
            for (int c = 0; c < coreSeen.length; c++) {
                if (coreSeen[c] != 0 && now - coreSeen[c] <= CORE_WINDOW_NANOS) {
                    same &= n < recent.size() && recent.get(n) == c;
                    n++;
                }
            }
            if (same && n == recent.size()) {
                return recent;
            }
            List<Integer> out = new ArrayList<>(n);
            for (int c = 0; c < coreSeen.length; c++) {
                if (coreSeen[c] != 0 && now - coreSeen[c] <= CORE_WINDOW_NANOS) {
                    out.add(c);
                }
            }
            recent = List.copyOf(out);
            return recent;
        }
    }
}
