package io.mpscope.app.services;

import java.util.Objects;

/**
 * A process the app launched has ended.
 *
 * @param target   the process
 * @param command  true for an OS command, false for a library Process
 * @param exitCode CPython's exit code (-N for death by signal N)
 * @param byApp    true if the app had signalled it (so the end was asked for)
 */
public record ProcessExit(ActionTarget target, boolean command, int exitCode, boolean byApp) {
    /** Rejects a null target. */
    public ProcessExit {
        Objects.requireNonNull(target, "target");
    }
}
