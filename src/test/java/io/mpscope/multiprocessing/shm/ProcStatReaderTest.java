package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reading stat lines through kept-open files: on a fake /proc tree, and on real processes where /proc exists. */
@Timeout(30)
class ProcStatReaderTest {
    @TempDir
    Path proc;

    private void stat(long pid, char state, long startTicks) throws IOException {
        Path p = proc.resolve(pid + "/stat");
        Files.createDirectories(p.getParent());
        Files.writeString(p, pid + " (java) " + state + " 1 1 1 0 -1 4194304 120 0 0 0 153 47 0 0 20 0 24 0 "
                + startTicks + " 3133440 12000 18446744073709551615 1 1 1 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n");
    }

    @Test
    void shouldReadAProcessAndKeepItsFileOpen() throws IOException {
        stat(4711, 'S', 500);
        try (ProcStatReader r = new ProcStatReader(proc.toString())) {
            StatLine line = new StatLine();
            assertTrue(r.read(4711, 500, line));
            assertEquals(500, line.startTicks());
            assertEquals(3, line.processor());
            assertEquals(1, r.keptCount());
            stat(4711, 'T', 500); // the same file, new content: read through the open file
            assertTrue(r.read(4711, 500, line));
            assertEquals('T', line.state());
            assertEquals(1, r.keptCount());
        }
    }

    @Test
    void shouldTellAnotherProcessWithTheSamePidApart() throws IOException {
        stat(4711, 'S', 500);
        try (ProcStatReader r = new ProcStatReader(proc.toString())) {
            StatLine line = new StatLine();
            assertTrue(r.read(4711, 500, line));
            stat(4711, 'S', 900); // the pid now belongs to a process started later
            assertFalse(r.read(4711, 500, line), "not the process asked about");
            assertTrue(r.lastGone(), "the process asked about has ended for sure");
            assertTrue(r.read(4711, 900, line), "the new one");
            assertTrue(r.read(4711, -1, line), "any process with that pid");
            assertEquals(900, line.startTicks());
        }
    }

    @Test
    void shouldAnswerFalseForAMissingProcessOrAnUnreadableLine() throws IOException {
        try (ProcStatReader r = new ProcStatReader(proc.toString())) {
            StatLine line = new StatLine();
            assertFalse(r.read(4711, -1, line));
            assertTrue(r.lastGone(), "no such process");
            assertFalse(r.read(0, -1, line));
            Files.createDirectories(proc.resolve("4712"));
            Files.writeString(proc.resolve("4712/stat"), "not a stat line\n");
            assertFalse(r.read(4712, -1, line));
            assertFalse(r.lastGone(), "an unreadable line says nothing about the process");
            Files.delete(proc.resolve("4712/stat"));
            assertFalse(r.read(4712, -1, line));
            assertFalse(r.lastGone(), "its folder is there but the file cannot be opened: it may run");
            assertEquals(0, r.keptCount());
        }
    }

    @Test
    void shouldCloseTheFilesOfProcessesNotReadSinceTheLastSweep() throws IOException {
        stat(4711, 'S', 500);
        stat(4712, 'S', 600);
        try (ProcStatReader r = new ProcStatReader(proc.toString())) {
            StatLine line = new StatLine();
            assertTrue(r.read(4711, 500, line));
            assertTrue(r.read(4712, 600, line));
            r.sweep();
            assertEquals(2, r.keptCount(), "both were read");
            assertTrue(r.read(4711, 500, line));
            r.sweep();
            assertEquals(1, r.keptCount(), "4712 was not read since the last sweep");
            r.close();
            assertEquals(0, r.keptCount());
            assertTrue(r.read(4711, 500, line), "usable after close: it opens the file again");
        }
    }

    @Test
    void shouldSeeARealProcessEndThroughItsOpenFile() throws Exception {
        assumeTrue(ProcFs.hasProc(), "needs /proc");
        java.lang.Process sleeper = new ProcessBuilder("sleep", "60").start();
        try (ProcStatReader r = new ProcStatReader()) {
            long pid = sleeper.pid();
            long ticks = ProcFs.startTicks(pid);
            StatLine line = new StatLine();
            assertTrue(r.read(pid, ticks, line));
            assertFalse(line.ended());
            assertTrue(r.read(pid, ticks, line), "again, through the kept file");
            assertEquals(1, r.keptCount());
            sleeper.destroyForcibly();
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            // reaped by the JDK: the kept file now fails, and by name there is no such process (or, were the pid
            // taken again, one that started later)
            assertFalse(r.read(pid, ticks, line), "an ended process");
            assertEquals(0, r.keptCount(), "its file was closed");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void shouldReadThisJvmAsRunning() {
        assumeTrue(ProcFs.hasProc(), "needs /proc");
        long me = ProcessHandle.current().pid();
        try (ProcStatReader r = new ProcStatReader()) {
            StatLine line = new StatLine();
            assertTrue(r.read(me, ProcFs.startTicks(me), line));
            assertEquals(me, line.pid());
            assertTrue(line.threads() > 1);
            assertTrue(line.rssPages() > 0);
            assertTrue(line.processor() >= 0);
        }
    }
}
