package io.mpscope.app.services;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The machine at one tick: how busy each logical core was since the previous reading, and memory. Immutable.
 *
 * @param coreLoads        per logical core, 0..1; empty until a second reading (the first reading of OSHI's
 *                         ticks covers the time since boot, so it is discarded) or while unavailable
 * @param memoryTotal      physical memory in bytes, 0 if unknown
 * @param memoryAvailable  memory available to new work in bytes, 0 if unknown
 * @param failure          why the readings are unavailable, if they are
 */
public record HostMetrics(List<Double> coreLoads, long memoryTotal, long memoryAvailable,
                          Optional<String> failure) {
    /** No reading (metrics off, or before the first tick). */
    public static final HostMetrics NONE = new HostMetrics(List.of(), 0, 0, Optional.empty());

    /** Copies the loads and rejects nulls. */
    public HostMetrics {
        coreLoads = List.copyOf(coreLoads);
        Objects.requireNonNull(failure, "failure");
    }

    /** Readings that failed with {@code reason}. */
    public static HostMetrics unavailable(String reason) {
        return new HostMetrics(List.of(), 0, 0, Optional.of(reason));
    }

    /** The average load of all cores in percent of the whole machine, if known. */
    public OptionalDouble totalCpuPercent() {
        return coreLoads.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(coreLoads.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 100);
    }
}
