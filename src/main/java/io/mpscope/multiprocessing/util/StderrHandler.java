package io.mpscope.multiprocessing.util;

/**
 * Writes records to {@code System.err} in CPython's {@code log_to_stderr} format,
 * {@code [LEVEL/processName] message}, one line per record.
 *
 * <p>Python: the handler {@code multiprocessing.log_to_stderr()} installs.
 */
public final class StderrHandler implements LogHandler {
    @Override
    public void publish(LogRecord r) {
        String line = "[" + r.level().name() + "/" + r.processName() + "] " + r.message();
        System.err.println(line);
        System.err.flush();
    }
}
