package io.mpscope.multiprocessing.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Forwards records to the SLF4J logger {@code multiprocessing}, with the process name in the MDC key
 * {@code mp.process}, so an application's Logback configuration (and the mpscope app) receives them.
 * SUBDEBUG maps to TRACE, SUBWARNING and WARNING to WARN, CRITICAL to ERROR.
 */
public final class Slf4jHandler implements LogHandler {
    /** The MDC key that carries the process name. */
    public static final String MDC_KEY = "mp.process";
    private final Logger log = LoggerFactory.getLogger("multiprocessing");

    @Override
    public void publish(LogRecord r) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, r.processName());
        try {
            switch (r.level()) {
                case NOTSET, SUBDEBUG -> log.trace(r.message());
                case DEBUG -> log.debug(r.message());
                case INFO -> log.info(r.message());
                case SUBWARNING, WARNING -> log.warn(r.message());
                case ERROR, CRITICAL -> log.error(r.message());
                default -> throw new AssertionError(r.level());
            }
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
