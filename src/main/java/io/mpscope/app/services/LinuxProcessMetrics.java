package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.OsStat;
import io.mpscope.multiprocessing.shm.ProcStatReader;
import io.mpscope.multiprocessing.shm.StatLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Per-process metrics straight from {@code /proc}: one {@code /proc/<pid>/stat} read per process about twice a
 * second ({@link #READ_INTERVAL_NANOS}) gives CPU time, RSS and thread count (or none: the observer's reading of that
 * line in the same tick, when it is given); each process's stat file is kept open between reads. The cores come
 * from each thread's {@code /proc/<pid>/task/<tid>/stat} field 39 (the CPU it last ran on). Much cheaper than
 * OSHI's per-process refresh, which also reads status, io, cmdline and more for every process (see the app
 * benchmark).
 *
 * <p>Threads are read only for a process whose CPU time moved since its last thread scan: at most about once a
 * second while it uses {@link #BUSY_SHARE} of a core or more, else every {@link #IDLE_SCAN_INTERVAL_NANOS} (a
 * sleeping JVM's own threads move its CPU time every second or two, and a hundred of them were most of the
 * sampler's reads). A thread counts as having run on its last CPU when its CPU time grew since the previous scan,
 * or it is running now ({@code R}). The thread folder is listed again only when the process's thread count is not
 * that of the threads known, or one of them ended; else the known threads' stat files are read again.
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
     * A process that used less than {@link #BUSY_SHARE} of a core since its last thread scan is scanned this often:
     * scans then still come less than {@link ProcessMetrics#CORE_WINDOW_SECONDS} apart (the scan waits for the next
     * stat read, up to {@link #READ_INTERVAL_NANOS} and a tick later), so a core it keeps using stays shown.
     */
    static final long IDLE_SCAN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2400);
    /** The share of one core from which a process's threads are scanned every {@link #SCAN_INTERVAL_NANOS}. */
    static final double BUSY_SHARE = 0.05;
    /**
     * A process's stat is read at most this often (about twice a second, as the CPU column and sparkline show it);
     * a faster sampler gets the last reading again (with its cores aged). CPU is averaged over a second anyway,
     * and RSS and threads change slowly: reading them at 10 Hz would cost a syscall-heavy file read per process
     * per tick and show nothing new.
     */
    static final long READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(450);
    /** The threads of one process whose stat files are kept open between scans; more are opened each time. */
    static final int THREAD_FILES_PER_PROCESS = 64;
    /** How often the stat files of processes no longer read are closed. */
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Readings kept per process: covers {@link #CPU_WINDOW_NANOS} at up to 15 Hz. */
    private static final int RING = 16;


    private final String procRoot;
    private final long ticksPerSecond;
    private final long pageSize;
    private final int cores;
    /** Each process's stat file, kept open between reads (about a third of the cost of opening it each time). */
    private final ProcStatReader stats;
    private final StatLine line = new StatLine();
    private long sweptAt;
    /** How many processes may keep their threads' stat files open, by the open-files limit. */
    private final int threadFileProcesses;
    private int threadFileReaders;
    private final Map<Long, Tracked> tracked = new HashMap<>();

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
        this.threadFileProcesses = (int) (threadFileBudget() / THREAD_FILES_PER_PROCESS);
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
        for (Iterator<Map.Entry<Long, Tracked>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Tracked> e = it.next();
            if (!asked.contains(e.getKey())) {
                forget(e.getValue());
                it.remove();
            }
        }
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
                forget(tracked.remove(pid));
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
            forget(t);
            t = new Tracked(startTicks, cores);
            tracked.put(pid, t);
        }
        OptionalDouble cpu = t.cpuPercent(now, ticks, ticksPerSecond);
        if (t.tids == null || (t.scannedTicks != ticks || state == 'R')
                && now - t.scannedAt >= scanInterval(t, ticks, state, now)) {
            scanThreads(dir, t, threadCount, now);
            t.scannedTicks = ticks;
            t.scannedAt = now;
        }
        t.last = new ProcessMetrics(pid, cpu, rssPages * pageSize, threadCount, t.recentCores(now), state);
        t.readAt = now;
        return t.last;
    }

    /** How long after its last thread scan a process whose CPU time moved is scanned again. */
    private long scanInterval(Tracked t, long ticks, char state, long now) {
        long since = now - t.scannedAt;
        double share = since <= 0 ? 1 : (double) (ticks - t.scannedTicks) / ticksPerSecond * 1e9 / since;
        return state == 'R' || share >= BUSY_SHARE ? SCAN_INTERVAL_NANOS : IDLE_SCAN_INTERVAL_NANOS;
    }

    /** The ids of the threads in {@code dir/task}, or null if it cannot be listed (the process ended). */
    private static long[] listThreads(String dir) {
        String[] names = new java.io.File(dir + "/task").list();
        if (names == null) {
            return null;
        }
        long[] ids = new long[names.length];
        int n = 0;
        for (String name : names) {
            try {
                ids[n] = Long.parseLong(name);
                n++;
            } catch (NumberFormatException e) {
                // not a thread
            }
        }
        return n == ids.length ? ids : java.util.Arrays.copyOf(ids, n);
    }

    /**
     * Reads the threads' stat lines and notes the cores of those that ran since the last scan.
     *
     * @param threadCount the process's thread count from its stat line read now
     */
    private void scanThreads(String dir, Tracked t, int threadCount, long now) {
        boolean first = t.tids == null;
        boolean list = first || t.relist || t.tids.length != threadCount;
        long[] ids = list ? listThreads(dir) : t.tids;
        if (ids == null) {
            return;
        }
        if (t.threadFiles == null) {
            // Each thread's stat file stays open between scans (a read then costs a seek and a read instead of an
            // open, a stat, two reads and a close): within the open-files budget, which most processes fit in.
            boolean keep = threadFileReaders < threadFileProcesses;
            t.threadFiles = new ProcStatReader(dir + "/task", keep ? THREAD_FILES_PER_PROCESS : 0);
            t.keepsThreadFiles = keep;
            threadFileReaders += keep ? 1 : 0;
        }
        // The ticks of the last scan: by position while the same threads are read again, else by thread id.
        Map<Long, Long> before = null;
        if (list && !first) {
            before = new HashMap<>(t.tids.length * 2);
            for (int i = 0; i < t.tids.length; i++) {
                before.put(t.tids[i], t.tidTicks[i]);
            }
        }
        long[] ticksNow = list ? new long[ids.length] : t.tidTicks;
        t.relist = false;
        for (int i = 0; i < ids.length; i++) {
            long last = first ? -1 : before != null ? before.getOrDefault(ids[i], -1L) : ticksNow[i];
            if (!t.threadFiles.read(ids[i], -1, line)) {
                ticksNow[i] = -1;
                t.relist = true; // the thread ended: list the folder next time
                continue;
            }
            long ticks = line.userTicks() + line.systemTicks();
            // A thread first seen on a later scan was born since the last one: any CPU time it has is recent.
            boolean ran = line.state() == 'R' || (last < 0 ? !first && ticks > 0 : ticks > last);
            if (ran) {
                t.ranOn(line.processor(), now);
            }
            ticksNow[i] = ticks;
        }
        t.tids = ids;
        t.tidTicks = ticksNow;
        t.threadFiles.sweep(); // the files of threads that ended
    }

    /** How many processes keep their threads' stat files open (tests). */
    int threadFileReaders() {
        return threadFileReaders;
    }

    /** Closes what is kept open for a process no longer watched (null: nothing). */
    private void forget(Tracked t) {
        if (t != null && t.threadFiles != null) {
            t.threadFiles.close();
            threadFileReaders -= t.keepsThreadFiles ? 1 : 0;
            t.threadFiles = null;
        }
    }

    /** A quarter of the open-files limit, at most 2048, for threads' stat files. */
    private static long threadFileBudget() {
        long max = 4096;
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
            max = ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
        }
        return Math.min(2048, max / 4);
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
        /** The threads of the last scan (null before the first) and their CPU ticks then (-1: ended). */
        long[] tids;
        long[] tidTicks;
        /** A thread ended since the folder was listed: list it again at the next scan. */
        boolean relist;
        /** The threads' stat files ({@code /proc/<pid>/task}), from the first scan on. */
        ProcStatReader threadFiles;
        boolean keepsThreadFiles;
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
