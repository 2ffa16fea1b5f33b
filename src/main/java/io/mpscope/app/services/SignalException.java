package io.mpscope.app.services;

import java.util.Objects;

/**
 * A signal could not be delivered: the process is gone ({@code ESRCH}), the OS refused ({@code EPERM}), this OS
 * has no such signal, or something else failed. The message is for logs; {@link #reason()} is what the UI words.
 */
public final class SignalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a signal was not delivered. */
    public enum Reason {
        /** ESRCH: no process with that pid (it ended between the click and the action). */
        NO_SUCH_PROCESS,
        /** EPERM: the process belongs to another user, or the OS protects it. */
        NOT_PERMITTED,
        /** Stopping and continuing processes is not available on this OS. */
        UNSUPPORTED,
        /** Anything else (errno in the message). */
        FAILED
    }

    private final Reason reason;

    /** A failure for {@code reason}; {@code message} follows the k=v style. */
    public SignalException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }
}
