package io.mpscope.app.services;

import java.util.Locale;
import java.util.Objects;

/**
 * One Logback record of the app or of a child it launched, as the log view shows it. Immutable.
 *
 * @param seq         its number in the app's log buffer (increasing, unique)
 * @param epochMillis when it was logged
 * @param level       its level
 * @param pid         the process that logged it
 * @param process     that process's name ({@code mp.process} in the MDC, else {@code currentProcess().getName()})
 * @param thread      the logging thread
 * @param logger      the logger's name ({@code multiprocessing} for the library's records)
 * @param message     the formatted message
 * @param throwable   the stack trace text, or empty
 */
public record LogEvent(long seq, long epochMillis, Level level, long pid, String process, String thread,
                       String logger, String message, String throwable) {
    /** Logback's levels, lowest first. */
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR;

        /** The level named {@code name} (Logback's names), INFO for an unknown one. */
        public static Level of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return INFO;
            }
        }
    }

    /** Rejects nulls. */
    public LogEvent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(throwable, "throwable");
    }

    /** The same record numbered {@code n}. */
    LogEvent withSeq(long n) {
        return new LogEvent(n, epochMillis, level, pid, process, thread, logger, message, throwable);
    }
}
