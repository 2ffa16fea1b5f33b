package io.mpscope.app.services;

import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * The OS side of a tick: what {@link MonitorService} reads after the sessions. Called on the sampler thread only;
 * it must not throw for an unavailable reading (it reports it in the {@link Metrics} instead).
 */
public interface MetricsSource {
    /** No OS readings (tests, or where none are wanted). */
    MetricsSource NONE = (sessions, nanoTime) -> Metrics.NONE;

    /**
     * Reads the machine and the live processes of {@code sessions}.
     *
     * @param nanoTime the tick's {@link System#nanoTime()}
     */
    Metrics read(List<SessionSnapshot> sessions, long nanoTime);

    /**
     * As {@link #read(List, long)}, knowing the tick's wall-clock time too: a source may time its readings by the
     * clock (as the sparklines and uptimes are), so that the values the UI shows change in the same ticks.
     *
     * @param takenAt when the tick began, by the sampler's clock
     */
    default Metrics read(List<SessionSnapshot> sessions, long nanoTime, Instant takenAt) {
        return read(sessions, nanoTime);
    }

    /** Whether the list of every OS process is wanted (someone looks at it); off by default. Any thread. */
    default void setSystemListWanted(boolean wanted) {
    }
}
