package io.mpscope.multiprocessing.util;

/**
 * One message of the {@code multiprocessing} logger, tagged with the name of the process that logged it.
 *
 * @param level       the message's level
 * @param processName {@code currentProcess().getName()} when it was logged
 * @param message     the formatted message
 * @param epochMillis when it was logged
 */
public record LogRecord(LogLevel level, String processName, String message, long epochMillis) {
}
