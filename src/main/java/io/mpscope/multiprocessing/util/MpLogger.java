package io.mpscope.multiprocessing.util;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The {@code multiprocessing} logger: CPython's semantics. It starts at level NOTSET with no handler and does not
 * propagate, so nothing is printed until a handler is added ({@link #addHandler}, or
 * {@code Multiprocessing.logToStderr(level)}). NOTSET means "WARNING" for filtering, as for a CPython logger
 * whose root has the default level. The level and the stderr and SLF4J handlers travel to child processes, as
 * spawn's preparation data carries them in CPython.
 *
 * <p>Messages below the level cost one volatile read: the library's lifecycle messages (INFO, DEBUG) touch
 * no logging framework unless someone asked for them.
 *
 * <p>Thread-safe. Python: {@code multiprocessing.get_logger()}.
 */
public final class MpLogger {
    /** The logger's name, as in CPython. */
    public static final String NAME = "multiprocessing";
    private static final MpLogger INSTANCE = new MpLogger();

    private volatile LogLevel level = LogLevel.NOTSET;
    private final List<LogHandler> handlers = new CopyOnWriteArrayList<>();
    private volatile Supplier<String> processName; // null: "MainProcess" (no lambda on the child's start path)

    private MpLogger() {
    }

    /** The one {@code multiprocessing} logger of this process. */
    public static MpLogger get() {
        return INSTANCE;
    }

    public String getName() {
        return NAME;
    }

    /** The level set with {@link #setLevel}; NOTSET if none. Python: {@code logger.level}. */
    public LogLevel getLevel() {
        return level;
    }

    /** Sets the threshold below which messages are dropped. Python: {@code logger.setLevel(level)}. */
    public void setLevel(LogLevel level) {
        if (level == null) {
            throw new IllegalArgumentException("level must not be null");
        }
        this.level = level;
    }

    /** Always false: the logger does not pass records to a parent. Python: {@code logger.propagate}. */
    public boolean isPropagate() {
        return false;
    }

    public void addHandler(LogHandler handler) {
        if (!handlers.contains(handler)) {
            handlers.add(handler);
        }
    }

    public void removeHandler(LogHandler handler) {
        handlers.remove(handler);
    }

    /** The installed handlers, as an unmodifiable snapshot. */
    public List<LogHandler> getHandlers() {
        return List.copyOf(handlers);
    }

    /** True if a message at {@code l} would be handled. Python: {@code logger.isEnabledFor(level)}. */
    public boolean isEnabledFor(LogLevel l) {
        LogLevel effective = level == LogLevel.NOTSET ? LogLevel.WARNING : level;
        return l.value() >= effective.value() && !handlers.isEmpty();
    }

    /** Where the process name of each record comes from; set once by the library. */
    public void setProcessNameSource(Supplier<String> source) {
        this.processName = source;
    }

    public void subDebug(String format, Object... args) {
        log(LogLevel.SUBDEBUG, format, args);
    }

    public void debug(String format, Object... args) {
        log(LogLevel.DEBUG, format, args);
    }

    public void info(String format, Object... args) {
        log(LogLevel.INFO, format, args);
    }

    public void subWarning(String format, Object... args) {
        log(LogLevel.SUBWARNING, format, args);
    }

    public void warning(String format, Object... args) {
        log(LogLevel.WARNING, format, args);
    }

    public void error(String format, Object... args) {
        log(LogLevel.ERROR, format, args);
    }

    public void critical(String format, Object... args) {
        log(LogLevel.CRITICAL, format, args);
    }

    /**
     * Logs a message; {@code format} uses {@code %s}-style placeholders as CPython's logging does
     * ({@link String#format}), or is printed as is when there are no arguments.
     */
    public void log(LogLevel l, String format, Object... args) {
        if (!isEnabledFor(l)) {
            return;
        }
        String msg = args.length == 0 ? format : String.format(format, args);
        Supplier<String> source = processName;
        LogRecord r = new LogRecord(l, source == null ? "MainProcess" : source.get(), msg, System.currentTimeMillis());
        for (LogHandler h : handlers) {
            h.publish(r);
        }
    }
}
