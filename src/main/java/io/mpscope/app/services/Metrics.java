package io.mpscope.app.services;

import java.util.Map;
import java.util.Objects;

/**
 * The OS readings of one tick, next to the sessions of a {@link SystemSnapshot}. Immutable.
 *
 * @param host      per-core load and memory
 * @param processes per observed pid (the processes of the live sessions); a pid that could not be read is absent
 * @param system    the list of every OS process, as last read
 */
public record Metrics(HostMetrics host, Map<Long, ProcessMetrics> processes, SystemProcesses system) {
    /** No readings at all. */
    public static final Metrics NONE = new Metrics(HostMetrics.NONE, Map.of(), SystemProcesses.NONE);

    /** Copies the map and rejects nulls. */
    public Metrics {
        Objects.requireNonNull(host, "host");
        processes = Map.copyOf(processes);
        Objects.requireNonNull(system, "system");
    }
}
