package io.mpscope.app.services;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;

/**
 * A Logback appender, attached to the app's root logger, that copies the app's own records into the
 * {@link LogBuffer} the log view reads. Never blocks beyond the buffer's lock; never throws.
 */
public final class AppLogAppender extends AppenderBase<ILoggingEvent> {
    /** The process name shown for the app's own records. */
    public static final String APP_PROCESS = "mpscope";

    private final LogBuffer buffer;
    private final long pid = ProcessHandle.current().pid();

    /** An appender into {@code buffer}. */
    public AppLogAppender(LogBuffer buffer) {
        this.buffer = buffer;
        setName("mpscope-log-view");
    }

    @Override
    protected void append(ILoggingEvent e) {
        buffer.add(new LogEvent(0, e.getTimeStamp(), LogEvent.Level.of(e.getLevel().toString()), pid, APP_PROCESS,
                nonNull(e.getThreadName()), nonNull(e.getLoggerName()), nonNull(e.getFormattedMessage()),
                e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
