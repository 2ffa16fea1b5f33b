package io.mpscope.app.services;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The end of a process that was joined in the background.
 *
 * @param target   the process
 * @param launched true if the app launched it (then the exit code is known)
 * @param exitCode CPython's exit code, if known
 */
public record JoinResult(ActionTarget target, boolean launched, OptionalInt exitCode) {
    /** Rejects nulls. */
    public JoinResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(exitCode, "exitCode");
    }
}
