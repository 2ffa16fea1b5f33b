package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.observe.OsStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /proc reader on a fake /proc tree built from the captured stat fixture, with a hand-driven clock. */
class LinuxProcessMetricsTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = 1_000 * SECOND;

    @TempDir
    Path proc;

    static String fixture(String name) throws IOException {
        try (java.io.InputStream in = LinuxProcessMetricsTest.class.getResourceAsStream("/fixtures/proc/" + name)) {
            if (in == null) {
                throw new IOException("fixture missing: name=" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    /** The fixture line with the sampler's fields replaced. */
    private static String stat(long pid, char state, long utime, long stime, int threads, long start, long rss,
                               int cpu) throws IOException {
        String line = fixture("stat-java.txt");
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        f[0] = Character.toString(state);
        f[14 - 3] = Long.toString(utime);
        f[15 - 3] = Long.toString(stime);
        f[20 - 3] = Integer.toString(threads);
        f[22 - 3] = Long.toString(start);
        f[24 - 3] = Long.toString(rss);
        f[39 - 3] = Integer.toString(cpu);
        return pid + " (java) " + String.join(" ", f) + "\n";
    }

    private void write(String rel, String text) throws IOException {
        Path p = proc.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Process 4711 with threads 4711 (main, sleeping) and 4720 (worker). */
    private void process(long utime, char workerState, long workerTicks, int workerCpu) throws IOException {
        write("4711/stat", stat(4711, 'S', utime, 0, 2, 500, 1000, 0));
        write("4711/task/4711/stat", stat(4711, 'S', 5, 0, 2, 500, 1000, 0));
        write("4711/task/4720/stat", stat(4720, workerState, workerTicks, 0, 2, 501, 1000, workerCpu));
    }

    private LinuxProcessMetrics metrics() {
        return new LinuxProcessMetrics(proc.toString(), 100, 4096, 4);
    }

    @Test
    void shouldReportRssThreadsAndNoCpuOnTheFirstReading() throws IOException {
        process(100, 'S', 95, 2);
        ProcessMetrics m = metrics().sample(List.of(4711L), T0).get(4711L);
        assertEquals(1000L * 4096, m.rssBytes());
        assertEquals(2, m.threads());
        assertTrue(m.cpuPercent().isEmpty(), "one reading has no rate");
        assertEquals(List.of(), m.recentCores(), "a sleeping thread's last CPU tells nothing about when");
    }

    @Test
    void shouldMeasureCpuOverAboutASecondInPercentOfOneCore() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        process(130, 'S', 125, 2);
        assertEquals(60.0, lm.sample(List.of(4711L), T0 + SECOND / 2).get(4711L).cpuPercent().getAsDouble(), 1e-9,
                "half a second after the first reading: the rate since it (30 ticks in 0.5 s)");
        process(250, 'S', 245, 3);
        // 1.5 s: the newest reading at least a second old is the one at 0.5 s: 120 ticks in 1 s
        assertEquals(120.0, lm.sample(List.of(4711L), T0 + 3 * SECOND / 2).get(4711L).cpuPercent().getAsDouble(),
                1e-9);
        process(450, 'S', 445, 3);
        // 2.5 s: the reading at 1.5 s is exactly a second old: 200 ticks in 1 s
        assertEquals(200.0, lm.sample(List.of(4711L), T0 + 5 * SECOND / 2).get(4711L).cpuPercent().getAsDouble(),
                1e-9, "two busy threads");
    }

    @Test
    void shouldListTheCoresThreadsRanOnInTheLastSeconds() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        process(110, 'S', 105, 2);   // the worker ran, last on core 2
        assertEquals(List.of(2), lm.sample(List.of(4711L), T0 + SECOND).get(4711L).recentCores());
        process(120, 'R', 115, 3);   // and now runs on core 3
        assertEquals(List.of(2, 3), lm.sample(List.of(4711L), T0 + 2 * SECOND).get(4711L).recentCores());
        process(120, 'S', 115, 3);   // then sleeps: nothing new, core 2 ages out after 3 s
        Map<Long, ProcessMetrics> later = lm.sample(List.of(4711L), T0 + 9 * SECOND / 2);
        assertEquals(List.of(3), later.get(4711L).recentCores());
        assertEquals(List.of(), lm.sample(List.of(4711L), T0 + 6 * SECOND).get(4711L).recentCores());
    }

    @Test
    void shouldCountANewThreadWithCpuTimeAsRecent() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        process(110, 'S', 95, 2);
        write("4711/stat", stat(4711, 'S', 110, 0, 3, 500, 1000, 0)); // 10 % of a core, three threads now
        write("4711/task/4730/stat", stat(4730, 'S', 1, 0, 3, 900, 1000, 1)); // born since, ran on core 1
        assertEquals(List.of(1), lm.sample(List.of(4711L), T0 + SECOND).get(4711L).recentCores());
    }

    @Test
    void shouldScanTheThreadsOfALittleUsedProcessLessOftenButWithinTheCoreWindow() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        process(101, 'S', 96, 2); // 1 % of a core: the worker ran on core 2
        assertEquals(List.of(), lm.sample(List.of(4711L), T0 + SECOND).get(4711L).recentCores(),
                "a second later: not scanned yet");
        assertEquals(List.of(), lm.sample(List.of(4711L), T0 + 2 * SECOND).get(4711L).recentCores());
        process(102, 'S', 97, 3); // runs a little on core 3 now
        assertEquals(List.of(3), lm.sample(List.of(4711L), T0 + 5 * SECOND / 2).get(4711L).recentCores(),
                "scanned once 2.4 s passed");
        process(103, 'S', 98, 3);
        ProcessMetrics at5 = lm.sample(List.of(4711L), T0 + 5 * SECOND).get(4711L);
        assertEquals(List.of(3), at5.recentCores(), "scanned again before core 3 left the 3 s window");
        assertTrue(LinuxProcessMetrics.IDLE_SCAN_INTERVAL_NANOS + LinuxProcessMetrics.READ_INTERVAL_NANOS
                + SECOND / 10 < ProcessMetrics.CORE_WINDOW_SECONDS * SECOND);
    }

    @Test
    void shouldListTheThreadFolderAgainWhenTheThreadCountChanges() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        process(150, 'S', 95, 2); // busy, on threads read again without listing
        write("4711/task/4730/stat", stat(4730, 'S', 40, 0, 3, 900, 1000, 1)); // not counted yet by the kernel
        assertEquals(List.of(), lm.sample(List.of(4711L), T0 + SECOND).get(4711L).recentCores(),
                "two threads, as the process's line says: the two known ones are read");
        write("4711/stat", stat(4711, 'S', 200, 0, 3, 500, 1000, 0));
        write("4711/task/4730/stat", stat(4730, 'S', 90, 0, 3, 900, 1000, 1));
        assertEquals(List.of(1), lm.sample(List.of(4711L), T0 + 2 * SECOND).get(4711L).recentCores(),
                "three threads: the folder is listed again and the new thread found");
    }

    @Test
    void shouldReadAProcessAtMostTwiceASecondWhateverTheTickRate() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        write("4711/stat", stat(4711, 'S', 100, 0, 3, 500, 2000, 0)); // a third thread, more memory
        ProcessMetrics soon = lm.sample(List.of(4711L), T0 + SECOND / 10).get(4711L);
        assertEquals(2, soon.threads(), "100 ms later: the last reading again");
        assertEquals(1000L * 4096, soon.rssBytes());
        assertSame(soon, lm.sample(List.of(4711L), T0 + 2 * SECOND / 10).get(4711L), "the same object, unchanged");
        ProcessMetrics later = lm.sample(List.of(4711L), T0 + SECOND / 2).get(4711L);
        assertEquals(3, later.threads(), "500 ms later: read again");
        assertEquals(2000L * 4096, later.rssBytes());
    }

    @Test
    void shouldTakeTheObserversStatReadingInsteadOfReadingTheFileAgain() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        Files.delete(proc.resolve("4711/stat")); // only the threads can be read: the rest must come from the given line
        Map<Long, OsStat> known = Map.of(4711L, new OsStat('S', 500, 80, 20, 2, 1000, 0));
        ProcessMetrics m = lm.sample(List.of(4711L), known, T0).get(4711L);
        assertEquals(1000L * 4096, m.rssBytes());
        assertEquals(2, m.threads());
        process(110, 'S', 105, 2); // the worker ran, last on core 2
        Files.delete(proc.resolve("4711/stat"));
        known = Map.of(4711L, new OsStat('T', 500, 110, 20, 3, 2000, 0)); // 30 ticks in a second, then stopped
        ProcessMetrics later = lm.sample(List.of(4711L), known, T0 + SECOND).get(4711L);
        assertEquals(30.0, later.cpuPercent().getAsDouble(), 1e-9);
        assertEquals(3, later.threads());
        assertTrue(later.stopped());
        assertEquals(List.of(2), later.recentCores(), "the threads are still read from their files");
        assertTrue(lm.sample(List.of(4711L), T0 + 2 * SECOND).isEmpty(),
                "without the given line: the file, which is gone");
    }

    @Test
    void shouldStartAfreshWhenTheGivenLineIsOfAnotherProcess() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), Map.of(4711L, new OsStat('S', 500, 80, 20, 2, 1000, 0)), T0);
        ProcessMetrics m = lm.sample(List.of(4711L), Map.of(4711L, new OsStat('S', 999, 5, 0, 1, 10, 0)),
                T0 + SECOND / 10).get(4711L);
        assertEquals(1, m.threads(), "a recycled pid is read at once, not 450 ms later");
        assertTrue(m.cpuPercent().isEmpty(), "and has no rate from the old process's readings");
    }

    @Test
    void shouldKeepAProcesssThreadFilesOpenWhileItIsWatchedAndCloseThemAfter() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        assertEquals(1, lm.threadFileReaders());
        process(110, 'S', 105, 3); // rewritten in place: read through the open file
        assertEquals(List.of(3), lm.sample(List.of(4711L), T0 + SECOND).get(4711L).recentCores());
        lm.sample(List.of(), T0 + 2 * SECOND);
        assertEquals(0, lm.threadFileReaders(), "no longer asked about: its files are closed");
    }

    @Test
    void shouldLeaveOutEndedProcessesAndStartAfreshOnARecycledPid() throws IOException {
        LinuxProcessMetrics lm = metrics();
        process(100, 'S', 95, 2);
        lm.sample(List.of(4711L), T0);
        assertFalse(lm.sample(List.of(4711L, 4712L), T0 + SECOND).containsKey(4712L), "no such process");

        // pid 4711 now belongs to another process (another start time): no rate from the old one's readings
        write("4711/stat", stat(4711, 'S', 5, 0, 1, 999, 10, 0));
        assertTrue(lm.sample(List.of(4711L), T0 + 2 * SECOND).get(4711L).cpuPercent().isEmpty());
    }
}
