package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Fixtures;
import io.mpscope.multiprocessing.testsupport.Results;
import io.mpscope.multiprocessing.testsupport.StdCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CPython's exit codes from real child JVMs (PyMOTW multiprocessing_exitcode and reference §2.1 P12-P17). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExitCodesIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    /** All children run at once: one round of JVM start-ups for the whole table. */
    @Test
    void exitCodesFollowCpython() throws Exception {
        String dir = tmp.toString();
        Map<String, ProcessTarget> targets = new LinkedHashMap<>();
        targets.put("exit_error", () -> System.exit(1));
        targets.put("exit_ok", () -> { });
        targets.put("raises", () -> {
            throw new RuntimeException("There was an error!");
        });
        targets.put("terminated", () -> {
            Results.put(dir, "terminated-started", "yes");
            Thread.sleep(30_000);
        });
        targets.put("exit_3", () -> System.exit(3));
        targets.put("exit_0", () -> System.exit(0));
        targets.put("exit_143", () -> System.exit(143));   // looks like 128+SIGTERM, must stay 143
        targets.put("exit_137", () -> System.exit(137));   // looks like 128+SIGKILL, must stay 137
        targets.put("halt_7", () -> Runtime.getRuntime().halt(7)); // os._exit(7): no hooks
        targets.put("checked", () -> {
            throw new Exception("checked");
        });
        targets.put("error", () -> {
            throw new AssertionError("an Error, not an Exception");
        });
        Map<String, Integer> expected = Map.ofEntries(Map.entry("exit_error", 1), Map.entry("exit_ok", 0),
                Map.entry("raises", 1), Map.entry("terminated", -15), Map.entry("exit_3", 3),
                Map.entry("exit_0", 0), Map.entry("exit_143", 143), Map.entry("exit_137", 137),
                Map.entry("halt_7", 7), Map.entry("checked", 1), Map.entry("error", 1));

        Map<String, Process> procs = new LinkedHashMap<>();
        String stderr;
        try (StdCapture err = StdCapture.err()) {
            targets.forEach((name, target) -> procs.put(name, children.track(new Process(name, target))));
            procs.values().forEach(Process::start);
            Results.await(tmp, "terminated-started", Duration.ofSeconds(20));
            procs.get("terminated").terminate();
            for (Process p : procs.values()) {
                p.join();
            }
            stderr = err.text();
        }

        Map<String, Integer> actual = new LinkedHashMap<>();
        procs.forEach((name, p) -> actual.put(name, p.getExitCode().orElse(Integer.MIN_VALUE)));
        assertEquals(new LinkedHashMap<>(expected).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList(),
                actual.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList());

        // PyMOTW prints '{:>15}.exitcode = {}' for each process: the same lines as CPython's recorded run.
        List<String> recorded = Fixtures.pymotw("exitcode");
        for (String name : List.of("exit_error", "exit_ok", "raises", "terminated")) {
            String line = String.format("%15s.exitcode = %d", name, procs.get(name).getExitCode().getAsInt());
            assertTrue(recorded.contains(line), "not as CPython: '" + line + "'");
        }

        // The uncaught exception: "Process raises:" and then the stack trace, on the child's stderr.
        List<String> lines = stderr.lines().toList();
        int header = lines.indexOf("Process raises:");
        assertTrue(header >= 0, "no 'Process raises:' line in stderr:\n" + stderr);
        assertEquals("java.lang.RuntimeException: There was an error!", lines.get(header + 1), stderr);
        assertTrue(lines.get(header + 2).startsWith("\tat "), stderr);
        assertTrue(lines.contains("Process checked:"), stderr);
        assertTrue(lines.contains("java.lang.Exception: checked"), stderr);
        assertTrue(lines.contains("Process error:"), stderr);
        assertTrue(lines.contains("java.lang.AssertionError: an Error, not an Exception"), stderr);
        assertEquals(-1, lines.indexOf("Process exit_error:"), "System.exit is not an error:\n" + stderr);
    }

    /** Child side: a shutdown hook that reports and then blocks, so the test can signal a child that is exiting. */
    static void blockInShutdownHook(String dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Results.put(dir, "in-hook", "yes");
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /**
     * terminate() while the child is already exiting (its shutdown hooks run): it dies by SIGTERM, so the exit code
     * is -15, not the 143 of a normal exit and not the code it was exiting with.
     */
    @Test
    void aSigtermWhileTheChildIsExitingIsReportedAsSigterm() throws Exception {
        Path returned = java.nio.file.Files.createDirectory(tmp.resolve("returned"));
        Path exited = java.nio.file.Files.createDirectory(tmp.resolve("exited"));
        String returnedDir = returned.toString();
        String exitedDir = exited.toString();
        Process afterReturn = children.track(new Process("after-return", () -> blockInShutdownHook(returnedDir)));
        Process afterExit = children.track(new Process("after-exit", () -> {
            blockInShutdownHook(exitedDir);
            System.exit(3);
        }));
        afterReturn.start();
        afterExit.start();
        Results.await(returned, "in-hook", Duration.ofSeconds(20));
        Results.await(exited, "in-hook", Duration.ofSeconds(20));

        afterReturn.terminate();
        afterExit.terminate();
        afterReturn.join();
        afterExit.join();

        assertEquals(OptionalInt.of(-15), afterReturn.getExitCode(), "SIGTERM after run() returned");
        assertEquals(OptionalInt.of(-15), afterExit.getExitCode(), "SIGTERM during System.exit(3)");
    }

    @Test
    void aSubclassWhoseRunThrowsExitsWithOneAndPrintsItsName() throws Exception {
        Failing p = children.track(new Failing());
        List<String> lines;
        try (StdCapture err = StdCapture.err()) {
            p.start();
            p.join();
            lines = err.lines();
        }
        assertEquals(OptionalInt.of(1), p.getExitCode());
        int header = lines.indexOf("Process " + p.getName() + ":");
        assertTrue(header >= 0, String.join("\n", lines));
        assertEquals("java.lang.IllegalStateException: failing on purpose", lines.get(header + 1));
    }

    static final class Failing extends Process {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            throw new IllegalStateException("failing on purpose");
        }
    }
}
