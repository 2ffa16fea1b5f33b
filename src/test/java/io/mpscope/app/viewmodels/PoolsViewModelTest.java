package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.PoolActions;
import io.mpscope.app.services.PoolsUpdate;
import io.mpscope.multiprocessing.observe.PoolSnapshot;
import io.mpscope.multiprocessing.observe.PoolSnapshot.Call;
import io.mpscope.multiprocessing.observe.PoolSnapshot.CallKind;
import io.mpscope.multiprocessing.observe.PoolSnapshot.CallState;
import io.mpscope.multiprocessing.observe.PoolSnapshot.Worker;
import io.mpscope.multiprocessing.observe.PoolSnapshot.WorkerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The Pools view model without a toolkit: pool snapshots (plain records) in, cards, tiles and calls out. */
class PoolsViewModelTest {
    static final String SESSION = "4711-99";
    static final Instant T0 = Instant.parse("2026-11-26T05:00:00Z");

    /** The window's own pools, by name; records what it was asked. */
    static final class Actions implements PoolActions {
        final List<String> owned = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        CompletableFuture<Void> answer = CompletableFuture.completedFuture(null);

        @Override
        public boolean owns(long ownerPid, String poolName) {
            return ownerPid == 4711 && owned.contains(poolName);
        }

        @Override
        public CompletableFuture<Void> resize(String poolName, int processes) {
            calls.add("resize " + poolName + " " + processes);
            return answer;
        }

        @Override
        public CompletableFuture<Void> restartWorkers(String poolName) {
            calls.add("restart " + poolName);
            return answer;
        }

        @Override
        public CompletableFuture<Void> terminate(String poolName) {
            calls.add("terminate " + poolName);
            return answer;
        }
    }

    final Actions actions = new Actions();
    final FakeDialogs dialogs = new FakeDialogs();
    final PoolsViewModel vm = new PoolsViewModel(actions, dialogs, Runnable::run);
    final SimpleStringProperty session = new SimpleStringProperty(SESSION);
    final SimpleStringProperty sessionName = new SimpleStringProperty("Crunch · 4711");
    final SimpleBooleanProperty frozen = new SimpleBooleanProperty();

    PoolsViewModelTest() {
        vm.follow(session, sessionName, frozen);
    }

    static Worker busy(int row, long pid, long call, long task, int outstanding) {
        return new Worker(row, "ForkPoolWorker-" + (row + 1), pid, WorkerState.BUSY, 10 + row, Optional.of(call),
                task, outstanding, OptionalInt.empty(), T0.minusSeconds(30), Optional.of(T0.minusMillis(1500)));
    }

    static Worker idle(int row, long pid) {
        return new Worker(row, "ForkPoolWorker-" + (row + 1), pid, WorkerState.IDLE, 1, Optional.empty(), 0, 0,
                OptionalInt.empty(), T0.minusSeconds(5), Optional.empty());
    }

    static Worker lost(int row, long pid, int exit) {
        return new Worker(row, "ForkPoolWorker-" + (row + 1), pid, WorkerState.LOST, 3, Optional.of(2L), 7, 1,
                OptionalInt.of(exit), T0.minusSeconds(20), Optional.empty());
    }

    static PoolSnapshot pool(String name, int processes, List<Worker> workers, List<Call> calls, long failed,
                             int lost, Instant taken) {
        return new PoolSnapshot(1, name, 4711, PoolSnapshot.State.RUNNING, processes, 0, 80, 10, 4, 30 + failed,
                failed, workers.size(), lost, T0.minusSeconds(60), workers, calls, true, taken);
    }

    static Call map(long id, long done, long total) {
        return new Call(id, CallKind.MAP, done == total ? CallState.DONE : CallState.RUNNING, total, done, 0, 2,
                T0.minusSeconds(2), done == total ? Optional.of(T0) : Optional.empty());
    }

    static Call failedImap() {
        return new Call(2, CallKind.IMAP, CallState.FAILED, 20, 20, 2, 1, T0.minusSeconds(8),
                Optional.of(T0.minusSeconds(4)));
    }

    PoolsUpdate update(List<PoolSnapshot> pools, Instant at) {
        return new PoolsUpdate(SESSION, Optional.of(pools), Optional.empty(), false, Optional.empty(), at);
    }

    @Test
    void showsWorkersCountsAndCallsOfAPool() {
        vm.apply(update(List.of(pool("crunchers", 3, List.of(busy(0, 101, 3, 8, 2), idle(1, 102), lost(2, 103, 13)),
                List.of(failedImap(), map(3, 23, 40)), 2, 1, T0)), T0));

        assertEquals(1, vm.getCards().size());
        PoolCard c = vm.getCards().get(0);
        assertEquals("crunchers", c.getName());
        assertEquals("Pools of Crunch \u00b7 4711", vm.titleProperty().get());
        assertEquals("Pools (1)", vm.tabTextProperty().get());
        assertEquals("1 pool, 2 workers, 1 lost", vm.statusProperty().get());
        assertEquals("queued 10 \u00b7 running 4 \u00b7 done 32 \u00b7 failed 2", c.getCounts());
        assertEquals("2 tasks failed \u00b7 1 worker lost", c.getFailures());
        assertTrue(c.detailProperty().get().startsWith("owner pid 4711 \u00b7 3 workers \u00b7 maxtasksperchild none"),
                c.detailProperty().get());

        List<WorkerTile> w = c.getWorkers();
        assertEquals(List.of("BUSY", "IDLE", "LOST"), w.stream().map(WorkerTile::getState).toList());
        assertEquals("pid 101", w.get(0).pidProperty().get());
        assertEquals(101, w.get(0).getPid());
        assertEquals("call 3, task 8 (+1 queued)", w.get(0).getTask());
        assertEquals("busy 1.5 s", w.get(0).getSince());
        assertEquals("10 tasks done", w.get(0).doneProperty().get());
        assertEquals("idle", w.get(1).getTask());
        assertFalse(w.get(1).lostProperty().get());
        assertTrue(w.get(2).lostProperty().get());
        assertEquals("died in call 2, task 7", w.get(2).getTask());
        assertEquals("exit code 13", w.get(2).getSince());

        List<CallRow> calls = c.getCalls();
        assertEquals(List.of(3L, 2L), calls.stream().map(CallRow::getId).toList(), "newest first");
        assertEquals("#3 map", calls.get(0).kindProperty().get());
        assertEquals(23 / 40.0, calls.get(0).getProgress(), 1e-9);
        assertEquals("23 / 40 \u00b7 chunks of 2", calls.get(0).getCount());
        assertEquals("running 2.0 s", calls.get(0).getState());
        assertFalse(calls.get(0).isFailed());
        assertTrue(calls.get(1).isFailed());
        assertEquals("20 / 20 \u00b7 2 failed", calls.get(1).getCount());
        assertEquals("FAILED after 4.0 s", calls.get(1).getState());
    }

    @Test
    void updatesTheSameCardsTilesAndRowsInPlace() {
        vm.apply(update(List.of(pool("crunchers", 2, List.of(busy(0, 101, 1, 0, 1), idle(1, 102)),
                List.of(map(1, 5, 40)), 0, 0, T0)), T0));
        PoolCard c = vm.getCards().get(0);
        WorkerTile first = c.getWorkers().get(0);
        CallRow row = c.getCalls().get(0);

        Instant t1 = T0.plusMillis(500);
        vm.apply(update(List.of(pool("crunchers", 2, List.of(idle(0, 101), busy(1, 102, 1, 38, 1)),
                List.of(map(1, 40, 40)), 0, 0, t1)), t1));

        assertSame(c, vm.getCards().get(0));
        assertSame(first, c.getWorkers().get(0));
        assertSame(row, c.getCalls().get(0));
        assertEquals("IDLE", first.getState());
        assertEquals(1.0, row.getProgress(), 0.0);
        assertTrue(row.finishedProperty().get());
        assertEquals("done in 2.0 s", row.getState());
    }

    @Test
    void aFailedCallStaysInSightWhileNewerCallsSucceed() {
        List<Call> calls = new ArrayList<>();
        calls.add(failedImap()); // id 2
        for (long id = 3; id <= 12; id++) {
            calls.add(map(id, 40, 40));
        }
        calls.add(map(13, 5, 40));
        vm.apply(update(List.of(pool("p", 1, List.of(idle(0, 101)), calls, 2, 0, T0)), T0));

        List<Long> shown = vm.getCards().get(0).getCalls().stream().map(CallRow::getId).toList();
        assertEquals(List.of(13L, 12L, 11L, 10L, 9L, 2L), shown, "the running, the failed, then the newest done");
    }

    @Test
    void aPoolOfAnotherProgramCannotBeResizedAndSaysWhy() {
        vm.apply(update(List.of(pool("theirs", 2, List.of(idle(0, 101), idle(1, 102)), List.of(), 0, 0, T0)), T0));
        PoolCard c = vm.getCards().get(0);

        assertFalse(c.isControllable());
        assertEquals(PoolCard.NOT_OURS, c.getControlNote());
        vm.grow(c);
        vm.restart(c);
        assertTrue(actions.calls.isEmpty(), "nothing was asked of the pools: " + actions.calls);
        assertEquals("Cannot grow theirs", dialogs.of("notify").get(0).title());
    }

    @Test
    void theWindowsOwnPoolGrowsShrinksAndRestarts() {
        actions.owned.add("mine");
        vm.apply(update(List.of(pool("mine", 2, List.of(idle(0, 101), idle(1, 102)), List.of(), 0, 0, T0)), T0));
        PoolCard c = vm.getCards().get(0);
        assertTrue(c.isControllable());
        assertEquals("", c.getControlNote());
        assertTrue(c.detailProperty().get().endsWith("launched from mpscope"), c.detailProperty().get());

        vm.grow(c);
        vm.shrink(c);
        vm.restart(c);
        vm.terminate(c);
        assertEquals(List.of("resize mine 3", "resize mine 1", "restart mine", "terminate mine"), actions.calls);
        assertFalse(c.busyProperty().get());

        actions.answer = CompletableFuture.failedFuture(new IllegalStateException("Pool not running: pool=mine"));
        vm.grow(c);
        assertEquals("Could not grow mine", dialogs.of("error").get(0).title());
        assertEquals("Pool not running: pool=mine", dialogs.of("error").get(0).message());

        vm.apply(update(List.of(pool("mine", 1, List.of(idle(0, 101)), List.of(), 0, 0, T0)), T0));
        vm.shrink(c);
        assertEquals("Cannot shrink mine", dialogs.of("notify").get(0).title(), "a pool keeps one worker");
    }

    @Test
    void anActionInProgressMarksTheCardBusy() {
        actions.owned.add("mine");
        actions.answer = new CompletableFuture<>();
        vm.apply(update(List.of(pool("mine", 2, List.of(idle(0, 101), idle(1, 102)), List.of(), 0, 0, T0)), T0));
        PoolCard c = vm.getCards().get(0);
        vm.restart(c);
        assertTrue(c.busyProperty().get());
        actions.answer.complete(null);
        assertFalse(c.busyProperty().get());
    }

    @Test
    void readsOfAnotherSessionAreDroppedAndFrozenCardsHoldStill() {
        vm.apply(new PoolsUpdate("other", Optional.of(List.of(pool("x", 1, List.of(), List.of(), 0, 0, T0))),
                Optional.empty(), false, Optional.empty(), T0));
        assertTrue(vm.getCards().isEmpty());

        vm.apply(update(List.of(pool("p", 1, List.of(idle(0, 101)), List.of(), 0, 0, T0)), T0));
        PoolCard c = vm.getCards().get(0);
        frozen.set(true);
        vm.apply(update(List.of(pool("p", 1, List.of(busy(0, 101, 1, 0, 1)), List.of(), 0, 0, T0)), T0));
        assertEquals("IDLE", c.getWorkers().get(0).getState(), "frozen");
        frozen.set(false);
        assertEquals("BUSY", c.getWorkers().get(0).getState(), "the latest read, once live again");

        // a tick that read only the managers leaves the pools as they are
        vm.apply(new PoolsUpdate(SESSION, Optional.empty(), Optional.of(List.of()), false, Optional.empty(), T0));
        assertSame(c, vm.getCards().get(0));

        session.set("another-1");
        assertTrue(vm.getCards().isEmpty());
        assertEquals("Reading\u2026", vm.statusProperty().get());
    }

    @Test
    void anEndedSessionOrAFailedReadSaysSo() {
        vm.apply(update(List.of(pool("p", 1, List.of(idle(0, 101)), List.of(), 0, 0, T0)), T0));
        vm.apply(PoolsUpdate.failed(SESSION, "cannot map block", T0));
        assertEquals("Pools unavailable: cannot map block", vm.statusProperty().get());
        assertEquals(1, vm.getCards().size(), "the last cards stay");

        vm.apply(new PoolsUpdate(SESSION, Optional.empty(), Optional.empty(), true, Optional.empty(), T0));
        assertTrue(vm.getCards().isEmpty());
        assertEquals("The session has ended", vm.statusProperty().get());
        assertEquals("Pools", vm.tabTextProperty().get());
    }
}
