package io.mpscope.app.services;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An OS command the app launched, as one sampler tick saw it.
 *
 * @param id          its launch id
 * @param name        its name
 * @param pid         its pid
 * @param daemon      terminated when the app exits
 * @param commandLine what it runs
 * @param alive       true until it has ended
 * @param exitCode    its exit code once ended
 * @param state       its OS state while alive
 */
public record CommandInfo(long id, String name, long pid, boolean daemon, String commandLine, boolean alive,
                          OptionalInt exitCode, OsState state) {
    /** Rejects nulls. */
    public CommandInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(state, "state");
    }
}
