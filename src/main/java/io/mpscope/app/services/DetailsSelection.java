package io.mpscope.app.services;

import java.util.Objects;

/**
 * The process whose details (output, OS state) the sampler reads: a process of a session (its output is the
 * registry's output tail), an OS command the app launched (its captured output), or nothing.
 *
 * @param pid       the OS process id, or 0 for nothing
 * @param sessionId the session of a library process, else empty
 * @param slot      its registry slot, or -1
 * @param commandId the launch id of an OS command, or -1
 */
public record DetailsSelection(long pid, String sessionId, int slot, long commandId) {
    /** Nothing selected. */
    public static final DetailsSelection NONE = new DetailsSelection(0, "", -1, -1);

    /** Rejects a null session. */
    public DetailsSelection {
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A process in slot {@code slot} of session {@code sessionId}. */
    public static DetailsSelection process(String sessionId, int slot, long pid) {
        return new DetailsSelection(pid, sessionId, slot, -1);
    }

    /** The OS command launched as {@code id}. */
    public static DetailsSelection command(long id, long pid) {
        return new DetailsSelection(pid, "", -1, id);
    }

    /** True if something is selected. */
    public boolean isPresent() {
        return pid > 0;
    }

    /** True for an OS command. */
    public boolean isCommand() {
        return commandId >= 0;
    }
}
