package io.mpscope.app.services;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The list of every OS process, as last read. It is read less often than the sessions (every
 * {@link OshiMetricsSource#SYSTEM_LIST_PERIOD}) and only while someone looks at it, so a tick usually carries the
 * list of an earlier one. Immutable.
 *
 * @param processes the processes, by pid; empty when never read or unavailable
 * @param takenAt   when it was read; absent if it never was
 * @param failure   why it could not be read, if it could not
 */
public record SystemProcesses(List<OsProcess> processes, Optional<Instant> takenAt, Optional<String> failure) {
    /** Not read (yet, or not wanted). */
    public static final SystemProcesses NONE = new SystemProcesses(List.of(), Optional.empty(), Optional.empty());

    /** Copies the list and rejects nulls. */
    public SystemProcesses {
        processes = List.copyOf(processes);
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(failure, "failure");
    }
}
