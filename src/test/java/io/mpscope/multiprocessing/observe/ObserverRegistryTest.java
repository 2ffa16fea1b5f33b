package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.PidFds;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SessionRegistry writes and Observer reads on a registry file crafted in a temporary folder (no child JVM): slot
 * states as snapshots, exit codes, and the output tail ring.
 */
class ObserverRegistryTest {
    private static final long ME = ProcessHandle.current().pid();
    private static final long MY_TICKS = ProcFs.startTicks(ME);
    /** A pid that does not exist (above the kernel's pid_max). */
    private static final long NO_PID = 1L << 40;

    @TempDir
    Path dir;
    private String id;
    private SessionRegistry registry;

    @BeforeEach
    void craftRegistry() throws Exception {
        Path file = dir.resolve(fileName(ME, MY_TICKS));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(FILE_LENGTH);
        }
        MappedRegion r = MappedRegion.openReadWrite(file, FILE_LENGTH);
        r.setLongPlain(ROOT_PID_OFFSET, ME);
        r.setLongPlain(ROOT_START_TICKS_OFFSET, MY_TICKS);
        r.setLongPlain(CREATED_MILLIS_OFFSET, System.currentTimeMillis());
        r.setIntPlain(VERSION_OFFSET, LAYOUT_VERSION);
        r.setIntPlain(SLOT_COUNT_OFFSET, SLOT_COUNT);
        r.putString(COMMAND_OFFSET, COMMAND_LENGTH, "crafted");
        r.setLongRelease(MAGIC_OFFSET, MAGIC);
        registry = SessionRegistry.attach(file);
        id = registry.sessionId();
    }

    private ProcessSnapshot slot(Observer o, int slot) {
        return o.session(id).orElseThrow().processes().stream().filter(p -> p.slot() == slot).findFirst()
                .orElse(null);
    }

    @Test
    void slotsBecomeSnapshots() {
        int root = registry.claim(RUNNING, -1, "MainProcess", "", FLAG_MAIN);
        registry.setLaunched(root, ME, MY_TICKS);
        int child = registry.claim(STARTING, root, "Process-7", "7", FLAG_DAEMON);
        int unlaunched = registry.claim(STARTING, root, "never", "8", 0);
        registry.setLaunched(child, ME, MY_TICKS);
        registry.setState(child, RUNNING);
        int vanished = registry.claim(RUNNING, root, "gone", "9", 0);
        registry.setLaunched(vanished, NO_PID, 1);

        try (Observer o = new Observer(dir)) {
            SessionSnapshot s = o.session(id).orElseThrow();
            assertEquals("crafted", s.command());
            assertEquals(ME, s.rootPid());
            assertTrue(s.rootAlive());
            assertEquals(root, s.processes().get(0).slot(), "the root first");
            assertTrue(s.processes().get(0).main());

            ProcessSnapshot c = slot(o, child);
            assertEquals("Process-7", c.name());
            assertEquals("7", c.identity());
            assertEquals(root, c.parentSlot());
            assertTrue(c.daemon());
            assertEquals(ProcessStatus.RUNNING, c.status());
            assertTrue(c.alive());
            assertEquals(null, slot(o, unlaunched), "a claimed, unlaunched slot is hidden");
            assertEquals(ProcessStatus.VANISHED, slot(o, vanished).status());
            assertFalse(slot(o, vanished).alive());
            assertTrue(slot(o, vanished).osStat().isEmpty(), "no stat line for a process that is gone");

            registry.recordChildExit(vanished, EXIT_SIGNAL, 15);
            assertEquals(OptionalInt.of(-15), slot(o, vanished).exitCode(), "a recorded signal is -N");
            registry.recordReaped(child, 3);
            ProcessSnapshot ended = slot(o, child);
            assertEquals(ProcessStatus.EXITED, ended.status());
            assertEquals(OptionalInt.of(3), ended.exitCode());
            assertTrue(ended.exited().isPresent());
            registry.setFlag(child, FLAG_ORPHANED);
            assertTrue(slot(o, child).orphaned());
        }
    }

    /** The stat line read to tell a process alive comes with its snapshot (a monitor need not read it again). */
    @Test
    void aLiveProcessCarriesTheStatLineTheObserverReadForIt() {
        assumeTrue(ProcFs.hasProc(), "needs /proc");
        int root = registry.claim(RUNNING, -1, "MainProcess", "", FLAG_MAIN);
        registry.setLaunched(root, ME, MY_TICKS);
        try (Observer o = new Observer(dir)) {
            ProcessSnapshot first = slot(o, root);
            OsStat os = first.osStat().orElseThrow(() -> new AssertionError("first seen: told by its stat line"));
            assertEquals(MY_TICKS, os.startTicks());
            assertTrue(os.threads() > 1, "this JVM's threads: " + os.threads());
            assertTrue(os.rssPages() > 0);
            assertFalse(os.stopped());
            ProcessSnapshot later = slot(o, root);
            assertTrue(later.alive());
            if (PidFds.load() != null) {
                assertTrue(later.osStat().isEmpty(), "then watched through its pidfd: no line read");
            } else {
                assertTrue(later.osStat().isPresent(), "without pidfds, read for every snapshot");
            }
        }
    }

    /** Names are read every snapshot, and decoded again only when their bytes changed (a standby JVM assigned work). */
    @Test
    void aSlotsNameIsTheSameStringUntilItChanges() {
        int slot = registry.claim(STANDBY, -1, "(standby)", "", 0);
        registry.setLaunched(slot, ME, MY_TICKS);
        try (Observer o = new Observer(dir)) {
            String first = slot(o, slot).name();
            assertEquals("(standby)", first);
            assertSame(first, slot(o, slot).name(), "unchanged bytes: the same String");
            registry.assign(slot, -1, "Process-4", "4", 0);
            assertEquals("Process-4", slot(o, slot).name());
            assertEquals("4", slot(o, slot).identity());
            assertEquals("crafted", o.session(id).orElseThrow().command());
        }
    }

    /** A signal recorded by the child replaces its earlier normal-exit record, but not the parent's final one. */
    @Test
    void aRecordedSignalOverridesANormalExitButNotTheReapedCode() {
        int slot = registry.claim(RUNNING, -1, "p", "1", 0);
        registry.setLaunched(slot, NO_PID, 1);
        registry.recordChildExit(slot, EXIT_RETURNED, 0);
        registry.recordChildExit(slot, EXIT_HOOK, 0);
        assertEquals(EXIT_RETURNED, registry.exitKind(slot), "the first normal record wins");
        registry.recordChildSignal(slot, 15);
        assertEquals(EXIT_SIGNAL, registry.exitKind(slot));
        try (Observer o = new Observer(dir)) {
            assertEquals(OptionalInt.of(-15), slot(o, slot).exitCode());
            registry.recordReaped(slot, -15);
            registry.recordChildSignal(slot, 9);
            assertEquals(OptionalInt.of(-15), slot(o, slot).exitCode(), "the reaped code is final");
        }
    }

    /** With every slot taken, claim reuses the slot that exited longest ago, and fails when all are live. */
    @Test
    void aFullTableReusesTheLongestExitedSlot() throws Exception {
        for (int i = 0; i < SLOT_COUNT; i++) {
            assertEquals(i, registry.claim(RUNNING, -1, "p" + i, Integer.toString(i), 0));
        }
        byte[] text = "old output".getBytes(StandardCharsets.US_ASCII);
        registry.appendOutput(700, STDOUT, text, 0, text.length);
        registry.recordReaped(300, 0);
        registry.recordReaped(700, 0);
        MappedRegion raw = MappedRegion.openReadWrite(registry.path(), FILE_LENGTH);
        raw.setLongPlain(slotOffset(300) + EXIT_MILLIS_OFFSET, 2_000);
        raw.setLongPlain(slotOffset(700) + EXIT_MILLIS_OFFSET, 1_000); // exited first

        assertEquals(700, registry.claim(RUNNING, -1, "reused", "x", 0));
        try (Observer o = new Observer(dir)) {
            assertEquals("", o.outputTail(id, 700, STDOUT), "a reused slot shows the old process's output");
        }
        assertEquals("reused", raw.getString(slotOffset(700) + NAME_OFFSET, NAME_LENGTH));
        assertEquals(300, registry.claim(RUNNING, -1, "reused too", "y", 0));
        IllegalStateException full = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> registry.claim(RUNNING, -1, "one too many", "z", 0));
        assertTrue(full.getMessage().startsWith("session registry is full: slots=" + SLOT_COUNT), full.getMessage());
    }

    @Test
    void aSessionWithoutLiveProcessesIsNotListed() throws Exception {
        // Re-craft with a dead root and no live member.
        MappedRegion r = MappedRegion.openReadWrite(registry.path(), FILE_LENGTH);
        r.setLongPlain(ROOT_PID_OFFSET, NO_PID);
        try (Observer o = new Observer(dir)) {
            assertEquals(0, o.sessions().size());
        }
    }

    @Test
    void theOutputTailKeepsTheLastBytesAcrossWraps() {
        int slot = registry.claim(RUNNING, -1, "p", "1", 0);
        StringBuilder all = new StringBuilder();
        for (int i = 0; all.length() < 3 * TAIL_LENGTH; i++) {
            String line = "line " + i + "\n";
            all.append(line);
            byte[] b = line.getBytes(StandardCharsets.US_ASCII);
            registry.appendOutput(slot, STDOUT, b, 0, b.length);
        }
        try (Observer o = new Observer(dir)) {
            assertEquals(all.substring(all.length() - TAIL_LENGTH), o.outputTail(id, slot, STDOUT));
            assertEquals("", o.outputTail(id, slot, STDERR));
        }
    }

    @Test
    void aWriteLongerThanTheTailKeepsItsEnd() {
        int slot = registry.claim(RUNNING, -1, "p", "1", 0);
        byte[] big = new byte[TAIL_LENGTH * 2 + 123];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        registry.appendOutput(slot, STDERR, "x".getBytes(StandardCharsets.US_ASCII), 0, 1);
        registry.appendOutput(slot, STDERR, big, 0, big.length);
        try (Observer o = new Observer(dir)) {
            String expected = new String(Arrays.copyOfRange(big, big.length - TAIL_LENGTH, big.length),
                    StandardCharsets.US_ASCII);
            assertEquals(expected, o.outputTail(id, slot, STDERR));
        }
    }

    /** Where the ring cuts a multi-byte character, the tail starts at the next whole character. */
    @Test
    void aCharacterCutByTheRingsEdgeIsDropped() {
        int slot = registry.claim(RUNNING, -1, "p", "1", 0);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
        int count = TAIL_LENGTH / 3 + 10; // 8192 % 3 == 2: the tail starts one byte into a character
        for (int i = 0; i < count; i++) {
            registry.appendOutput(slot, STDOUT, euro, 0, euro.length);
        }
        try (Observer o = new Observer(dir)) {
            String tail = o.outputTail(id, slot, STDOUT);
            assertTrue(tail.equals("€".repeat(TAIL_LENGTH / 3)), () -> "the tail should be whole characters, it"
                    + " starts with " + tail.codePoints().limit(4).mapToObj(c -> String.format("U+%04X", c)).toList()
                    + " and has " + tail.length() + " chars");
        }
    }
}
