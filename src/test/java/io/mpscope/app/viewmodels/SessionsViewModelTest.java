package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Snapshots built by hand, diffed into the view model without a toolkit. */
class SessionsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration PERIOD = Duration.ofMillis(500);

    private final SessionsViewModel vm = new SessionsViewModel();

    // ---- builders ----

    private static ProcessSnapshot proc(int slot, long pid, String name, int parentSlot, ProcessStatus status) {
        return proc(slot, pid, name, parentSlot, status, OptionalInt.empty(), T0.plusSeconds(1));
    }

    private static ProcessSnapshot proc(int slot, long pid, String name, int parentSlot, ProcessStatus status,
                                        OptionalInt exitCode, Instant heartbeat) {
        boolean ended = status == ProcessStatus.EXITED;
        return new ProcessSnapshot(slot, pid, name, slot == 0 ? "" : Integer.toString(slot), parentSlot,
                false, parentSlot < 0, status, exitCode, !ended, false, T0, Optional.of(T0),
                Optional.ofNullable(heartbeat), ended ? Optional.of(T0.plusSeconds(5)) : Optional.empty());
    }

    private static SessionSnapshot session(long rootPid, String command, ProcessSnapshot... processes) {
        return new SessionSnapshot(rootPid + "-77", rootPid, command, T0, true, List.of(processes), T0);
    }

    private static SystemSnapshot at(Instant now, SessionSnapshot... sessions) {
        return SystemSnapshot.of(List.of(sessions), now, PERIOD, Duration.ofMillis(2), "/dev/shm/mpscope-test");
    }

    /** Main (slot 0), children 1 and 2, grandchild 3 under 1, a standby JVM in 4. */
    private static SessionSnapshot family(long rootPid) {
        return session(rootPid, "demo.Family",
                proc(0, rootPid, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(1, rootPid + 1, "Process-1", 0, ProcessStatus.RUNNING),
                proc(2, rootPid + 2, "Process-2", 0, ProcessStatus.RUNNING),
                proc(3, rootPid + 3, "Process-1:1", 1, ProcessStatus.RUNNING),
                proc(4, rootPid + 4, "(standby)", 0, ProcessStatus.STANDBY));
    }

    private static List<String> names(List<? extends Row> rows) {
        return rows.stream().map(Row::getName).collect(Collectors.toList());
    }

    // ---- tests ----

    @Test
    void shouldBuildSessionTreeFollowingParentSlots() {
        vm.apply(at(T0.plusSeconds(2), family(100)));

        assertEquals(1, vm.getSessions().size());
        SessionRow s = vm.getSessions().get(0);
        assertEquals("demo.Family", s.getName());
        assertEquals(100, s.getPid());
        assertEquals(5, s.getProcessCount());
        assertEquals(new RowStatus("5 processes", "session"), s.getStatus());
        assertEquals(Duration.ofSeconds(2), s.getUptime());

        assertEquals(List.of("MainProcess"), names(s.getChildren()));
        ProcessRow main = s.getChildren().get(0);
        assertEquals(List.of("Process-1", "Process-2", "(standby)"), names(main.getChildren()));
        assertEquals(List.of("Process-1:1"), names(main.getChildren().get(0).getChildren()));
        assertEquals(new RowStatus("standby", "standby"), main.getChildren().get(2).getStatus());
        assertEquals(Duration.ofSeconds(1), main.getHeartbeatAge());

        assertEquals(1, vm.getSessionCount());
        assertEquals(5, vm.getProcessCount());
        assertEquals("1 session \u00b7 5 processes", vm.getSummary());
        assertEquals("Sampling 2 Hz \u00b7 read 2.0 ms", vm.getSampling());
        assertTrue(vm.isAvailable());
    }

    @Test
    void shouldUpdateRowsInPlace() {
        vm.apply(at(T0.plusSeconds(2), family(100)));
        SessionRow s = vm.getSessions().get(0);
        ProcessRow main = s.getChildren().get(0);
        ProcessRow p1 = main.getChildren().get(0);
        ProcessRow p13 = p1.getChildren().get(0);
        List<ListChangeListener.Change<?>> changes = new ArrayList<>();
        vm.getSessions().addListener((ListChangeListener<Row>) changes::add);
        s.getChildren().addListener((ListChangeListener<Row>) changes::add);
        main.getChildren().addListener((ListChangeListener<Row>) changes::add);
        p1.getChildren().addListener((ListChangeListener<Row>) changes::add);

        // Process-1 is terminated; time moves on.
        SessionSnapshot next = session(100, "demo.Family",
                proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING, OptionalInt.empty(), T0.plusSeconds(6)),
                proc(1, 101, "Process-1", 0, ProcessStatus.EXITED, OptionalInt.of(-15), T0.plusSeconds(4)),
                proc(2, 102, "Process-2", 0, ProcessStatus.RUNNING),
                proc(3, 103, "Process-1:1", 1, ProcessStatus.RUNNING),
                proc(4, 104, "(standby)", 0, ProcessStatus.STANDBY));
        vm.apply(at(T0.plusSeconds(7), next));

        assertSame(s, vm.getSessions().get(0));
        assertSame(main, s.getChildren().get(0));
        assertSame(p1, main.getChildren().get(0));
        assertSame(p13, p1.getChildren().get(0));
        assertTrue(changes.isEmpty(), "no list changed: " + changes);

        assertEquals(new RowStatus("exited", "failed"), p1.getStatus());
        assertEquals("-SIGTERM", p1.getExitCode());
        assertEquals(Duration.ofSeconds(5), p1.getUptime(), "an ended process's uptime stops at its exit");
        assertNull(p1.getHeartbeatAge(), "an ended process has no heartbeat to watch");
        assertEquals(Duration.ofSeconds(7), main.getUptime());
        assertEquals(Duration.ofSeconds(1), main.getHeartbeatAge());
        assertEquals(Duration.ofSeconds(6), p13.getHeartbeatAge());
        assertTrue(p13.isStale(), "a running process silent for 6 s is stale");
        assertFalse(main.isStale());
    }

    @Test
    void shouldMoveAProcessWhoseParentChangedAndKeepTheTreeOtherwise() {
        vm.apply(at(T0.plusSeconds(2), family(100)));
        SessionRow s = vm.getSessions().get(0);
        ProcessRow main = s.getChildren().get(0);
        ProcessRow p2 = main.getChildren().get(1);
        vm.apply(at(T0.plusSeconds(3), family(100)));
        assertSame(p2, main.getChildren().get(1), "the same processes: the same tree");

        // the registry now names Process-1 as Process-2's parent (a re-read slot): the row moves, and stays itself
        SessionSnapshot moved = session(100, "demo.Family",
                proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(1, 101, "Process-1", 0, ProcessStatus.RUNNING),
                proc(2, 102, "Process-2", 1, ProcessStatus.RUNNING),
                proc(3, 103, "Process-1:1", 1, ProcessStatus.RUNNING),
                proc(4, 104, "(standby)", 0, ProcessStatus.STANDBY));
        vm.apply(at(T0.plusSeconds(4), moved));
        assertEquals(List.of("Process-1", "(standby)"), names(main.getChildren()));
        assertEquals(List.of("Process-2", "Process-1:1"), names(main.getChildren().get(0).getChildren()));
        assertSame(p2, main.getChildren().get(0).getChildren().get(0));
    }

    @Test
    void shouldShowTheSamplingTextOnceASecondInTheTickWhereTheSecondChanges() {
        Instant base = T0.plusMillis(300);
        vm.apply(SystemSnapshot.of(List.of(family(100)), base, Duration.ofMillis(100), Duration.ofMillis(2), "/x"));
        assertEquals("Sampling 10 Hz \u00b7 read 2.0 ms", vm.getSampling());
        for (int i = 1; i <= 6; i++) { // up to 0.9 s: the same second
            vm.apply(SystemSnapshot.of(List.of(family(100)), base.plusMillis(100L * i), Duration.ofMillis(100),
                    Duration.ofMillis(3), "/x"));
        }
        assertEquals("Sampling 10 Hz \u00b7 read 2.0 ms", vm.getSampling(), "held within the second");
        vm.apply(SystemSnapshot.of(List.of(family(100)), T0.plusSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(3), "/x"));
        assertEquals("Sampling 10 Hz \u00b7 read 3.0 ms", vm.getSampling(), "a new second: the newest read time");
    }

    @Test
    void shouldRemoveGoneProcessesAndSessions() {
        vm.apply(at(T0, family(100), family(200)));
        SessionRow kept = vm.session("200-77");
        ProcessRow main = kept.getChildren().get(0);
        ProcessRow p2 = main.getChildren().get(1);

        // Session 100 ended; in session 200, Process-1 (and with it its child) and the standby JVM are gone.
        vm.apply(at(T0.plusSeconds(1), session(200, "demo.Family",
                proc(0, 200, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(2, 202, "Process-2", 0, ProcessStatus.RUNNING))));

        assertEquals(List.of(kept), vm.getSessions());
        assertNull(vm.session("100-77"));
        assertSame(main, kept.getChildren().get(0));
        assertEquals(List.of(p2), main.getChildren());
        assertNull(kept.process(1));
        assertEquals(2, kept.getProcessCount());
        assertEquals(2, vm.getProcessCount());

        vm.apply(at(T0.plusSeconds(2)));
        assertTrue(vm.getSessions().isEmpty());
        assertEquals("0 sessions \u00b7 0 processes", vm.getSummary());
    }

    @Test
    void shouldKeepSnapshotOrderWhenRowsAppear() {
        SessionSnapshot a = session(100, "demo.A", proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(3, 103, "Process-3", 0, ProcessStatus.RUNNING));
        SessionSnapshot c = session(300, "demo.C", proc(0, 300, "MainProcess", -1, ProcessStatus.RUNNING));
        vm.apply(at(T0, a, c));
        SessionRow rowA = vm.getSessions().get(0);
        SessionRow rowC = vm.getSessions().get(1);
        ProcessRow p3 = rowA.process(3);

        SessionSnapshot a2 = session(100, "demo.A", proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(1, 101, "Process-1", 0, ProcessStatus.STARTING),
                proc(3, 103, "Process-3", 0, ProcessStatus.RUNNING));
        SessionSnapshot b = session(200, "demo.B", proc(0, 200, "MainProcess", -1, ProcessStatus.RUNNING));
        vm.apply(at(T0.plusSeconds(1), a2, b, c));

        assertEquals(List.of("demo.A", "demo.B", "demo.C"), names(vm.getSessions()));
        assertSame(rowA, vm.getSessions().get(0));
        assertSame(rowC, vm.getSessions().get(2));
        assertEquals(List.of("Process-1", "Process-3"), names(rowA.getChildren().get(0).getChildren()));
        assertSame(p3, rowA.getChildren().get(0).getChildren().get(1));
    }

    @Test
    void shouldGiveAReusedSlotANewRow() {
        vm.apply(at(T0, session(100, "demo.A", proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(1, 101, "Process-1", 0, ProcessStatus.RUNNING))));
        ProcessRow first = vm.session("100-77").process(1);

        vm.apply(at(T0.plusSeconds(1), session(100, "demo.A",
                proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(1, 555, "Process-2", 0, ProcessStatus.RUNNING))));

        ProcessRow second = vm.session("100-77").process(1);
        assertNotSame(first, second);
        assertEquals(555, second.getPid());
        assertEquals(List.of(second), vm.session("100-77").getChildren().get(0).getChildren());
    }

    @Test
    void shouldHangOrphansAndParentLoopsUnderTheSession() {
        vm.apply(at(T0, session(100, "demo.A",
                proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING),
                proc(2, 102, "Process-1:1", 7, ProcessStatus.RUNNING),   // parent slot 7 is not listed
                proc(4, 104, "torn-a", 5, ProcessStatus.RUNNING),        // 4 -> 5 -> 4: a torn read
                proc(5, 105, "torn-b", 4, ProcessStatus.RUNNING),
                proc(6, 106, "under-torn", 4, ProcessStatus.RUNNING))));

        SessionRow s = vm.getSessions().get(0);
        assertEquals(List.of("MainProcess", "Process-1:1", "torn-a", "torn-b"), names(s.getChildren()));
        assertEquals(List.of("under-torn"), names(s.process(4).getChildren()));
        assertTrue(s.process(5).getChildren().isEmpty());
    }

    @Test
    void shouldReportUnavailableObservation() {
        vm.apply(at(T0, family(100)));
        vm.apply(SystemSnapshot.failed("runtime folder unreadable: path=/x", T0.plusSeconds(1), PERIOD, "/x"));

        assertFalse(vm.isAvailable());
        assertEquals("Observation unavailable: runtime folder unreadable: path=/x", vm.getSummary());
        assertEquals("Sampling 2 Hz", vm.getSampling());
        assertTrue(vm.getSessions().isEmpty());

        vm.apply(at(T0.plusSeconds(2), family(100)));
        assertTrue(vm.isAvailable());
        assertEquals(1, vm.getSessions().size());
    }

    @Test
    void shouldDescribeSessionWhoseRootEnded() {
        SessionSnapshot s = new SessionSnapshot("100-77", 100, "demo.A", T0, false,
                List.of(proc(1, 101, "Process-1", 0, ProcessStatus.RUNNING)), T0);
        vm.apply(at(T0, s));

        SessionRow row = vm.getSessions().get(0);
        assertEquals(new RowStatus("1 process, root ended", "session"), row.getStatus());
        assertEquals(List.of("Process-1"), names(row.getChildren()), "the parent is gone: the child hangs under the session");
    }

    @Test
    void shouldShortenAJarPathCommandToItsFileName() {
        vm.apply(at(T0, session(100, "/home/ann/build/app-1.0.jar",
                proc(0, 100, "MainProcess", -1, ProcessStatus.RUNNING))));

        SessionRow row = vm.getSessions().get(0);
        assertEquals("app-1.0.jar", row.getName());
        assertEquals("/home/ann/build/app-1.0.jar", row.getCommand());
        assertEquals("demo.Main", SessionRow.shortCommand("demo.Main"));
    }
}
