package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.services.HostMetrics;
import io.mpscope.app.services.Metrics;
import io.mpscope.app.services.OsProcess;
import io.mpscope.app.services.ProcessMetrics;
import io.mpscope.app.services.SystemProcesses;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The monitoring side of the view model without a toolkit: snapshots with OS metrics, sparkline histories, core
 * strips, freeze-frame, focus on a subtree, the System filter and saving.
 */
class MonitorViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration PERIOD = Duration.ofMillis(500);

    private final SessionsViewModel vm = new SessionsViewModel();

    // ---- builders ----

    private static ProcessSnapshot proc(int slot, long pid, String name, int parentSlot) {
        return new ProcessSnapshot(slot, pid, name, slot == 0 ? "" : Integer.toString(slot), parentSlot, false,
                parentSlot < 0, ProcessStatus.RUNNING, OptionalInt.empty(), true, false, T0, Optional.of(T0),
                Optional.of(T0), Optional.empty());
    }

    private static ProcessSnapshot exited(int slot, long pid, String name, int parentSlot) {
        return new ProcessSnapshot(slot, pid, name, Integer.toString(slot), parentSlot, false, false,
                ProcessStatus.EXITED, OptionalInt.of(0), false, false, T0, Optional.of(T0), Optional.empty(),
                Optional.of(T0));
    }

    /** Main 100 (slot 0) with children 101 and 102, and 103 under 101. */
    private static SessionSnapshot family(ProcessSnapshot... extra) {
        List<ProcessSnapshot> ps = new ArrayList<>(List.of(proc(0, 100, "MainProcess", -1),
                proc(1, 101, "Process-1", 0), proc(2, 102, "Process-2", 0), proc(3, 103, "Process-1:1", 1)));
        ps.addAll(List.of(extra));
        return new SessionSnapshot("100-77", 100, "demo.Family", T0, true, ps, T0);
    }

    private static ProcessMetrics pm(long pid, double cpu, Integer... cores) {
        return new ProcessMetrics(pid, OptionalDouble.of(cpu), pid * 1_000_000, (int) (pid % 10) + 10,
                List.of(cores));
    }

    private static Metrics metrics(List<Double> loads, ProcessMetrics... ps) {
        Map<Long, ProcessMetrics> byPid = new HashMap<>();
        for (ProcessMetrics p : ps) {
            byPid.put(p.pid(), p);
        }
        return new Metrics(new HostMetrics(loads, 8L << 30, 6L << 30, Optional.empty()), byPid,
                SystemProcesses.NONE);
    }

    private static SystemSnapshot tick(int n, Metrics m, SessionSnapshot... sessions) {
        return SystemSnapshot.of(List.of(sessions), T0.plusMillis(500L * n), PERIOD, Duration.ofMillis(1), "/x")
                .withMetrics(m);
    }

    /** A tick where every process of {@link #family} uses {@code cpu} percent on core 1. */
    private static SystemSnapshot busy(int n, double cpu, SessionSnapshot s) {
        return tick(n, metrics(List.of(0.25, 0.75), pm(100, cpu, 1), pm(101, cpu, 1), pm(102, cpu, 1),
                pm(103, cpu, 1), pm(104, cpu, 1)), s);
    }

    private static List<String> names(List<? extends Row> rows) {
        return rows.stream().map(Row::getName).collect(Collectors.toList());
    }

    // ---- metrics on rows ----

    @Test
    void aProcessTheOsHasStoppedShowsAsStoppedUntilResumed() {
        ProcessMetrics frozen = new ProcessMetrics(101, OptionalDouble.of(0.0), 1, 1, List.of(), 'T');
        vm.apply(tick(1, metrics(List.of(0.1, 0.1), frozen), family()));
        ProcessRow p1 = vm.getSessions().get(0).process(1);
        assertEquals(new RowStatus("stopped", "stopped"), p1.getStatus());
        assertEquals(new RowStatus("running", "running"), vm.getSessions().get(0).process(2).getStatus());

        ProcessMetrics resumed = new ProcessMetrics(101, OptionalDouble.of(0.0), 1, 1, List.of(), 'S');
        vm.apply(tick(2, metrics(List.of(0.1, 0.1), resumed), family()));
        assertEquals(new RowStatus("running", "running"), p1.getStatus());
    }

    @Test
    void shouldShowCpuRssThreadsAndTheCoreStripOfEachProcess() {
        vm.apply(tick(1, metrics(List.of(0.1, 0.9, 0.5), pm(100, 12.5, 0, 2), pm(101, 99.0, 1), pm(102, 0.0),
                pm(103, 3.0, 2)), family()));

        SessionRow s = vm.getSessions().get(0);
        ProcessRow p1 = s.process(1);
        assertEquals(99.0, p1.getCpuPercent());
        assertEquals(101_000_000L, p1.getRssBytes());
        assertEquals(11, p1.getThreads());
        CoreStrip strip = p1.getCoreStrip();
        assertEquals(3, strip.size(), "one cell per logical core");
        assertFalse(strip.used(0));
        assertTrue(strip.used(1));
        assertFalse(strip.used(2));
        assertEquals(0.9, strip.load(1), 1e-12, "the cell is coloured by how busy its core is");
        assertEquals(0.1, strip.load(0), 1e-12);
        assertEquals(CoreStrip.of(List.of(1), List.of(0.1, 0.9, 0.5), 3),
                CoreStrip.of(List.of(1), List.of(0.11, 0.91, 0.49), 3), "loads are kept in 5 % steps");
        assertEquals("cpu0 10% \u00b7 cpu1 90% ran here \u00b7 cpu2 50%", strip.describe());

        assertEquals(List.of(true, false, true), usedCells(s.process(0).getCoreStrip()));
        assertEquals(0, s.process(2).getCoreStrip().usedCount(), "a process that did not run lately marks none");

        // the session row sums its processes and marks any core one of them used
        assertEquals(114.5, s.getCpuPercent(), 1e-9);
        assertEquals(406_000_000L, s.getRssBytes());
        assertEquals(10 + 11 + 12 + 13, s.getThreads());
        assertEquals(List.of(true, true, true), usedCells(s.getCoreStrip()));

        assertEquals("CPU 50%", vm.cpuTextProperty().get());
        assertEquals("Memory 2.0 of 8.0 GiB", vm.memoryTextProperty().get());
    }

    @Test
    void aCoreStripChangesWithTheNextLoadReadingNotInTheTicksBetween() {
        List<Double> reading = List.of(0.25, 0.75); // the sampler hands on the same reading between two
        Metrics m1 = new Metrics(new HostMetrics(reading, 8L << 30, 6L << 30, Optional.empty()),
                Map.of(101L, pm(101, 5, 0)), SystemProcesses.NONE);
        vm.apply(tick(1, m1, family()));
        ProcessRow p1 = vm.getSessions().get(0).process(1);
        assertEquals(List.of(true, false), usedCells(p1.getCoreStrip()));

        Metrics m2 = new Metrics(m1.host(), Map.of(101L, pm(101, 5, 1)), SystemProcesses.NONE);
        vm.apply(tick(2, m2, family()));
        assertEquals(List.of(true, false), usedCells(p1.getCoreStrip()), "the same reading: held");
        assertEquals(List.of(true, false), usedCells(vm.getSessions().get(0).getCoreStrip()));

        vm.apply(tick(3, metrics(List.of(0.25, 0.75), pm(101, 5, 1)), family()));
        assertEquals(List.of(false, true), usedCells(p1.getCoreStrip()), "a new reading: the cores now");
        assertEquals(List.of(false, true), usedCells(vm.getSessions().get(0).getCoreStrip()));
    }

    private static List<Boolean> usedCells(CoreStrip strip) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < strip.size(); i++) {
            out.add(strip.used(i));
        }
        return out;
    }

    @Test
    void shouldMarkALiveProcessWithoutReadingsUnavailableAndAnEndedOneBlank() {
        vm.apply(tick(1, metrics(List.of(0.5), pm(100, 1.0)), family(exited(4, 104, "done", 0))));

        SessionRow s = vm.getSessions().get(0);
        assertEquals("unavailable", s.process(1).getMetricsNote());
        assertNull(s.process(1).getCpuPercent());
        assertEquals("", s.process(4).getMetricsNote(), "an ended process has nothing to read");
        assertNull(s.process(4).getRssBytes());
        assertEquals("", s.process(0).getMetricsNote());

        vm.apply(tick(2, Metrics.NONE, family()));
        assertEquals("", s.process(1).getMetricsNote(), "no metrics collected at all: nothing is 'unavailable'");
    }

    @Test
    void shouldKeepTheLastThirtyCpuValuesAsTheSparkline() {
        for (int i = 1; i <= 40; i++) {
            vm.apply(busy(i, i, family()));
        }
        ProcessRow p2 = vm.getSessions().get(0).process(2);
        Series spark = p2.getCpuHistory();
        assertEquals(MetricHistory.LENGTH, spark.size());
        assertEquals(11.0, spark.get(0), "the oldest kept is the 11th of 40");
        assertEquals(40.0, spark.last());
        assertEquals(40.0, spark.max());
        assertEquals(4 * 40.0, vm.getSessions().get(0).getCpuHistory().last(), 1e-9, "a session's is the sum");
    }

    @Test
    void shouldTakeASparklinePointAtMostEveryHalfSecondAtFastSampling() {
        for (int i = 0; i < 12; i++) { // 10 Hz: ticks 100 ms apart, CPU 0, 1, 2, ... 11
            SystemSnapshot s = busy(0, i, family());
            vm.apply(SystemSnapshot.of(s.sessions(), T0.plusMillis(100L * i), Duration.ofMillis(100),
                    Duration.ofMillis(1), "/x").withMetrics(s.metrics()));
        }
        ProcessRow p2 = vm.getSessions().get(0).process(2);
        assertEquals(Series.of(0, 5, 10), p2.getCpuHistory(), "points at 0, 0.5 and 1.0 s");
        assertEquals(10.0, p2.getCpuPercent(), "the number is the line's newest point, not the newest tick");
    }

    @Test
    void shouldTakeSparklinePointsInTheTicksWhereTheClocksHalfSecondChangesWithTheUptime() {
        List<Instant> changedAt = new ArrayList<>();
        ProcessRow[] p2 = new ProcessRow[1];
        Instant[] at = new Instant[1];
        for (int i = 0; i < 14; i++) { // 10 Hz from 0.3 s on: ticks at 0.3, 0.4, ... 1.6 s, CPU = tick number
            at[0] = T0.plusMillis(300 + 100L * i);
            SystemSnapshot s = busy(0, i, family());
            vm.apply(SystemSnapshot.of(s.sessions(), at[0], Duration.ofMillis(100), Duration.ofMillis(1), "/x")
                    .withMetrics(s.metrics()));
            if (p2[0] == null) {
                p2[0] = vm.getSessions().get(0).process(2);
                p2[0].cpuHistoryProperty().addListener((o, a, b) -> changedAt.add(at[0]));
            }
        }
        assertEquals(Series.of(0, 2, 7, 12), p2[0].getCpuHistory(), "points at 0.3 (the first), 0.5, 1.0 and 1.5 s");
        assertEquals(List.of(T0.plusMillis(500), T0.plusMillis(1000), T0.plusMillis(1500)), changedAt);
        assertEquals(Duration.ofSeconds(1), p2[0].getUptime(), "the uptime turned to 1 s at 1.0 s too");
    }

    @Test
    void shouldStartAFreshSparklineForAReusedSlot() {
        vm.apply(busy(1, 50, family()));
        vm.apply(busy(2, 60, family()));
        SessionSnapshot reused = new SessionSnapshot("100-77", 100, "demo.Family", T0, true,
                List.of(proc(0, 100, "MainProcess", -1), proc(1, 555, "Process-9", 0)), T0);
        vm.apply(tick(3, metrics(List.of(0.5), pm(100, 1), pm(555, 7)), reused));
        assertEquals(Series.of(7), vm.getSessions().get(0).process(1).getCpuHistory());
        assertEquals(Series.of(50, 60, 1), vm.getSessions().get(0).process(0).getCpuHistory());
    }

    // ---- freeze ----

    @Test
    void freezeHoldsRowsStillWhileSnapshotsArriveAndUnfreezeShowsTheNewest() {
        vm.apply(busy(1, 10, family()));
        SessionRow s = vm.getSessions().get(0);
        ProcessRow main = s.process(0);
        List<ListChangeListener.Change<?>> changes = new ArrayList<>();
        main.getChildren().addListener((ListChangeListener<Row>) changes::add);
        List<Object> fired = new ArrayList<>();
        main.cpuPercentProperty().addListener((o, a, b) -> fired.add(b));
        main.coreStripProperty().addListener((o, a, b) -> fired.add(b));

        vm.setFrozen(true);
        assertTrue(vm.isFrozen());
        assertEquals("Frozen at " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault()).format(T0.plusMillis(500)), vm.frozenTextProperty().get());
        int meterRevision = vm.coreMeters().revisionProperty().get();
        // a new child appears and everything gets busier
        vm.apply(busy(2, 80, family(proc(4, 104, "Process-3", 0))));
        vm.apply(busy(3, 90, family(proc(4, 104, "Process-3", 0))));

        assertEquals(10.0, main.getCpuPercent(), "values hold");
        assertEquals(List.of("Process-1", "Process-2"), names(main.getChildren()), "no row appears");
        assertTrue(changes.isEmpty() && fired.isEmpty(), "nothing fired: " + changes + fired);
        assertEquals("1 session \u00b7 4 processes", vm.getSummary());
        assertEquals(meterRevision + 2, vm.coreMeters().revisionProperty().get(), "the meters stay live");
        assertEquals(T0.plusMillis(1500), vm.receivedProperty().get().takenAt());
        assertEquals(T0.plusMillis(500), vm.shownProperty().get().takenAt());

        vm.setFrozen(false);
        assertFalse(vm.isFrozen());
        assertEquals("", vm.frozenTextProperty().get());
        assertEquals(90.0, main.getCpuPercent());
        assertEquals(List.of("Process-1", "Process-2", "Process-3"), names(main.getChildren()));
        assertEquals(Series.of(10, 80, 90), main.getCpuHistory(), "the sparkline kept recording while frozen");
        assertEquals("1 session \u00b7 5 processes", vm.getSummary());
    }

    // ---- focus and scope ----

    @Test
    void focusShowsOnlyTheChosenSubtreeUntilCleared() {
        vm.apply(busy(1, 5, family()));
        SessionRow s = vm.getSessions().get(0);
        ProcessRow p1 = s.process(1);
        assertEquals(List.of(s), vm.getVisibleRoots());

        vm.focus(p1);
        assertEquals(List.of(p1), vm.getVisibleRoots());
        assertEquals(List.of("Process-1:1"), names(vm.getVisibleRoots().get(0).getChildren()));
        assertEquals("Showing only Process-1 (pid 101) and the processes under it", vm.focusTextProperty().get());

        vm.apply(busy(2, 6, family()));
        assertEquals(List.of(p1), vm.getVisibleRoots(), "focus survives ticks");

        vm.clearFocus();
        assertEquals(List.of(s), vm.getVisibleRoots());
        assertEquals("", vm.focusTextProperty().get());
    }

    @Test
    void focusIsLetGoWhenTheProcessIsNoLongerListed() {
        vm.apply(busy(1, 5, family()));
        vm.focus(vm.getSessions().get(0).process(3));

        SessionSnapshot without3 = new SessionSnapshot("100-77", 100, "demo.Family", T0, true,
                List.of(proc(0, 100, "MainProcess", -1), proc(1, 101, "Process-1", 0)), T0);
        vm.apply(busy(2, 5, without3));

        assertNull(vm.getFocused());
        assertEquals(List.of(vm.getSessions().get(0)), vm.getVisibleRoots());
        assertEquals("Process-1:1 (pid 103) is no longer listed: showing all processes", vm.getMessage());
    }

    @Test
    void scopeNarrowsTheTableToOneSession() {
        SessionSnapshot other = new SessionSnapshot("200-1", 200, "demo.Other", T0.plusSeconds(1), true,
                List.of(proc(0, 200, "MainProcess", -1)), T0);
        vm.apply(busy(1, 5, family()));
        vm.apply(tick(2, Metrics.NONE, family(), other));
        SessionRow second = vm.session("200-1");
        assertEquals(2, vm.getVisibleRoots().size());

        vm.setScope(second);
        assertEquals(List.of(second), vm.getVisibleRoots());
        vm.setScope(null);
        assertEquals(names(vm.getSessions()), names(vm.getVisibleRoots()));
    }

    // ---- System table ----

    @Test
    void systemFilterNarrowsByNameUserOrPid() {
        SystemProcesses list = new SystemProcesses(List.of(
                new OsProcess(1, 0, "systemd", "root", OptionalDouble.empty(), 10_000, 1),
                new OsProcess(4711, 1, "java", "ann", OptionalDouble.of(12.0), 300_000_000, 30),
                new OsProcess(4799, 1, "bash", "ann", OptionalDouble.of(0.0), 5_000_000, 1)),
                Optional.of(T0), Optional.empty());
        vm.system().showKernelThreadsProperty().set(true); // pid 1 is not a kernel thread; this test is about words
        List<Boolean> wanted = new ArrayList<>();
        vm.system().setWantedListener(wanted::add);
        vm.system().setShown(true);
        assertEquals(List.of(false, true), wanted, "the sampler is told when the list is wanted");
        vm.apply(tick(1, new Metrics(HostMetrics.NONE, Map.of(), list)));

        SystemProcessesViewModel sys = vm.system();
        assertEquals(3, sys.getFilteredRows().size());
        assertTrue(sys.getSummary().startsWith("3 processes \u00b7 read "), sys.getSummary());

        sys.filterProperty().set("ANN");
        assertEquals(List.of(4711L, 4799L), pids(sys));
        assertTrue(sys.getSummary().startsWith("2 of 3 processes"), sys.getSummary());
        sys.filterProperty().set("47");
        assertEquals(List.of(4711L, 4799L), pids(sys), "pids match from their start");
        sys.filterProperty().set("ann ja");
        assertEquals(List.of(4711L), pids(sys), "every word must match");
        sys.filterProperty().set("  ");
        assertEquals(3, sys.getFilteredRows().size());
        assertEquals(12.0, sys.getFilteredRows().get(1).getCpuPercent());
    }

    @Test
    void systemHidesKernelThreadsUnlessAsked() {
        SystemProcesses list = new SystemProcesses(List.of(
                new OsProcess(2, 0, "kthreadd", "root", OptionalDouble.empty(), 0, 1),
                new OsProcess(14, 2, "ksoftirqd/0", "root", OptionalDouble.empty(), 0, 1),
                new OsProcess(4711, 1, "java", "ann", OptionalDouble.of(12.0), 300_000_000, 30)),
                Optional.of(T0), Optional.empty());
        vm.apply(tick(1, new Metrics(HostMetrics.NONE, Map.of(), list)));
        SystemProcessesViewModel sys = vm.system();
        assertEquals(List.of(4711L), pids(sys));
        assertTrue(sys.getSummary().startsWith("1 of 3 processes"), sys.getSummary());
        sys.showKernelThreadsProperty().set(true);
        assertEquals(List.of(2L, 14L, 4711L), pids(sys));
        sys.filterProperty().set("soft");
        assertEquals(List.of(14L), pids(sys));
    }

    private static List<Long> pids(SystemProcessesViewModel sys) {
        return sys.getFilteredRows().stream().map(SystemProcessRow::getPid).collect(Collectors.toList());
    }

    // ---- core meters ----

    @Test
    void coreMetersKeepAMinuteOfHistoryAndSkipTheFirstReading() {
        vm.apply(tick(0, metrics(List.of()), family()));
        assertEquals(0, vm.coreMeters().getCoreCount(), "the first reading has no load");
        for (int i = 1; i <= 130; i++) {
            vm.apply(tick(i, metrics(List.of(i / 200.0, 0.5)), family()));
        }
        CoreMetersViewModel m = vm.coreMeters();
        assertEquals(2, m.getCoreCount());
        assertEquals(120, m.getCapacity(), "60 s at 2 Hz");
        Series core0 = m.history(0);
        assertEquals(120, core0.size());
        assertEquals(11 / 200.0, core0.get(0), 1e-12);
        assertEquals(130 / 200.0, m.load(0), 1e-12);
        assertEquals(0.5, m.history(1).last());
    }

    // ---- save ----

    @Test
    void saveWritesTheShownSnapshotWhichIsTheFrozenOne() {
        List<SystemSnapshot> written = new ArrayList<>();
        vm.setSnapshotWriter((s, file) -> {
            written.add(s);
            return CompletableFuture.completedFuture(file);
        }, Runnable::run);
        SystemSnapshot first = busy(1, 5, family());
        vm.apply(first);
        vm.setFrozen(true);
        vm.apply(busy(2, 50, family()));

        assertTrue(vm.saveSnapshot(Path.of("/tmp/snap.json")).join());
        assertEquals(List.of(first), written);
        assertTrue(vm.getMessage().startsWith("Saved snapshot of "), vm.getMessage());
        assertTrue(vm.getMessage().endsWith(" to /tmp/snap.json"), vm.getMessage());
    }

    @Test
    void saveReportsAFailure() {
        vm.setSnapshotWriter((s, file) -> CompletableFuture.failedFuture(
                new java.io.UncheckedIOException("cannot save snapshot: path=/ro/x.json reason=read-only",
                        new java.io.IOException("read-only"))), Runnable::run);
        vm.apply(busy(1, 5, family()));
        assertFalse(vm.saveSnapshot(Path.of("/ro/x.json")).join());
        assertEquals("Could not save snapshot: cannot save snapshot: path=/ro/x.json reason=read-only",
                vm.getMessage());
    }
}
