package io.mpscope.multiprocessing.process;

import java.util.Locale;

/**
 * The life of a {@link Process} object as its creator sees it; the words are those of CPython's {@code repr}.
 */
public enum ProcessState {
    /** Created, not started. */
    INITIAL,
    /** Started; it may have ended without being joined yet. */
    STARTED,
    /** Ended and reaped: the exit code is known. */
    STOPPED,
    /** {@code close()} was called. */
    CLOSED;

    /** The word CPython's repr uses: initial, started, stopped. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
