package io.mpscope.app.services;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the OS says one observed process uses, at one tick. Immutable.
 *
 * @param pid         the OS process id
 * @param cpuPercent  CPU use over about the last second, in percent of one core (a busy two-thread process shows
 *                    200, as in top); empty until two readings are at least a tick apart
 * @param rssBytes    resident memory
 * @param threads     the number of OS threads
 * @param recentCores the logical cores any of its threads ran on in the last {@link #CORE_WINDOW_SECONDS}
 *                    seconds, ascending; empty where the OS does not tell (only Linux does)
 * @param state       the OS state letter (R, S, D, T for stopped, Z, ...), '?' where unknown
 */
public record ProcessMetrics(long pid, OptionalDouble cpuPercent, long rssBytes, int threads,
                             List<Integer> recentCores, char state) {
    /** How far back "ran on this core" looks. */
    public static final int CORE_WINDOW_SECONDS = 3;

    /** Metrics without an OS state. */
    public ProcessMetrics(long pid, OptionalDouble cpuPercent, long rssBytes, int threads, List<Integer> recentCores) {
        this(pid, cpuPercent, rssBytes, threads, recentCores, '?');
    }

    /** True if the OS has the process stopped (SIGSTOP: frozen). */
    public boolean stopped() {
        return state == 'T' || state == 't';
    }

    /** Copies the core list and rejects nulls. */
    public ProcessMetrics {
        Objects.requireNonNull(cpuPercent, "cpuPercent");
        recentCores = List.copyOf(recentCores);
    }
}
