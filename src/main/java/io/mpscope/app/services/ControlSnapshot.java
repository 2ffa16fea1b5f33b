package io.mpscope.app.services;

import java.util.List;
import java.util.Objects;

/**
 * What the details sampler read in one tick, handed to the UI as one immutable value.
 *
 * @param selection   what the output and state below belong to
 * @param stdout      the tail of its stdout
 * @param stderr      the tail of its stderr
 * @param state       its OS state
 * @param commands    the OS commands the app launched, oldest first
 * @param logs        log records numbered above the sequence the UI had acknowledged, oldest first
 * @param logsDropped how many records the log buffer has dropped in all
 */
public record ControlSnapshot(DetailsSelection selection, String stdout, String stderr, OsState state,
                              List<CommandInfo> commands, List<LogEvent> logs, long logsDropped) {
    /** Copies the lists and rejects nulls. */
    public ControlSnapshot {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(state, "state");
        commands = List.copyOf(commands);
        logs = List.copyOf(logs);
    }
}
