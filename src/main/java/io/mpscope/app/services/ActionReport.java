package io.mpscope.app.services;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an action did to each of its targets, in the order they were signalled.
 *
 * @param action   the action
 * @param outcomes one per target
 */
public record ActionReport(ProcessAction action, List<Outcome> outcomes) {
    /**
     * The result for one target.
     *
     * @param target the process
     * @param failure why it failed, or null if the signal was sent
     */
    public record Outcome(ActionTarget target, SignalException.Reason failure) {
        /** Rejects a null target. */
        public Outcome {
            Objects.requireNonNull(target, "target");
        }

        /** True if the signal was sent. */
        public boolean ok() {
            return failure == null;
        }
    }

    /** Copies the list. */
    public ActionReport {
        Objects.requireNonNull(action, "action");
        outcomes = List.copyOf(outcomes);
    }

    /** The targets that were signalled. */
    public List<ActionTarget> succeeded() {
        return outcomes.stream().filter(Outcome::ok).map(Outcome::target).collect(Collectors.toList());
    }

    /** The outcomes that failed. */
    public List<Outcome> failed() {
        return outcomes.stream().filter(o -> !o.ok()).collect(Collectors.toList());
    }
}
