package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The supervisor with real OS commands (no child JVMs: those are covered by the UI tests): launching, output,
 * exit codes, signals, subtrees, and what happens to a process that is gone.
 */
@Timeout(30)
class ProcessSupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ProcessSupervisor supervisor = new ProcessSupervisor(new PosixSignals());
    private final BlockingQueue<ProcessExit> exits = new LinkedBlockingQueue<>();
    private final List<java.lang.Process> foreign = new ArrayList<>();

    ProcessSupervisorTest() {
        supervisor.addExitListener(exits::add);
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            assertTrue(supervisor.stopAllNow(Duration.ofSeconds(2)), "every launched command ended");
        } finally {
            supervisor.close();
            for (java.lang.Process p : foreign) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private ActionTarget launch(String name, boolean daemon, String... command) throws Exception {
        LaunchResult r = supervisor.launch(new LaunchRequest(LaunchRequest.Kind.COMMAND, "", List.of(),
                List.of(command), "", List.of(name), daemon)).get(10, TimeUnit.SECONDS);
        assertTrue(r.failure().isEmpty(), () -> "launched: " + r.failure());
        return r.started().get(0);
    }

    /** True once the shell has replaced itself with sleep (after setting its trap). */
    private static boolean execed(ActionTarget t) {
        return ProcessHandle.of(t.pid()).flatMap(h -> h.info().command()).map(c -> c.endsWith("/sleep")).orElse(false);
    }

    private Supervised supervised(ActionTarget t) {
        return supervisor.find(t.pid()).orElseThrow();
    }

    private ActionReport act(ProcessAction a, ActionTarget... targets) throws Exception {
        return supervisor.act(a, List.of(targets)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldRecordTheExitCodeAndOutputOfACommand() throws Exception {
        ActionTarget t = launch("quits", false, "sh", "-c", "echo out; echo err >&2; exit 3");

        ProcessExit e = exits.poll(10, TimeUnit.SECONDS);
        assertEquals(new ProcessExit(t, true, 3, false), e);
        long id = supervised(t).id();
        Poll.until(WAIT, () -> supervisor.commandOutput(id, 0).equals("out\n")
                && supervisor.commandOutput(id, 1).equals("err\n"), "output captured");
        CommandInfo info = supervisor.commands().get(0);
        assertFalse(info.alive());
        assertEquals(3, info.exitCode().getAsInt());
        assertEquals("sh -c 'echo out; echo err >&2; exit 3'", info.commandLine());
    }

    @Test
    void shouldTerminateACommandAndReportMinus15() throws Exception {
        ActionTarget t = launch("sleeper", false, "sleep", "30");
        assertTrue(supervisor.isLaunched(t.pid()));

        ActionReport r = act(ProcessAction.TERMINATE, t);

        assertTrue(r.failed().isEmpty(), () -> "sent: " + r);
        ProcessExit e = exits.poll(10, TimeUnit.SECONDS);
        assertEquals(-15, e.exitCode());
        assertTrue(e.byApp());
        assertFalse(supervisor.isLaunched(t.pid()), "an ended launch is not a live one");
    }

    @Test
    void shouldFreezeAndResumeACommand() throws Exception {
        ActionTarget t = launch("sleeper", false, "sleep", "30");

        act(ProcessAction.FREEZE, t);
        Poll.until(WAIT, () -> OsState.of(t.pid()).stopped(), () -> "stopped: state=" + OsState.of(t.pid()));
        assertEquals("stopped", supervisor.commands().get(0).state().word());

        act(ProcessAction.RESUME, t);
        Poll.until(WAIT, () -> !OsState.of(t.pid()).stopped(), () -> "running: state=" + OsState.of(t.pid()));
    }

    @Test
    void shouldTerminateAFrozenCommand() throws Exception {
        ActionTarget t = launch("sleeper", false, "sleep", "30");
        act(ProcessAction.FREEZE, t);
        Poll.until(WAIT, () -> OsState.of(t.pid()).stopped(), "stopped");

        act(ProcessAction.TERMINATE, t); // a stopped process keeps SIGTERM pending: it is continued to die

        assertEquals(-15, supervised(t).onExit().get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldKillWhatIgnoresSigtermWhenStoppingAll() throws Exception {
        // exec keeps the ignored SIGTERM: one process that only SIGKILL ends
        ActionTarget t = launch("stubborn", false, "sh", "-c", "trap '' TERM; exec sleep 30");
        Poll.until(WAIT, () -> execed(t), "the trap is set and sleep runs");

        assertTrue(supervisor.stopAllNow(Duration.ofMillis(300)));

        assertEquals(-9, supervised(t).exitCode().getAsInt());
    }

    @Test
    void shouldSayAProcessIsGone() throws Exception {
        ActionTarget t = launch("quick", false, "sh", "-c", "exit 0");
        supervised(t).onExit().get(10, TimeUnit.SECONDS);
        java.lang.Process done = new ProcessBuilder("true").start();
        done.waitFor(10, TimeUnit.SECONDS);
        ActionTarget vanished = new ActionTarget(done.pid(), "true", "", false);

        ActionReport r = act(ProcessAction.TERMINATE, t, vanished);

        assertEquals(List.of(SignalException.Reason.NO_SUCH_PROCESS, SignalException.Reason.NO_SUCH_PROCESS),
                r.outcomes().stream().map(ActionReport.Outcome::failure).collect(Collectors.toList()));
        assertEquals(SignalException.Reason.NO_SUCH_PROCESS,
                act(ProcessAction.FREEZE, vanished).outcomes().get(0).failure(), "kill(2) says ESRCH");
    }

    @Test
    void shouldReportAProgramThatCannotStart() throws Exception {
        LaunchResult r = supervisor.launch(new LaunchRequest(LaunchRequest.Kind.COMMAND, "", List.of(),
                List.of("/nonexistent/prog", "x"), "", List.of("a", "b"), false)).get(10, TimeUnit.SECONDS);

        assertEquals("Could not start \u201c/nonexistent/prog\u201d: No such file or directory", r.failure().orElseThrow());
        assertTrue(r.started().isEmpty());
    }

    @Test
    void shouldResolveASubtreeParentsFirstAndTellForeignProcesses() throws Exception {
        ActionTarget sh = launch("family", false, "sh", "-c", "sleep 30 & sleep 30 & wait");
        ProcessHandle h = ProcessHandle.of(sh.pid()).orElseThrow();
        Poll.until(WAIT, () -> h.children().count() == 2, "two children");
        java.lang.Process stranger = new ProcessBuilder("sleep", "30").start();
        foreign.add(stranger);

        List<ActionTarget> all = supervisor.resolve(sh, true, List.of()).get(10, TimeUnit.SECONDS);

        assertEquals(3, all.size(), all::toString);
        assertEquals(sh.pid(), all.get(0).pid(), "the parent first");
        assertEquals(List.of("sleep", "sleep"), List.of(all.get(1).name(), all.get(2).name()));
        assertTrue(all.stream().allMatch(ActionTarget::launched), "a launched command's children count as launched");

        ActionTarget s = new ActionTarget(stranger.pid(), "sleep", "", true);
        List<ActionTarget> alone = supervisor.resolve(s, false, List.of()).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(s.withLaunched(false)), alone, "not launched from here: needs confirmation");

        ActionReport r = act(ProcessAction.KILL, all.toArray(new ActionTarget[0]));
        assertTrue(r.failed().isEmpty(), r::toString);
        for (ActionTarget t : all) {
            Poll.until(WAIT, () -> ProcessHandle.of(t.pid()).map(p -> !p.isAlive()).orElse(true), "ended: " + t);
        }
    }

    @Test
    void shouldWaitOnlyForNonDaemonLaunches() throws Exception {
        ActionTarget worker = launch("worker", false, "sleep", "30");
        launch("helper", true, "sleep", "30");

        assertEquals(List.of("worker"), supervisor.running(false).stream().map(ActionTarget::name)
                .collect(Collectors.toList()));
        assertEquals(2, supervisor.running(true).size());
        var ended = supervisor.awaitNonDaemon();
        assertFalse(ended.isDone());

        act(ProcessAction.TERMINATE, worker);
        ended.get(10, TimeUnit.SECONDS);

        supervisor.terminateDaemons();
        Poll.until(WAIT, () -> supervisor.running(true).isEmpty(), "the daemon ended too");
    }

    @Test
    void shouldEndDaemonsOnCloseKillingOnesThatIgnoreSigterm() throws Exception {
        ActionTarget polite = launch("polite", true, "sleep", "30");
        ActionTarget stubborn = launch("stubborn", true, "sh", "-c", "trap '' TERM; exec sleep 30");
        ActionTarget worker = launch("worker", false, "sleep", "30");
        Poll.until(WAIT, () -> execed(stubborn), "the trap is set and sleep runs");

        supervisor.close();

        assertEquals(-15, supervised(polite).onExit().get(10, TimeUnit.SECONDS));
        assertEquals(-9, supervised(stubborn).onExit().get(10, TimeUnit.SECONDS), "killed after the grace period");
        assertTrue(supervised(worker).isAlive(), "a non-daemon child is left to the exit choice");
    }

    @Test
    void shouldShowOwnSignalDeathsAsNegative() {
        assertEquals(-15, LaunchedCommand.code(143, 15));
        assertEquals(143, LaunchedCommand.code(143, 0), "exit(143) by the program itself");
        assertEquals(3, LaunchedCommand.code(3, 15));
    }
}
