package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.ActionTarget;
import io.mpscope.app.services.DialogService.ExitChoice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choices when the window closes with children running, without a toolkit. */
class ExitViewModelTest {
    private final FakeControl control = new FakeControl();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<Boolean> exits = new ArrayList<>();
    private final ExitViewModel vm = new ExitViewModel(control, dialogs, exits::add, Runnable::run);

    private void running(String... names) {
        List<ActionTarget> list = new ArrayList<>();
        long pid = 500;
        for (String n : names) {
            list.add(new ActionTarget(pid++, n, "", true));
        }
        control.running = list;
    }

    @Test
    void shouldExitAtOnceWhenNoNonDaemonChildRuns() {
        vm.requestExit();

        assertEquals(List.of(false), exits, "a normal exit (daemon children are terminated on the way)");
        assertNull(dialogs.exitAsked, "nothing to ask");
    }

    @Test
    void shouldWaitWithTheWindowOpenUntilTheyHaveEnded() {
        running("worker-1", "worker-2");
        dialogs.exitChoice = ExitChoice.WAIT;

        vm.requestExit();

        assertEquals(List.of("worker-1 (pid 500)", "worker-2 (pid 501)"), dialogs.exitAsked);
        assertTrue(exits.isEmpty(), "still waiting");
        assertTrue(vm.isWaiting());
        assertEquals("Waiting for 2 processes to end before exiting\u2026", vm.messageProperty().get());

        control.nonDaemonEnded.complete(null);
        assertEquals(List.of(false), exits);
        assertFalse(vm.isWaiting());
    }

    @Test
    void shouldTerminateThemThenExit() {
        running("worker-1");
        dialogs.exitChoice = ExitChoice.TERMINATE;

        vm.requestExit();

        assertEquals(List.of(ExitViewModel.GRACE), control.stopAllCalls);
        assertTrue(exits.isEmpty(), "exits once they are stopped");
        control.stopAllDone.complete(null);
        assertEquals(List.of(false), exits);
    }

    @Test
    void shouldLeaveThemRunning() {
        running("worker-1");
        dialogs.exitChoice = ExitChoice.LEAVE_RUNNING;

        vm.requestExit();

        assertEquals(List.of(true), exits, "exit leaving children running");
        assertTrue(control.stopAllCalls.isEmpty());
    }

    @Test
    void shouldStayWhenCancelledAndStopWaitingWhenCancelledLater() {
        running("worker-1");
        dialogs.exitChoice = ExitChoice.CANCEL;
        vm.requestExit();
        assertTrue(exits.isEmpty());
        assertFalse(vm.isWaiting());

        dialogs.exitChoice = ExitChoice.WAIT;
        vm.requestExit();
        assertTrue(vm.isWaiting());
        dialogs.exitChoice = ExitChoice.CANCEL;
        vm.requestExit(); // closing again while waiting asks again; the user changes their mind
        assertFalse(vm.isWaiting());

        control.nonDaemonEnded.complete(null);
        assertTrue(exits.isEmpty(), "the cancelled wait does not exit when they end");
    }
}
