package io.mpscope.multiprocessing.util;

/**
 * The levels of the {@code multiprocessing} logger, with CPython's numbers and names, including the two
 * levels multiprocessing adds (SUBDEBUG 5, SUBWARNING 25).
 *
 * <p>Python: {@code logging.DEBUG}, {@code multiprocessing.util.SUBDEBUG}, ...
 */
public enum LogLevel {
    NOTSET(0),
    SUBDEBUG(5),
    DEBUG(10),
    INFO(20),
    SUBWARNING(25),
    WARNING(30),
    ERROR(40),
    CRITICAL(50);

    private final int value;

    LogLevel(int value) {
        this.value = value;
    }

    /** CPython's numeric level. */
    public int value() {
        return value;
    }

    /** The level with CPython's number {@code value}. */
    public static LogLevel of(int value) {
        for (LogLevel l : values()) {
            if (l.value == value) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown log level: value=" + value);
    }
}
