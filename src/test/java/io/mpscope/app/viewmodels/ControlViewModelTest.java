package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.ActionTarget;
import io.mpscope.app.services.CommandInfo;
import io.mpscope.app.services.ControlSnapshot;
import io.mpscope.app.services.DetailsSelection;
import io.mpscope.app.services.JoinResult;
import io.mpscope.app.services.LogEvent;
import io.mpscope.app.services.OsState;
import io.mpscope.app.services.ProcessAction;
import io.mpscope.app.services.ProcessExit;
import io.mpscope.app.services.SignalException;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Selection, action enablement, confirmation and error reporting, without a toolkit and without processes. */
class ControlViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final long APP = 100;
    private static final long FOREIGN_ROOT = 300;

    private final FakeControl control = new FakeControl();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<DetailsSelection> selections = new ArrayList<>();
    private final List<Long> acknowledged = new ArrayList<>();
    private final LogViewModel logs = new LogViewModel(100, APP);
    private final ControlViewModel vm = new ControlViewModel(control, dialogs, Runnable::run, selections::add,
            acknowledged::add, logs, APP);
    private final SessionsViewModel sessions = new SessionsViewModel();

    // ---- rows built from hand-made snapshots ----

    private static ProcessSnapshot proc(int slot, long pid, String name, int parentSlot, ProcessStatus status,
                                        OptionalInt code) {
        boolean ended = status == ProcessStatus.EXITED;
        return new ProcessSnapshot(slot, pid, name, slot == 0 ? "" : Integer.toString(slot), parentSlot, false,
                parentSlot < 0, status, code, !ended, false, T0, Optional.of(T0), Optional.of(T0),
                ended ? Optional.of(T0.plusSeconds(1)) : Optional.empty());
    }

    private static ProcessSnapshot running(int slot, long pid, String name, int parentSlot) {
        return proc(slot, pid, name, parentSlot, ProcessStatus.RUNNING, OptionalInt.empty());
    }

    /**
     * The app's session (root 100): worker 101 (launched), its child 102, ended 103 (-SIGTERM), and a foreign session
     * (root 300) with child 301 and grandchild 302.
     */
    private void tables() {
        SessionSnapshot app = new SessionSnapshot(APP + "-1", APP, "io.mpscope.app.Main", T0, true, List.of(
                running(0, APP, "MainProcess", -1),
                running(1, 101, "worker", 0),
                running(2, 102, "worker-child", 1),
                proc(3, 103, "done", 0, ProcessStatus.EXITED, OptionalInt.of(-15))), T0);
        SessionSnapshot foreign = new SessionSnapshot(FOREIGN_ROOT + "-9", FOREIGN_ROOT, "demo.Other", T0, true,
                List.of(running(0, FOREIGN_ROOT, "MainProcess", -1),
                        running(1, 301, "other-child", 0),
                        running(2, 302, "other-grandchild", 1)), T0);
        sessions.apply(SystemSnapshot.of(List.of(app, foreign), T0.plusSeconds(2), Duration.ofMillis(500),
                Duration.ZERO, "/x"));
        control.launchedPids.add(101L);
    }

    private ProcessRow row(String sessionId, int slot) {
        return sessions.session(sessionId).process(slot);
    }

    private void state(char letter) {
        DetailsSelection s = selections.get(selections.size() - 1);
        vm.apply(new ControlSnapshot(s, "out", "err", new OsState(letter), List.of(), List.of(), 0));
    }

    private List<Long> pids(List<ActionTarget> targets) {
        return targets.stream().map(ActionTarget::pid).collect(Collectors.toList());
    }

    // ---- enablement ----

    @Test
    void shouldDisableEveryActionWithoutASelection() {
        assertFalse(vm.canTerminate() || vm.canKill() || vm.canFreeze() || vm.canResume() || vm.canJoin());
        assertTrue(selections.isEmpty(), "the sampler reads nothing");
        assertEquals("No process selected", vm.titleProperty().get());
    }

    @Test
    void shouldEnableActionsForARunningProcessExceptResume() {
        tables();
        vm.selectRow(row("100-1", 1));

        assertTrue(vm.canTerminate() && vm.canKill() && vm.canFreeze() && vm.canJoin());
        assertFalse(vm.canResume(), "not stopped");
        assertEquals(DetailsSelection.process("100-1", 1, 101), selections.get(selections.size() - 1));
        assertEquals("pid 101 \u00b7 session 100-1 \u00b7 launched from mpscope", vm.getInfo());
    }

    @Test
    void shouldOfferResumeAndNotFreezeWhenTheOsSaysStopped() {
        tables();
        vm.selectRow(row("100-1", 1));
        state('T');

        assertTrue(vm.canResume());
        assertFalse(vm.canFreeze());
        assertTrue(vm.stoppedProperty().get());
        assertEquals("stopped (T)", vm.getStateText());

        state('S');
        assertTrue(vm.canFreeze());
        assertFalse(vm.canResume());
        assertEquals("sleeping (S)", vm.getStateText());
    }

    @Test
    void shouldDisableActionsForAnEndedProcess() {
        tables();
        vm.selectRow(row("100-1", 3));

        assertFalse(vm.canTerminate() || vm.canKill() || vm.canFreeze() || vm.canJoin());
        assertEquals("exited -SIGTERM", vm.getStateText());
    }

    @Test
    void shouldTreatAProcessTheOsNoLongerHasAsEnded() {
        tables();
        vm.selectRow(row("300-9", 1));
        assertTrue(vm.canTerminate());

        state('-'); // the registry still says running; the OS says gone

        assertFalse(vm.canTerminate());
    }

    @Test
    void shouldNeverActOnTheAppItself() {
        tables();
        vm.selectRow(row("100-1", 0));
        assertFalse(vm.canTerminate() || vm.canKill() || vm.canFreeze() || vm.canJoin());

        vm.subtreeProperty().set(true);
        assertFalse(vm.canTerminate(), "not even its subtree: select the processes to act on");
        assertTrue(vm.getInfo().contains("this is mpscope itself"));
    }

    @Test
    void shouldTakeASessionRowAsItsRootProcess() {
        tables();
        vm.selectRow(sessions.session("300-9"));

        assertTrue(vm.canTerminate());
        assertEquals(DetailsSelection.process("300-9", 0, FOREIGN_ROOT), selections.get(selections.size() - 1));
    }

    @Test
    void shouldDisableFreezeWhereTheOsCannot() {
        control.freezeSupported = false;
        tables();
        vm.selectRow(row("100-1", 1));

        assertTrue(vm.canTerminate());
        assertFalse(vm.canFreeze() || vm.canResume());
    }

    @Test
    void shouldAllowASubtreeActionWhenOnlyDescendantsStillRun() {
        SessionSnapshot s = new SessionSnapshot("400-1", 400, "demo.X", T0, true, List.of(
                running(0, 400, "MainProcess", -1),
                proc(1, 401, "ended-parent", 0, ProcessStatus.EXITED, OptionalInt.of(0)),
                running(2, 402, "live-child", 1)), T0);
        sessions.apply(SystemSnapshot.of(List.of(s), T0, Duration.ofMillis(500), Duration.ZERO, "/x"));
        vm.selectRow(row("400-1", 1));
        assertFalse(vm.canTerminate());

        vm.subtreeProperty().set(true);
        assertTrue(vm.canTerminate());
        assertFalse(vm.canJoin(), "join waits for the selected process itself");
    }

    // ---- confirmation and actions ----

    @Test
    void shouldActOnALaunchedProcessWithoutAsking() {
        tables();
        vm.selectRow(row("100-1", 1));

        vm.terminate();

        assertTrue(dialogs.of("confirm").isEmpty());
        assertEquals(1, control.acts.size());
        assertEquals(ProcessAction.TERMINATE, control.acts.get(0).action());
        assertEquals(List.of(101L), pids(control.acts.get(0).targets()));
        assertEquals("Sent SIGTERM to worker (pid 101)", vm.getMessage());
    }

    @Test
    void shouldAskBeforeTouchingAForeignProcessNamingItsPidAndSession() {
        tables();
        vm.selectRow(row("300-9", 1));
        dialogs.confirmAnswer = false;

        vm.kill();

        assertEquals(1, dialogs.of("confirm").size());
        FakeDialogs.Shown asked = dialogs.of("confirm").get(0);
        assertEquals("Kill a process mpscope did not launch?", asked.title());
        assertTrue(asked.message().contains("other-child (pid 301), session 300-9"), asked.message());
        assertTrue(asked.message().contains("SIGKILL"), asked.message());
        assertTrue(asked.message().endsWith("[Kill]"), asked.message());
        assertTrue(control.acts.isEmpty(), "declined: nothing sent");
        assertEquals("Cancelled: nothing was killed", vm.getMessage());

        dialogs.confirmAnswer = true;
        vm.kill();
        assertEquals(List.of(301L), pids(control.acts.get(0).targets()));
    }

    @Test
    void shouldSendASubtreeParentsFirstAndAskOnlyAboutTheForeignOnes() {
        tables();
        vm.selectRow(row("100-1", 1));
        vm.subtreeProperty().set(true);
        // the supervisor found an OS child of worker-child that nobody launched from here (say, a shell's job)
        control.resolved = List.of(new ActionTarget(101, "worker", "100-1", true),
                new ActionTarget(102, "worker-child", "100-1", true),
                new ActionTarget(777, "sleep", "", false));
        dialogs.confirmAnswer = true;

        vm.freeze();

        FakeDialogs.Shown asked = dialogs.of("confirm").get(0);
        assertEquals("Freeze a process mpscope did not launch?", asked.title());
        assertTrue(asked.message().contains("sleep (pid 777)"), asked.message());
        assertFalse(asked.message().contains("pid 101"), "launched processes are not asked about");
        assertTrue(asked.message().contains("Along with 2 processes launched from mpscope"), asked.message());
        assertEquals(List.of(101L, 102L, 777L), pids(control.acts.get(0).targets()));
        assertEquals("Sent SIGSTOP to 3 processes", vm.getMessage());
    }

    @Test
    void shouldPassTheSessionRowsBelowAsKnownDescendants() {
        tables();
        vm.selectRow(row("300-9", 1));
        vm.subtreeProperty().set(true);
        dialogs.confirmAnswer = true;

        vm.terminate();

        assertEquals(List.of(301L, 302L), pids(control.acts.get(0).targets()));
        FakeDialogs.Shown asked = dialogs.of("confirm").get(0);
        assertEquals("Terminate 2 processes mpscope did not launch?", asked.title());
        assertTrue(asked.message().contains("other-grandchild (pid 302), session 300-9"), asked.message());
    }

    @Test
    void shouldExplainAProcessThatVanishedOrWasRefused() {
        tables();
        vm.selectRow(row("100-1", 1));
        vm.subtreeProperty().set(true);
        control.launchedPids.add(102L); // the supervisor counts a launched process's children as launched
        control.failures.put(101L, SignalException.Reason.NO_SUCH_PROCESS);
        control.failures.put(102L, SignalException.Reason.NOT_PERMITTED);

        vm.terminate();

        FakeDialogs.Shown error = dialogs.of("error").get(0);
        assertEquals("Could not terminate 2 processes", error.title());
        assertTrue(error.message().contains("worker (pid 101): it is no longer running"), error.message());
        assertTrue(error.message().contains("worker-child (pid 102): the operating system refused (permission denied"),
                error.message());
        assertFalse(error.message().contains("Exception"), "words, not a stack trace");
        assertEquals("Could not terminate 2 processes", vm.getMessage());
    }

    @Test
    void shouldJoinInTheBackgroundAndReportTheExitCode() {
        tables();
        vm.selectRow(row("100-1", 1));

        vm.join();
        assertFalse(vm.canJoin(), "one join at a time");
        assertEquals("Joining worker (pid 101) in the background\u2026", vm.getMessage());

        control.joins.get(0).complete(new JoinResult(new ActionTarget(101, "worker", "", true), true,
                OptionalInt.of(-9)));
        assertEquals("worker (pid 101) ended with exit code -SIGKILL", vm.getMessage());
        assertEquals("worker (pid 101) ended with exit code -SIGKILL", dialogs.of("notify").get(0).message());
    }

    @Test
    void shouldSayAJoinedProcessHadAlreadyEnded() {
        tables();
        vm.selectRow(row("300-9", 1));
        vm.join();

        control.joins.get(0).completeExceptionally(new SignalException(SignalException.Reason.NO_SUCH_PROCESS,
                "no such process: pid=301"));

        assertEquals("other-child (pid 301) had already ended", vm.getMessage());
        assertTrue(dialogs.of("error").isEmpty());
    }

    // ---- details, commands, exits ----

    @Test
    void shouldShowOutputOnlyForTheSelectionItWasReadFor() {
        tables();
        vm.selectRow(row("100-1", 1));
        vm.apply(new ControlSnapshot(DetailsSelection.process("300-9", 1, 301), "other's", "", new OsState('S'),
                List.of(), List.of(), 0));
        assertEquals("", vm.stdoutProperty().get(), "a tick read for the previous selection is not shown");

        vm.apply(new ControlSnapshot(DetailsSelection.process("100-1", 1, 101), "tick 1\n", "warn\n",
                new OsState('S'), List.of(), List.of(), 0));
        assertEquals("tick 1\n", vm.stdoutProperty().get());
        assertEquals("warn\n", vm.stderrProperty().get());
    }

    @Test
    void shouldListLaunchedCommandsAndSelectOne() {
        CommandInfo sleep = new CommandInfo(1, "sleep", 555, false, "sleep 30", true, OptionalInt.empty(),
                new OsState('S'));
        CommandInfo quit = new CommandInfo(2, "sh", 556, true, "sh -c 'exit 3'", false, OptionalInt.of(3),
                OsState.GONE);
        vm.apply(new ControlSnapshot(DetailsSelection.NONE, "", "", OsState.GONE, List.of(sleep, quit), List.of(), 0));

        assertEquals(2, vm.getCommands().size());
        CommandRow first = vm.getCommands().get(0);
        assertEquals(new RowStatus("running", "running"), first.getStatus());
        assertEquals("3", vm.getCommands().get(1).getExitCode());

        vm.selectCommand(first);
        assertEquals(DetailsSelection.command(1, 555), selections.get(selections.size() - 1));
        assertTrue(vm.canTerminate());
        assertEquals("pid 555 \u00b7 OS command launched from mpscope", vm.getInfo());
        control.launchedPids.add(555L);
        vm.terminate();
        assertTrue(dialogs.of("confirm").isEmpty(), "a launched command needs no confirmation");
        assertEquals(List.of(555L), pids(control.acts.get(0).targets()));

        CommandInfo stopped = new CommandInfo(1, "sleep", 555, false, "sleep 30", true, OptionalInt.empty(),
                new OsState('T'));
        vm.apply(new ControlSnapshot(DetailsSelection.NONE, "", "", OsState.GONE, List.of(stopped, quit), List.of(),
                0));
        assertEquals(new RowStatus("stopped", "stopped"), first.getStatus(), "updated in place");
    }

    @Test
    void shouldTellTheLogViewWhichProcessIsSelected() {
        tables();
        vm.apply(new ControlSnapshot(DetailsSelection.NONE, "", "", OsState.GONE, List.of(), List.of(
                new LogEvent(1, 0, LogEvent.Level.INFO, 101, "worker", "main", "x", "mine", ""),
                new LogEvent(2, 0, LogEvent.Level.INFO, 301, "other-child", "main", "x", "theirs", "")), 0));
        logs.followSelectionProperty().set(true);

        vm.selectRow(row("300-9", 1));

        assertEquals(List.of("theirs"), logs.getFiltered().stream().map(LogEvent::message).collect(Collectors.toList()));
    }

    @Test
    void shouldFeedTheLogViewAndAcknowledge() {
        LogEvent e = new LogEvent(5, 0, LogEvent.Level.INFO, 101, "worker", "main", "x", "hello", "");
        vm.apply(new ControlSnapshot(DetailsSelection.NONE, "", "", OsState.GONE, List.of(), List.of(e), 0));

        assertEquals(1, logs.getRecords().size());
        assertEquals(List.of(5L), acknowledged);
    }

    @Test
    void shouldNotifyAnUnexpectedFailureButNotAnAskedForEnd() {
        vm.onProcessExit(new ProcessExit(new ActionTarget(101, "worker", "", true), false, -15, true));
        assertEquals("worker (pid 101) exited with -SIGTERM", vm.getMessage());
        assertTrue(dialogs.of("notify").isEmpty(), "the user terminated it: no need to tell");

        vm.onProcessExit(new ProcessExit(new ActionTarget(102, "flaky", "", true), false, 1, false));
        assertEquals("flaky exited with 1", dialogs.of("notify").get(0).title());
    }

    @Test
    void shouldReportALaunch() {
        vm.launch(new io.mpscope.app.services.LaunchRequest(io.mpscope.app.services.LaunchRequest.Kind.JAVA,
                "com.acme.Main", List.of(), List.of(), "", List.of("a-1", "a-2"), false));
        assertEquals("Launched 2 processes (pids 9000, 9001)", vm.getMessage());
    }
}
