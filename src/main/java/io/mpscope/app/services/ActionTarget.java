package io.mpscope.app.services;

import java.util.Objects;

/**
 * A process an action applies to, as the user saw it when clicking.
 *
 * @param pid       the OS process id
 * @param name      its name ("Process-3", "sleep")
 * @param sessionId its mpscope session, or empty for an OS command or a process outside any session
 * @param launched  true if the app launched it, directly or through a process it launched; the others need the
 *                  user's confirmation before they are touched
 */
public record ActionTarget(long pid, String name, String sessionId, boolean launched) {
    /** Rejects nulls. */
    public ActionTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** "Process-3 (pid 4711)". */
    public String label() {
        return name + " (pid " + pid + ")";
    }

    /** The same process with the launched flag set to {@code value}. */
    public ActionTarget withLaunched(boolean value) {
        return new ActionTarget(pid, name, sessionId, value);
    }
}
