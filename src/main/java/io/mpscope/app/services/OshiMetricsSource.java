package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.OsStat;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine's readings for {@link MonitorService}: per-core load from OSHI's CPU ticks, memory, the metrics of
 * the observed processes ({@link ProcessMetricsSource}, {@code /proc} on Linux), and, while wanted, the list of
 * every OS process every {@link #SYSTEM_LIST_PERIOD}.
 *
 * <p>Best effort: a reading that fails is reported as unavailable in the {@link Metrics} and logged once until it
 * works again. Sampler thread only, except {@link #setSystemListWanted}.
 */
public final class OshiMetricsSource implements MetricsSource {
    /** How often the System list is read while it is wanted. */
    public static final Duration SYSTEM_LIST_PERIOD = Duration.ofSeconds(2);
    /** How soon a list that could not show CPU yet (the first) is read again. */
    static final Duration FIRST_LIST_AGAIN = Duration.ofMillis(500);
    /** Core loads cover at least this much time, so a 10 Hz sampler does not show 10 ms tick noise. */
    static final long CORE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(450);
    /**
     * With the tick's clock time known, core loads and memory are read in the first tick of each half second of
     * the clock (the steps of the sparklines), and at least this long after the last reading.
     */
    static final long CLOCK_STEP_MILLIS = 500;
    private static final long MIN_CLOCK_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final Logger log = LoggerFactory.getLogger(OshiMetricsSource.class);

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final ProcessMetricsSource processes;
    private final Clock clock;
    private volatile boolean systemWanted;

    private long[][] baseTicks;
    private long baseNanos;
    private long baseStep;
    private List<Double> loads = List.of();
    /** The last host reading: handed on unchanged (the same object) until the next one. */
    private HostMetrics host;
    private final Map<String, Boolean> failing = new HashMap<>();

    private SystemProcesses system = SystemProcesses.NONE;
    private long systemReadNanos;
    private Map<Integer, OSProcess> systemPrevious = Map.of();

    /** Reads this machine through OSHI; on Linux, the observed processes through {@code /proc}. */
    public OshiMetricsSource() {
        this(new SystemInfo(), Clock.systemUTC());
    }

    OshiMetricsSource(SystemInfo si, Clock clock) {
        this.cpu = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.os = si.getOperatingSystem();
        this.clock = clock;
        this.processes = Files.isDirectory(Path.of("/proc/self/task"))
                ? new LinuxProcessMetrics("/proc", hz(os), memory.getPageSize(), cpu.getLogicalProcessorCount())
                : new OshiProcessMetrics(os);
    }

    /** USER_HZ from OSHI where it tells (Linux), else the value every Linux build has used for decades. */
    private static long hz(OperatingSystem os) {
        if (os instanceof oshi.software.common.os.linux.LinuxOperatingSystem) {
            long hz = ((oshi.software.common.os.linux.LinuxOperatingSystem) os).getHz();
            if (hz > 0) {
                return hz;
            }
        }
        return 100;
    }

    @Override
    public void setSystemListWanted(boolean wanted) {
        systemWanted = wanted;
    }

    @Override
    public Metrics read(List<SessionSnapshot> sessions, long nanoTime) {
        return read(sessions, nanoTime, null);
    }

    /**
     * Reads the tick. With {@code takenAt}, core loads and memory are read in the first tick of each half second
     * of the clock: the sparklines take their points and uptimes change in those ticks too, so a 10 Hz sampler
     * makes the UI lay out and repaint twice a second for all of them rather than at scattered ticks (issue 3).
     * Without it, they are read once {@link #CORE_WINDOW_NANOS} has passed.
     */
    @Override
    public Metrics read(List<SessionSnapshot> sessions, long nanoTime, Instant takenAt) {
        HostMetrics host = readHost(nanoTime, takenAt);
        Map<Long, ProcessMetrics> byPid = readProcesses(sessions, nanoTime);
        // A first list has no CPU (it needs a previous one): the second comes after half a second, not two.
        long due = systemPrevious.isEmpty() || system.processes().stream().allMatch(p -> p.cpuPercent().isEmpty())
                ? FIRST_LIST_AGAIN.toNanos() : SYSTEM_LIST_PERIOD.toNanos();
        if (systemWanted && (system.takenAt().isEmpty() && system.failure().isEmpty()
                || nanoTime - systemReadNanos >= due)) {
            system = readSystem();
            systemReadNanos = nanoTime;
        }
        return new Metrics(host, byPid, system);
    }

    private HostMetrics readHost(long now, Instant takenAt) {
        try {
            long step = takenAt == null ? 0 : Math.floorDiv(takenAt.toEpochMilli(), CLOCK_STEP_MILLIS);
            boolean due = takenAt == null ? now - baseNanos >= CORE_WINDOW_NANOS
                    : step != baseStep && now - baseNanos >= MIN_CLOCK_WINDOW_NANOS;
            if (baseTicks == null) {
                baseTicks = cpu.getProcessorCpuLoadTicks(); // since boot: no load of its own, only a start
                baseNanos = now;
                baseStep = step;
                host = null;
            } else if (due) {
                long[][] ticks = cpu.getProcessorCpuLoadTicks();
                double[] l = cpu.getProcessorCpuLoadBetweenTicks(baseTicks, ticks);
                List<Double> next = new ArrayList<>(l.length);
                for (double d : l) {
                    next.add(Double.isFinite(d) ? Math.max(0, Math.min(1, d)) : 0.0);
                }
                loads = List.copyOf(next);
                baseTicks = ticks;
                baseNanos = now;
                baseStep = step;
                host = null;
            }
            if (host == null) {
                host = new HostMetrics(loads, memory.getTotal(), memory.getAvailable(), Optional.empty());
            }
            recovered("host");
            return host;
        } catch (RuntimeException e) {
            failed("host", e);
            baseTicks = null;
            host = null;
            return HostMetrics.unavailable(reason(e));
        }
    }

    private Map<Long, ProcessMetrics> readProcesses(List<SessionSnapshot> sessions, long now) {
        Set<Long> pids = new LinkedHashSet<>();
        Map<Long, OsStat> known = new HashMap<>();
        for (SessionSnapshot s : sessions) {
            for (ProcessSnapshot p : s.processes()) {
                if (p.alive() && p.pid() > 0) {
                    pids.add(p.pid());
                    // the observer read the stat line this tick to tell it alive: no need to read it again
                    p.osStat().ifPresent(st -> known.put(p.pid(), st));
                }
            }
        }
        try {
            Map<Long, ProcessMetrics> m = processes.sample(pids, known, now);
            recovered("processes");
            return m;
        } catch (RuntimeException e) {
            failed("processes", e);
            return Map.of();
        }
    }

    private SystemProcesses readSystem() {
        try {
            List<OSProcess> list = os.getProcesses();
            Map<Integer, OSProcess> byPid = new HashMap<>(list.size() * 2);
            List<OsProcess> out = new ArrayList<>(list.size());
            for (OSProcess p : list) {
                byPid.put(p.getProcessID(), p);
                OSProcess before = systemPrevious.get(p.getProcessID());
                OptionalDouble load = before == null || before.getStartTime() != p.getStartTime()
                        ? OptionalDouble.empty() : OptionalDouble.of(p.getProcessCpuLoadBetweenTicks(before) * 100);
                out.add(new OsProcess(p.getProcessID(), p.getParentProcessID(), nonNull(p.getName()),
                        nonNull(p.getUser()), load, p.getResidentMemory(), p.getThreadCount()));
            }
            systemPrevious = byPid;
            recovered("system");
            return new SystemProcesses(out, Optional.of(clock.instant()), Optional.empty());
        } catch (RuntimeException e) {
            failed("system", e);
            return new SystemProcesses(List.of(), Optional.of(clock.instant()), Optional.of(reason(e)));
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String reason(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void failed(String what, RuntimeException e) {
        if (failing.put(what, Boolean.TRUE) == null) {
            log.warn("metrics unavailable: reading={}", what, e);
        }
    }

    private void recovered(String what) {
        if (failing.remove(what) != null) {
            log.info("metrics recovered: reading={}", what);
        }
    }
}
