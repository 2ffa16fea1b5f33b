package io.mpscope.app.viewmodels;

import java.util.Objects;

/**
 * What a row's status cell shows: the words, and one style word that classifies them so the two always change
 * together.
 *
 * @param text  "running", "exited", "3 processes", ...
 * @param style running, starting, standby, exited (with code 0), failed (non-zero or signal), vanished, session
 */
public record RowStatus(String text, String style) {
    /** Rejects nulls. */
    public RowStatus {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
    }
}
