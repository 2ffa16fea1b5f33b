package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpscope.app.services.LogEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Filtering the log records by process, level and text, without a toolkit. */
class LogViewModelTest {
    private static final long APP = 100;
    private final LogViewModel vm = new LogViewModel(1000, APP);

    private static LogEvent event(long seq, LogEvent.Level level, long pid, String process, String message) {
        return new LogEvent(seq, 1_700_000_000_000L + seq, level, pid, process, "main", "multiprocessing", message, "");
    }

    private List<String> shown() {
        return vm.getFiltered().stream().map(LogEvent::message).collect(Collectors.toList());
    }

    private void sample() {
        vm.append(List.of(
                event(1, LogEvent.Level.INFO, APP, "mpscope", "launched: name=w1"),
                event(2, LogEvent.Level.INFO, 201, "w1", "child process calling self.run()"),
                event(3, LogEvent.Level.DEBUG, 201, "w1", "tick"),
                event(4, LogEvent.Level.WARN, 202, "w2", "about to fail"),
                event(5, LogEvent.Level.ERROR, 202, "w2", "failed"),
                event(6, LogEvent.Level.TRACE, APP, "mpscope", "sampled")), 0);
    }

    @Test
    void shouldShowEverythingByDefault() {
        sample();
        assertEquals(6, vm.getFiltered().size());
        assertEquals("6 records", vm.summaryProperty().get());
    }

    @Test
    void shouldFilterByProcess() {
        sample();
        List<String> labels = vm.getProcesses().stream().map(LogViewModel.ProcessOption::label)
                .collect(Collectors.toList());
        assertEquals(List.of("All processes", "mpscope (pid 100)", "w1 (pid 201)", "w2 (pid 202)"), labels);

        vm.processProperty().set(vm.getProcesses().get(3));
        assertEquals(List.of("about to fail", "failed"), shown());
        assertEquals("2 of 6 records", vm.summaryProperty().get());

        vm.showProcess(201);
        assertEquals(List.of("child process calling self.run()", "tick"), shown());

        vm.showProcess(0);
        assertEquals(6, shown().size());
    }

    @Test
    void shouldFollowTheSelectedProcessWhenAsked() {
        sample();
        vm.setSelectedPid(202);
        assertEquals(6, shown().size(), "not asked yet");

        vm.followSelectionProperty().set(true);
        assertEquals(List.of("about to fail", "failed"), shown());
        vm.setSelectedPid(201);
        assertEquals(List.of("child process calling self.run()", "tick"), shown());
        vm.setSelectedPid(0);
        assertEquals(List.of(), shown(), "nothing selected: nothing of it to show");

        vm.followSelectionProperty().set(false);
        assertEquals(6, shown().size());
    }

    @Test
    void shouldFilterByLowestLevel() {
        sample();
        vm.minLevelProperty().set(LogEvent.Level.WARN);
        assertEquals(List.of("about to fail", "failed"), shown());

        vm.minLevelProperty().set(LogEvent.Level.DEBUG);
        assertEquals(5, shown().size(), "only the TRACE record is hidden");
    }

    @Test
    void shouldCombineProcessLevelAndText() {
        sample();
        vm.showProcess(201);
        vm.minLevelProperty().set(LogEvent.Level.INFO);
        assertEquals(List.of("child process calling self.run()"), shown());

        vm.showProcess(0);
        vm.searchProperty().set("FAIL");
        assertEquals(List.of("about to fail", "failed"), shown(), "text matches ignoring case");
    }

    @Test
    void shouldSkipRecordsItHasAlreadySeenAndKeepOnlyTheNewest() {
        LogViewModel small = new LogViewModel(3, APP);
        List<LogEvent> first = List.of(event(1, LogEvent.Level.INFO, 1, "a", "m1"),
                event(2, LogEvent.Level.INFO, 1, "a", "m2"));
        small.append(first, 0);
        // the sampler resends what was not acknowledged yet, plus new ones
        List<LogEvent> second = new ArrayList<>(first);
        second.add(event(3, LogEvent.Level.INFO, 1, "a", "m3"));
        second.add(event(4, LogEvent.Level.INFO, 1, "a", "m4"));
        small.append(second, 7);

        assertEquals(List.of("m2", "m3", "m4"),
                small.getRecords().stream().map(LogEvent::message).collect(Collectors.toList()));
        assertEquals(4, small.lastSeq());
        assertEquals("3 records \u00b7 7 older dropped", small.summaryProperty().get());
    }

    @Test
    void shouldKeepAFilterWhileRecordsArrive() {
        vm.minLevelProperty().set(LogEvent.Level.ERROR);
        sample();
        vm.append(List.of(event(7, LogEvent.Level.ERROR, 201, "w1", "late error"),
                event(8, LogEvent.Level.INFO, 201, "w1", "late info")), 0);
        assertEquals(List.of("failed", "late error"), shown());
    }
}
