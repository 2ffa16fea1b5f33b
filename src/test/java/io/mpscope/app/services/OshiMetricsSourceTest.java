package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void shouldReadCoreLoadsInTheFirstTickOfEachHalfSecondOfTheClockAndHandOnTheSameReadingBetween() {
        OshiMetricsSource source = new OshiMetricsSource(SI, Clock.systemUTC());
        long t0 = System.nanoTime();
        long ms = 1_000_000L;
        Instant at = Instant.parse("2026-11-25T10:00:00.200Z"); // 10 Hz ticks from 0.2 s on
        HostMetrics first = source.read(List.of(), t0, at).host();
        assertTrue(first.coreLoads().isEmpty());
        assertTrue(first.memoryTotal() > 0);
        assertSame(first, source.read(List.of(), t0 + 100 * ms, at.plusMillis(100)).host(), "0.3 s: the same");
        assertSame(first, source.read(List.of(), t0 + 200 * ms, at.plusMillis(200)).host(), "0.4 s: the same");
        HostMetrics second = source.read(List.of(), t0 + 300 * ms, at.plusMillis(300)).host();
        assertNotSame(first, second, "0.5 s begins a half second");
        assertFalse(second.coreLoads().isEmpty());
        for (int i = 4; i <= 8; i++) { // 0.6 .. 1.0 s: only 1.0 s begins a half second
            HostMetrics h = source.read(List.of(), t0 + 100 * i * ms, at.plusMillis(100 * i)).host();
            assertEquals(i == 8, h != second, "tick at " + at.plusMillis(100 * i));
        }
    }

    @Test
    void shouldNotReadCoreLoadsOverLessThanAQuarterSecondAtAHalfSecondsStart() {
        OshiMetricsSource source = new OshiMetricsSource(SI, Clock.systemUTC());
        long t0 = System.nanoTime();
        long ms = 1_000_000L;
        Instant at = Instant.parse("2026-11-25T10:00:00.400Z");
        HostMetrics first = source.read(List.of(), t0, at).host();
        assertSame(first, source.read(List.of(), t0 + 100 * ms, at.plusMillis(100)).host(),
                "0.5 s begins a half second, but the window would be 100 ms: the next one is taken");
        assertNotSame(first, source.read(List.of(), t0 + 600 * ms, at.plusMillis(600)).host(), "1.0 s");
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
