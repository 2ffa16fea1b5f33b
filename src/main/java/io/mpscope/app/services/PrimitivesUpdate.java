package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One tick of the primitives sampler, handed to the UI as one immutable value.
 *
 * @param sessionId the session read
 * @param snapshot  its primitives and wait-for graph; empty if the session is gone or the read failed
 * @param failure   why the read failed, if it did
 * @param takenAt   when the read began
 */
public record PrimitivesUpdate(String sessionId, Optional<PrimitivesSnapshot> snapshot, Optional<String> failure,
                               Instant takenAt) {
    /** Rejects nulls. */
    public PrimitivesUpdate {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** A successful read ({@code snapshot} empty: the session is gone). */
    public static PrimitivesUpdate of(String sessionId, Optional<PrimitivesSnapshot> snapshot, Instant takenAt) {
        return new PrimitivesUpdate(sessionId, snapshot, Optional.empty(), takenAt);
    }

    /** A read that failed with {@code reason}. */
    public static PrimitivesUpdate failed(String sessionId, String reason, Instant takenAt) {
        return new PrimitivesUpdate(sessionId, Optional.empty(), Optional.of(reason), takenAt);
    }
}
