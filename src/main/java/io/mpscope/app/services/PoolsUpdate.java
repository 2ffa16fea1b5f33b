package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.ManagerSnapshot;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One tick of the pools-and-managers sampler, handed to the UI as one immutable value.
 *
 * @param sessionId the session read
 * @param pools     its pools, if they were read this tick; empty also if the session is gone
 * @param managers  its managers, if they were read this tick
 * @param gone      whether the session has ended
 * @param failure   why the read failed, if it did
 * @param takenAt   when the read began
 */
public record PoolsUpdate(String sessionId, Optional<List<PoolSnapshot>> pools,
                          Optional<List<ManagerSnapshot>> managers, boolean gone, Optional<String> failure,
                          Instant takenAt) {
    /** Rejects nulls; copies the lists. */
    public PoolsUpdate {
        Objects.requireNonNull(sessionId, "sessionId");
        pools = Objects.requireNonNull(pools, "pools").map(List::copyOf);
        managers = Objects.requireNonNull(managers, "managers").map(List::copyOf);
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** A read that failed with {@code reason}. */
    public static PoolsUpdate failed(String sessionId, String reason, Instant takenAt) {
        return new PoolsUpdate(sessionId, Optional.empty(), Optional.empty(), false, Optional.of(reason), takenAt);
    }
}
