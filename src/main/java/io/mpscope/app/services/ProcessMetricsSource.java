package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.OsStat;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import java.util.Collection;
import java.util.Map;

/**
 * Reads CPU, memory, threads and recently used cores for a few chosen processes, every tick. One implementation
 * per platform ({@link LinuxProcessMetrics} reads {@code /proc} directly; {@link OshiProcessMetrics} elsewhere);
 * {@link OshiMetricsSource} picks one. Called on the sampler thread only.
 */
public interface ProcessMetricsSource {
    /**
     * The metrics of each of {@code pids} that could be read; a process that ended or cannot be read is left out.
     * Forgets what it kept of pids no longer asked for. Never throws for a single process.
     *
     * @param nanoTime the tick's {@link System#nanoTime()}, which CPU percentages and core recency are measured by
     */
    Map<Long, ProcessMetrics> sample(Collection<Long> pids, long nanoTime);

    /**
     * As {@link #sample(Collection, long)}, given what the observer read of some of them in this tick
     * ({@link ProcessSnapshot#osStat()}): a source that needs those fields takes them instead of reading the same
     * file again. By default they are not used.
     *
     * @param known the stat readings of this tick by pid; a pid without one is read as usual
     */
    default Map<Long, ProcessMetrics> sample(Collection<Long> pids, Map<Long, OsStat> known, long nanoTime) {
        return sample(pids, nanoTime);
    }
}
