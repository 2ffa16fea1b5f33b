package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.QueueSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tick of the primitives sampler, handed to the UI as one immutable value.
 *
 * @param sessionId the session read
 * @param snapshot  its primitives and wait-for graph; empty if the session is gone or the read failed
 * @param failure   why the read failed, if it did
 * @param takenAt   when the read began
 * @param queues    its queues and pipe directions with the first items of each, if they were read this tick (they
 *                  are read only while the view shows); an empty list if the session has none
 */
public record PrimitivesUpdate(String sessionId, Optional<PrimitivesSnapshot> snapshot, Optional<String> failure,
                               Instant takenAt, Optional<List<QueueSnapshot>> queues) {
    /** Rejects nulls. */
    public PrimitivesUpdate {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(takenAt, "takenAt");
        queues = Objects.requireNonNull(queues, "queues").map(List::copyOf);
    }

    /** An update without queues (not read this tick). */
    public PrimitivesUpdate(String sessionId, Optional<PrimitivesSnapshot> snapshot, Optional<String> failure,
                            Instant takenAt) {
        this(sessionId, snapshot, failure, takenAt, Optional.empty());
    }

    /** A successful read ({@code snapshot} empty: the session is gone). */
    public static PrimitivesUpdate of(String sessionId, Optional<PrimitivesSnapshot> snapshot, Instant takenAt) {
        return new PrimitivesUpdate(sessionId, snapshot, Optional.empty(), takenAt);
    }

    /** A read that failed with {@code reason}. */
    public static PrimitivesUpdate failed(String sessionId, String reason, Instant takenAt) {
        return new PrimitivesUpdate(sessionId, Optional.empty(), Optional.of(reason), takenAt);
    }

    /** True for the kinds shown as queues: Queue, SimpleQueue, JoinableQueue and a Pipe's direction. */
    public static boolean isQueue(PrimitiveKind kind) {
        return kind == PrimitiveKind.QUEUE || kind == PrimitiveKind.SIMPLE_QUEUE
                || kind == PrimitiveKind.JOINABLE_QUEUE || kind == PrimitiveKind.PIPE;
    }

    /** This update with the queues read in the same tick. */
    public PrimitivesUpdate withQueues(List<QueueSnapshot> read) {
        return new PrimitivesUpdate(sessionId, snapshot, failure, takenAt, Optional.of(read));
    }
}
