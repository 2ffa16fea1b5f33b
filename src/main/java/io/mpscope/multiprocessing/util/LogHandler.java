package io.mpscope.multiprocessing.util;

/**
 * Receives the records of the {@code multiprocessing} logger that pass its level. Called on the logging
 * thread; must not block for long.
 *
 * <p>Python: {@code logging.Handler}.
 */
@FunctionalInterface
public interface LogHandler {
    void publish(LogRecord record);
}
