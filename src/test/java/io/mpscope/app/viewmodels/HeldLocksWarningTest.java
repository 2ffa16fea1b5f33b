package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.ActionTarget;
import io.mpscope.app.services.HeldLock;
import io.mpscope.app.services.ProcessAction;
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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Terminate and kill name the locks the process holds in their confirmation; other actions do not ask. */
class HeldLocksWarningTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final FakeControl control = new FakeControl();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final ControlViewModel vm = new ControlViewModel(control, dialogs, Runnable::run, s -> { }, s -> { },
            new LogViewModel(100, 1), 1);
    private final SessionsViewModel sessions = new SessionsViewModel();
    private final List<List<ActionTarget>> asked = new ArrayList<>();
    private List<HeldLock> answer = List.of();

    private static ProcessSnapshot running(int slot, long pid, String name) {
        return new ProcessSnapshot(slot, pid, name, "", slot == 0 ? -1 : 0, false, slot == 0, ProcessStatus.RUNNING,
                OptionalInt.empty(), true, false, T0, Optional.of(T0), Optional.of(T0), Optional.empty());
    }

    /** Session 100-1 with the printer (101, launched) and a foreign session 300-9 with its child 301. */
    private void tables() {
        sessions.apply(SystemSnapshot.of(List.of(
                new SessionSnapshot("100-1", 100, "demo.Office", T0, true,
                        List.of(running(0, 100, "MainProcess"), running(1, 101, "printer")), T0),
                new SessionSnapshot("300-9", 300, "demo.Other", T0, true,
                        List.of(running(0, 300, "MainProcess"), running(1, 301, "other-child")), T0)),
                T0, Duration.ofMillis(500), Duration.ZERO, "/x"));
        control.launchedPids.add(101L);
        vm.setHeldLocks(targets -> {
            asked.add(targets);
            return CompletableFuture.completedFuture(answer);
        });
    }

    private HeldLock printerLock(long pid, String name, String session, boolean launched, int waiting) {
        return new HeldLock(new ActionTarget(pid, name, session, launched), "Lock", "printer", 1, waiting, false);
    }

    @Test
    void terminatingALockHolderNamesTheLockAndItsWaitersThenProceedsIfConfirmed() {
        tables();
        vm.selectRow(sessions.session("100-1").process(1));
        answer = List.of(printerLock(101, "printer", "100-1", true, 3));
        dialogs.confirmAnswer = true;

        vm.terminate();

        assertEquals(List.of(101L), asked.get(0).stream().map(ActionTarget::pid).toList());
        FakeDialogs.Shown q = dialogs.of("confirm").get(0);
        assertEquals("Terminate printer (pid 101), which holds a lock?", q.title());
        assertTrue(q.message().startsWith("pid 101 holds Lock 'printer'; 3 processes wait on it."), q.message());
        assertTrue(q.message().contains("half-changed"), q.message());
        assertTrue(q.message().endsWith("[Terminate]"), q.message());
        assertEquals(1, control.acts.size(), "confirmed: sent");
        assertEquals(ProcessAction.TERMINATE, control.acts.get(0).action());
    }

    @Test
    void declinedMeansNothingIsSent() {
        tables();
        vm.selectRow(sessions.session("100-1").process(1));
        answer = List.of(printerLock(101, "printer", "100-1", true, 0),
                new HeldLock(new ActionTarget(101, "printer", "100-1", true), "Semaphore", "slots", 2, 1, false));
        dialogs.confirmAnswer = false;

        vm.kill();

        FakeDialogs.Shown q = dialogs.of("confirm").get(0);
        assertEquals("Kill printer (pid 101), which holds locks?", q.title());
        assertTrue(q.message().startsWith("pid 101 holds Lock 'printer'.\npid 101 holds 2 permits of Semaphore"
                + " 'slots'; 1 process waits on it."), q.message());
        assertTrue(control.acts.isEmpty());
        assertEquals("Cancelled: nothing was killed", vm.getMessage());
    }

    @Test
    void aForeignLockHolderIsAskedAboutOnceWithBothReasons() {
        tables();
        vm.selectRow(sessions.session("300-9").process(1));
        answer = List.of(printerLock(301, "other-child", "300-9", false, 1));
        dialogs.confirmAnswer = true;

        vm.terminate();

        assertEquals(1, dialogs.of("confirm").size(), "one question, not two");
        FakeDialogs.Shown q = dialogs.of("confirm").get(0);
        assertEquals("Terminate other-child (pid 301), which holds a lock?", q.title());
        assertTrue(q.message().contains("pid 301 holds Lock 'printer'; 1 process waits on it."), q.message());
        assertTrue(q.message().contains("mpscope did not launch this process"), q.message());
        assertEquals(List.of(301L), control.acts.get(0).targets().stream().map(ActionTarget::pid).toList());
    }

    @Test
    void freezeDoesNotLookAndNoLockMeansNoQuestion() {
        tables();
        vm.selectRow(sessions.session("100-1").process(1));
        answer = List.of(printerLock(101, "printer", "100-1", true, 3));

        vm.freeze();
        assertTrue(asked.isEmpty(), "a frozen process still holds its lock: nothing to warn about");
        assertTrue(dialogs.of("confirm").isEmpty());

        answer = List.of();
        vm.terminate();
        assertTrue(dialogs.of("confirm").isEmpty());
        assertEquals(2, control.acts.size());
    }

    @Test
    void aFailedLookUpDoesNotStopTheAction() {
        tables();
        vm.selectRow(sessions.session("100-1").process(1));
        vm.setHeldLocks(targets -> CompletableFuture.failedFuture(new IllegalStateException("unreadable")));

        vm.terminate();

        assertTrue(dialogs.of("confirm").isEmpty());
        assertEquals(1, control.acts.size());
        assertEquals("Sent SIGTERM to printer (pid 101)", vm.getMessage());
    }
}
