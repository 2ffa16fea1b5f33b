package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.programs.LogToStderrProgram;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Fixtures;
import io.mpscope.multiprocessing.testsupport.Program;
import io.mpscope.multiprocessing.testsupport.StdCapture;
import io.mpscope.multiprocessing.util.LogHandler;
import io.mpscope.multiprocessing.util.LogLevel;
import io.mpscope.multiprocessing.util.MpLogger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multiprocessing logger's lifecycle lines, compared with CPython's recorded output of PyMOTW
 * multiprocessing_log_to_stderr and multiprocessing_get_logger (reference §1.12, §4 rows 10-11).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoggingIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    @AfterEach
    void resetLogger() {
        MpLogger log = Multiprocessing.getLogger();
        for (LogHandler h : log.getHandlers()) {
            log.removeHandler(h);
        }
        log.setLevel(LogLevel.NOTSET);
    }

    /** The child's work goes to stderr too, so the whole sequence is one stream and its order is exact. */
    static void workOnStderr() {
        System.err.println("Doing some work");
        System.err.flush();
    }

    /** The recorded lines of {@code scenario} that belong to Process-1, renamed to {@code name}. */
    static List<String> childLines(String scenario, String name) {
        return Fixtures.pymotw(scenario).stream()
                .filter(l -> !l.contains("/MainProcess]"))
                .map(l -> l.replace("/Process-1]", "/" + name + "]"))
                .toList();
    }

    @Test
    void logToStderrAtDebugPrintsCpythonsChildLinesInOrder() throws Exception {
        Multiprocessing.logToStderr(LogLevel.DEBUG);
        Process p = children.track(new Process(LoggingIT::workOnStderr));
        List<String> lines;
        try (StdCapture err = StdCapture.err()) {
            p.start();
            p.join();
            lines = err.lines();
        }
        assertEquals(OptionalInt.of(0), p.getExitCode());
        assertEquals(childLines("log_to_stderr", p.getName()), lines);
    }

    @Test
    void getLoggerSetLevelInfoPrintsOnlyTheInfoLines() throws Exception {
        Multiprocessing.logToStderr();
        Multiprocessing.getLogger().setLevel(LogLevel.INFO);
        Process p = children.track(new Process(LoggingIT::workOnStderr));
        List<String> lines;
        try (StdCapture err = StdCapture.err()) {
            p.start();
            p.join();
            lines = err.lines();
        }
        assertEquals(childLines("get_logger", p.getName()), lines);
    }

    @Test
    void anUncaughtExceptionIsLoggedAsExitcodeOne() throws Exception {
        Multiprocessing.logToStderr(LogLevel.INFO);
        Process p = children.track(new Process(() -> {
            throw new IllegalStateException("boom");
        }));
        String name = p.getName();
        List<String> lines;
        try (StdCapture err = StdCapture.err()) {
            p.start();
            p.join();
            lines = err.lines();
        }
        assertEquals(OptionalInt.of(1), p.getExitCode());
        assertEquals("[INFO/" + name + "] child process calling self.run()", lines.get(0));
        assertEquals("Process " + name + ":", lines.get(1));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(2));
        assertEquals(List.of("[INFO/" + name + "] process shutting down",
                "[INFO/" + name + "] process exiting with exitcode 1"), lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void withoutAHandlerNothingIsPrinted() throws Exception {
        Multiprocessing.getLogger().setLevel(LogLevel.DEBUG); // a level alone prints nothing (no handler)
        Process p = children.track(new Process(() -> { }));
        String text;
        try (StdCapture err = StdCapture.err()) {
            p.start();
            p.join();
            text = err.text();
        }
        assertEquals("", text);
    }

    /** The whole scenario as a root program: CPython's lines, including MainProcess's exit lines. */
    @Test
    void logToStderrScenarioAsARootProgram() throws Exception {
        assertRootProgramMatches("debug", "log_to_stderr");
    }

    @Test
    void getLoggerScenarioAsARootProgram() throws Exception {
        assertRootProgramMatches("info", "get_logger");
    }

    /**
     * The child's stdout and stderr reach the root through two pipes, so only the order within each stream is
     * defined: stderr must be exactly the recorded lines without the work line, stdout exactly the work line.
     */
    private void assertRootProgramMatches(String mode, String scenario) throws Exception {
        Path runtime = tmp.resolve("runtime");
        Program program = Program.start(children, tmp, runtime, LogToStderrProgram.class, mode);
        assertEquals(0, program.waitFor(Duration.ofSeconds(30)), program.err());
        assertEquals(List.of(), Program.sessionFiles(runtime), "a finished root left its session registry");
        List<String> recorded = Fixtures.pymotw(scenario);
        assertTrue(recorded.contains("Doing some work"));
        assertEquals(recorded.stream().filter(l -> !l.equals("Doing some work")).toList(), program.errLines());
        assertEquals(List.of("Doing some work"), program.outLines());
    }
}
