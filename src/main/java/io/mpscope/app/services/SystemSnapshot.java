package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the sampler read in one tick, handed to the UI as one immutable value. Later ticks will add OSHI
 * readings (per-core CPU, per-process RSS) here.
 *
 * @param sessions       the live sessions, ordered by creation time; empty when {@code failure} is present
 * @param takenAt        when the tick began; ages and uptimes are measured against it
 * @param samplingPeriod the sampler's configured period
 * @param readTime       how long reading the sessions took
 * @param source         what was watched (the runtime folder), for display
 * @param failure        why the sessions could not be read this tick, if they could not
 */
public record SystemSnapshot(List<SessionSnapshot> sessions, Instant takenAt, Duration samplingPeriod,
                             Duration readTime, String source, Optional<String> failure) {
    /** Copies {@code sessions} and rejects nulls. */
    public SystemSnapshot {
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(samplingPeriod, "samplingPeriod");
        Objects.requireNonNull(readTime, "readTime");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(failure, "failure");
    }

    /** A successful tick. */
    public static SystemSnapshot of(List<SessionSnapshot> sessions, Instant takenAt, Duration samplingPeriod,
                                    Duration readTime, String source) {
        return new SystemSnapshot(sessions, takenAt, samplingPeriod, readTime, source, Optional.empty());
    }

    /** A tick whose read failed with {@code reason}. */
    public static SystemSnapshot failed(String reason, Instant takenAt, Duration samplingPeriod, String source) {
        return new SystemSnapshot(List.of(), takenAt, samplingPeriod, Duration.ZERO, source, Optional.of(reason));
    }
}
