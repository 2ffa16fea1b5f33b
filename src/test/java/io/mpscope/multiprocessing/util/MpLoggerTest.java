package io.mpscope.multiprocessing.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.testsupport.StdCapture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The multiprocessing logger in one JVM (reference §1.12, §2.11 X5). */
class MpLoggerTest {
    private final MpLogger log = Multiprocessing.getLogger();

    @AfterEach
    void reset() {
        for (LogHandler h : log.getHandlers()) {
            log.removeHandler(h);
        }
        log.setLevel(LogLevel.NOTSET);
    }

    @Test
    void startsLikeCpythonsLogger() {
        assertEquals("multiprocessing", log.getName());
        assertEquals(LogLevel.NOTSET, log.getLevel());
        assertFalse(log.isPropagate());
        assertEquals(List.of(), log.getHandlers());
        assertSame(log, MpLogger.get());
    }

    @Test
    void logToStderrPrintsLevelAndProcessNameAndAddsItsHandlerOnce() {
        Multiprocessing.logToStderr(LogLevel.DEBUG);
        Multiprocessing.logToStderr(LogLevel.DEBUG);
        assertEquals(1, log.getHandlers().stream().filter(h -> h instanceof StderrHandler).count());
        assertEquals(LogLevel.DEBUG, log.getLevel());
        List<String> lines;
        try (StdCapture err = StdCapture.err()) {
            log.info("process shutting down");
            log.debug("running all \"atexit\" finalizers with priority >= %d", 0);
            log.subDebug("below DEBUG: dropped");
            lines = err.lines();
        }
        assertEquals(List.of("[INFO/MainProcess] process shutting down",
                "[DEBUG/MainProcess] running all \"atexit\" finalizers with priority >= 0"), lines);
    }

    @Test
    void logToStderrWithoutLevelKeepsTheLevel() {
        log.setLevel(LogLevel.INFO);
        Multiprocessing.logToStderr();
        assertEquals(LogLevel.INFO, log.getLevel());
    }

    @Test
    void notsetFiltersAsWarningAndNothingIsHandledWithoutAHandler() {
        assertFalse(log.isEnabledFor(LogLevel.CRITICAL), "no handler: nothing is enabled");
        List<LogRecord> got = new ArrayList<>();
        log.addHandler(got::add);
        assertFalse(log.isEnabledFor(LogLevel.INFO));
        assertTrue(log.isEnabledFor(LogLevel.WARNING));
        log.info("dropped");
        log.subWarning("dropped too");
        log.warning("kept %s", "this");
        assertEquals(1, got.size());
        assertEquals(LogLevel.WARNING, got.get(0).level());
        assertEquals("kept this", got.get(0).message());
        assertEquals("MainProcess", got.get(0).processName());
    }

    @Test
    void levelsHaveCpythonsNumbers() {
        assertEquals(5, LogLevel.SUBDEBUG.value());
        assertEquals(10, LogLevel.DEBUG.value());
        assertEquals(25, LogLevel.SUBWARNING.value());
        assertEquals(LogLevel.ERROR, LogLevel.of(40));
    }
}
