package io.mpscope.app.services;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Per-process metrics through OSHI, for platforms without {@code /proc}: CPU, RSS and threads; no cores (only
 * Linux says where a thread last ran). Sampler thread only.
 */
public final class OshiProcessMetrics implements ProcessMetricsSource {
    private final OperatingSystem os;
    private final Map<Long, OSProcess> previous = new HashMap<>();

    /** Reads processes through {@code os}. */
    public OshiProcessMetrics(OperatingSystem os) {
        this.os = os;
    }

    @Override
    public Map<Long, ProcessMetrics> sample(Collection<Long> pids, long nanoTime) {
        Map<Long, ProcessMetrics> out = new HashMap<>();
        Map<Long, OSProcess> next = new HashMap<>();
        for (Long pid : pids) {
            OSProcess p = os.getProcess(pid.intValue());
            if (p == null) {
                continue;
            }
            OSProcess before = previous.get(pid);
            OptionalDouble cpu = before == null || before.getStartTime() != p.getStartTime() ? OptionalDouble.empty()
                    : OptionalDouble.of(p.getProcessCpuLoadBetweenTicks(before) * 100);
            out.put(pid, new ProcessMetrics(pid, cpu, p.getResidentMemory(), p.getThreadCount(), List.of(),
                    p.getState() == oshi.software.os.OSProcess.State.STOPPED ? 'T' : '?'));
            next.put(pid, p);
        }
        previous.clear();
        previous.putAll(next);
        return out;
    }
}
