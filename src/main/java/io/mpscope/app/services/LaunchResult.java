package io.mpscope.app.services;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a launch started: the processes in order, and why it stopped early if it did (the first failure ends a
 * launch of N, since the next start would fail the same way).
 *
 * @param request  what was asked
 * @param started  the launched processes
 * @param failure  a human sentence naming what could not start and why, if something failed
 */
public record LaunchResult(LaunchRequest request, List<ActionTarget> started, Optional<String> failure) {
    /** Copies the list. */
    public LaunchResult {
        Objects.requireNonNull(request, "request");
        started = List.copyOf(started);
        Objects.requireNonNull(failure, "failure");
    }
}
