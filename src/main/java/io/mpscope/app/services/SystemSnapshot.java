package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the sampler read in one tick, handed to the UI as one immutable value: the sessions from the observe
 * API and the OS readings (per-core load, memory, per-process CPU/RSS/threads/cores, the System list).
 *
 * @param sessions       the live sessions, ordered by creation time; empty when {@code failure} is present
 * @param takenAt        when the tick began; ages and uptimes are measured against it
 * @param samplingPeriod the sampler's configured period
 * @param readTime       how long reading the sessions took
 * @param source         what was watched (the runtime folder), for display
 * @param failure        why the sessions could not be read this tick, if they could not
 * @param metrics        the OS readings of this tick ({@link Metrics#NONE} when there are none)
 */
public record SystemSnapshot(List<SessionSnapshot> sessions, Instant takenAt, Duration samplingPeriod,
                             Duration readTime, String source, Optional<String> failure, Metrics metrics) {
    /** Copies {@code sessions} and rejects nulls. */
    public SystemSnapshot {
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(samplingPeriod, "samplingPeriod");
        Objects.requireNonNull(readTime, "readTime");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** A successful tick. */
    public static SystemSnapshot of(List<SessionSnapshot> sessions, Instant takenAt, Duration samplingPeriod,
                                    Duration readTime, String source) {
        return new SystemSnapshot(sessions, takenAt, samplingPeriod, readTime, source, Optional.empty(),
                Metrics.NONE);
    }

    /** A tick whose read failed with {@code reason}. */
    public static SystemSnapshot failed(String reason, Instant takenAt, Duration samplingPeriod, String source) {
        return new SystemSnapshot(List.of(), takenAt, samplingPeriod, Duration.ZERO, source, Optional.of(reason),
                Metrics.NONE);
    }

    /** This snapshot with {@code metrics} as its OS readings. */
    public SystemSnapshot withMetrics(Metrics metrics) {
        return new SystemSnapshot(sessions, takenAt, samplingPeriod, readTime, source, failure, metrics);
    }
}
