package io.mpscope.app.services;

import java.util.Objects;

/**
 * The outcome of checking a launch request against the file system and class path before launching: either fine,
 * with a short confirmation, or a problem with one field. Human wording: the dialog shows it as is.
 *
 * @param ok      true if the request can be launched
 * @param field   the field at fault ({@link #TARGET}, {@link #CLASS_PATH}, {@link #COMMAND}, {@link #DIRECTORY}),
 *                or empty when ok
 * @param message "Runs com.acme.Main.main(String[])" or "No class com.acme.Mian on the class path"
 */
public record LaunchCheck(boolean ok, String field, String message) {
    /** The main class or jar field. */
    public static final String TARGET = "target";
    /** The extra class path field. */
    public static final String CLASS_PATH = "classPath";
    /** The OS command line field. */
    public static final String COMMAND = "command";
    /** The working directory field. */
    public static final String DIRECTORY = "directory";

    /** Rejects nulls. */
    public LaunchCheck {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** A passed check. */
    public static LaunchCheck fine(String message) {
        return new LaunchCheck(true, "", message);
    }

    /** A problem with {@code field}. */
    public static LaunchCheck problem(String field, String message) {
        return new LaunchCheck(false, field, message);
    }
}
