package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import oshi.SystemInfo;

/** The real OSHI and /proc readings of this machine, driven with explicit tick times (no sleeping). */
class OshiMetricsSourceTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final SystemInfo SI = new SystemInfo();

    private static List<SessionSnapshot> thisJvm() {
        long pid = ProcessHandle.current().pid();
        Instant now = Instant.now();
        ProcessSnapshot self = new ProcessSnapshot(0, pid, "MainProcess", "", -1, false, true, ProcessStatus.RUNNING,
                OptionalInt.empty(), true, false, now, Optional.of(now), Optional.of(now), Optional.empty());
        return List.of(new SessionSnapshot(pid + "-1", pid, "test", now, true, List.of(self), now));
    }

    @Test
    void shouldDiscardTheFirstCoreReadingAndMeasureFromTheSecond() {
        OshiMetricsSource source = new OshiMetricsSource(SI, Clock.systemUTC());
        long t0 = System.nanoTime();
        Metrics first = source.read(thisJvm(), t0);
        assertTrue(first.host().coreLoads().isEmpty(), "the first ticks count since boot: no load yet");
        assertTrue(first.host().memoryTotal() > 0);

        Metrics second = source.read(thisJvm(), t0 + SECOND);
        int cores = SI.getHardware().getProcessor().getLogicalProcessorCount();
        assertEquals(cores, second.host().coreLoads().size());
        assertTrue(second.host().coreLoads().stream().allMatch(l -> l >= 0 && l <= 1), second.host().toString());
        assertTrue(second.host().totalCpuPercent().isPresent());
    }

    @Test
    void shouldReadTheObservedProcessesMetrics() {
        OshiMetricsSource source = new OshiMetricsSource(SI, Clock.systemUTC());
        long pid = ProcessHandle.current().pid();
        long t0 = System.nanoTime();
        source.read(thisJvm(), t0);
        ProcessMetrics m = source.read(thisJvm(), t0 + SECOND).processes().get(pid);
        assertTrue(m.rssBytes() > 1_000_000, "rss=" + m.rssBytes());
        assertTrue(m.threads() > 3, "threads=" + m.threads());
        assertTrue(m.cpuPercent().isPresent());
    }

    @Test
    void shouldReadTheSystemListOnlyWhileWantedAndEveryTwoSeconds() {
        OshiMetricsSource source = new OshiMetricsSource(SI, Clock.systemUTC());
        long t0 = System.nanoTime();
        assertFalse(source.read(List.of(), t0).system().takenAt().isPresent(), "not wanted: not read");

        source.setSystemListWanted(true);
        SystemProcesses first = source.read(List.of(), t0 + SECOND).system();
        assertTrue(first.processes().stream().anyMatch(p -> p.pid() == ProcessHandle.current().pid()),
                "this JVM is in the list");
        assertTrue(first.processes().stream().allMatch(p -> p.cpuPercent().isEmpty()), "no CPU on a first list");
        assertTrue(first == source.read(List.of(), t0 + SECOND + SECOND / 4).system(), "too soon: the same list");
        SystemProcesses second = source.read(List.of(), t0 + SECOND + SECOND / 2).system();
        assertFalse(first == second, "a list without CPU is read again after half a second");
        assertTrue(second.processes().stream().anyMatch(p -> p.cpuPercent().isPresent()));
        assertTrue(second == source.read(List.of(), t0 + 3 * SECOND).system(), "then every two seconds");
        assertFalse(second == source.read(List.of(), t0 + 4 * SECOND).system());
    }
}
