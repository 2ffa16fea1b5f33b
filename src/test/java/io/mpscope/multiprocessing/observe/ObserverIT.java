package io.mpscope.multiprocessing.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.programs.RegistryProgram;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Poll;
import io.mpscope.multiprocessing.testsupport.Program;
import io.mpscope.multiprocessing.testsupport.Results;
import io.mpscope.multiprocessing.testsupport.Sessions;
import java.lang.reflect.Field;
import java.nio.ReadOnlyBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The session registry as an Observer sees it: this JVM's session, a child's life, output tails, modes, sweep. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObserverIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    private static final long ME = ProcessHandle.current().pid();
    private static final Duration REPORT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private static ProcessSnapshot snapshotOf(Observer o, long pid) {
        return Sessions.own(o).flatMap(s -> Sessions.process(s, pid)).orElse(null);
    }

    @Test
    void theSessionShowsTheRootAndAChildFromRunningToExited() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process("observed", () -> {
            System.out.println("hello stdout from observed");
            System.err.println("hello stderr from observed");
            Results.put(dir, "printed", "yes");
            Results.awaitSignal(dir, "go", Duration.ofSeconds(30));
            System.exit(3);
        }));
        p.setDaemon(true);
        p.start();
        long pid = p.getPid().getAsLong();
        Results.await(tmp, "printed", REPORT);

        try (Observer o = new Observer()) {
            Poll.until(REPORT, () -> {
                ProcessSnapshot s = snapshotOf(o, pid);
                return s != null && s.status() == ProcessStatus.RUNNING;
            }, () -> "child RUNNING in the registry: " + snapshotOf(o, pid));
            SessionSnapshot session = Sessions.own(o).orElseThrow();
            assertEquals(ME, session.rootPid());
            assertEquals(ME + "-" + ProcFs.startTicks(ME), session.id());
            assertTrue(session.rootAlive());

            ProcessSnapshot root = session.processes().get(0);
            assertTrue(root.main(), "the root comes first: " + root);
            assertEquals("MainProcess", root.name());
            assertEquals(ME, root.pid());
            assertEquals(-1, root.parentSlot());
            assertTrue(root.alive());
            assertEquals(1, session.processes().stream().filter(ProcessSnapshot::main).count());
            for (ProcessSnapshot standby : session.processes()) {
                if (standby.status() == ProcessStatus.STANDBY) {
                    assertEquals("(standby)", standby.name());
                    assertEquals(root.slot(), standby.parentSlot());
                    assertTrue(standby.started().isEmpty(), standby.toString());
                }
            }

            ProcessSnapshot child = snapshotOf(o, pid);
            assertEquals("observed", child.name());
            assertEquals(Integer.toString(p.getIdentity()[0]), child.identity());
            assertEquals(root.slot(), child.parentSlot());
            assertTrue(child.alive());
            assertTrue(child.daemon());
            assertFalse(child.main());
            assertFalse(child.orphaned());
            assertEquals(OptionalInt.empty(), child.exitCode());
            assertTrue(child.started().isPresent());
            assertTrue(child.exited().isEmpty());

            Poll.until(REPORT, () -> o.outputTail(session.id(), child.slot(), 0)
                    .contains("hello stdout from observed\n"), () -> "stdout tail: " + o.outputTail(
                    session.id(), child.slot(), 0));
            Poll.until(REPORT, () -> o.outputTail(session.id(), child.slot(), 1)
                    .contains("hello stderr from observed\n"), () -> "stderr tail: " + o.outputTail(
                    session.id(), child.slot(), 1));
            assertFalse(o.outputTail(session.id(), child.slot(), 0).contains("hello stderr"),
                    "stdout and stderr tails are separate");

            Results.signal(tmp, "go");
            p.join();
            assertEquals(OptionalInt.of(3), p.getExitCode());
            ProcessSnapshot ended = snapshotOf(o, pid);
            assertEquals(ProcessStatus.EXITED, ended.status());
            assertEquals(OptionalInt.of(3), ended.exitCode());
            assertFalse(ended.alive());
            assertTrue(ended.exited().isPresent());
            assertEquals(child.slot(), ended.slot());
        }
    }

    @Test
    void theRuntimeFolderAndRegistryAreOwnerOnly() throws Exception {
        ensureSession();
        Path dir = RuntimeDirectory.path();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        String id = Sessions.own().orElseThrow().id();
        Path file = dir.resolve(id + ".session");
        assertTrue(Files.isRegularFile(file), file.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theObserverMapsRegistriesReadOnly() throws Exception {
        ensureSession();
        try (Observer o = new Observer()) {
            String id = Sessions.own(o).orElseThrow().id();
            Field f = Observer.class.getDeclaredField("mapped");
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<Path, MappedRegion> mapped = (Map<Path, MappedRegion>) f.get(o);
            MappedRegion mine = mapped.get(o.directory().resolve(id + ".session"));
            assertTrue(mine != null, "the Observer did not map this session: " + mapped.keySet());
            for (MappedRegion r : mapped.values()) {
                assertTrue(r.isReadOnly(), r.path().toString());
                assertThrows(ReadOnlyBufferException.class, () -> r.setIntPlain(4096, 0));
            }
            assertTrue(mapsReadOnly(mine.path()), "no r--s mapping of " + mine.path() + " in /proc/self/maps");
        }
    }

    private static boolean mapsReadOnly(Path file) throws Exception {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .anyMatch(l -> l.endsWith(" " + file) && l.split("\\s+")[1].equals("r--s"));
    }

    private void ensureSession() throws InterruptedException {
        if (Sessions.own().isEmpty()) {
            Process p = children.track(new Process(() -> { }));
            p.start();
            p.join();
        }
    }

    /** Starts a RegistryProgram in {@code runtime} and returns the registry path it printed. */
    private Path registry(Path runtime, String name, String... args) throws Exception {
        Path work = Files.createDirectories(tmp.resolve(name));
        Program program = Program.start(children, work, runtime, RegistryProgram.class, args);
        String path = Poll.value(REPORT, () -> program.out().isBlank() ? null : program.out().trim(),
                "registry path of " + name);
        if (!args[0].equals("live")) {
            assertEquals(0, program.waitFor(REPORT), program.err());
        }
        return Path.of(path);
    }

    /**
     * sweep removes a registry none of whose processes lives, and keeps one whose root lives or that lists a live
     * member. The Observer lists the same sessions sweep keeps.
     */
    @Test
    void sweepRemovesOnlySessionsWithoutALiveProcess() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Path work = Files.createDirectories(tmp.resolve("live"));
        Program live = Program.start(children, work, runtime, RegistryProgram.class, "live");
        Path liveFile = Path.of(Poll.value(REPORT, () -> live.out().isBlank() ? null : live.out().trim(),
                "registry path of the live root"));
        Path memberFile = registry(runtime, "member", "member", Long.toString(ME),
                Long.toString(ProcFs.startTicks(ME)));
        Path deadFile = registry(runtime, "dead", "dead");
        assertTrue(Files.exists(deadFile) && Files.exists(memberFile) && Files.exists(liveFile));

        try (Observer o = new Observer(runtime)) {
            List<String> listed = o.sessions().stream().map(SessionSnapshot::id).sorted().toList();
            assertEquals(List.of(id(liveFile), id(memberFile)).stream().sorted().toList(), listed);
        }

        assertEquals(List.of(deadFile), SessionRegistry.sweep(runtime));
        assertFalse(Files.exists(deadFile));
        assertTrue(Files.exists(memberFile), "swept a session with a live member");
        assertTrue(Files.exists(liveFile), "swept a session whose root lives");

        live.process().getOutputStream().close(); // the live root halts at EOF, leaving its file
        assertEquals(0, live.waitFor(REPORT));
        assertEquals(List.of(liveFile), SessionRegistry.sweep(runtime));
        assertTrue(Files.exists(memberFile));
    }

    private static String id(Path sessionFile) {
        String n = sessionFile.getFileName().toString();
        return n.substring(0, n.length() - ".session".length());
    }
}
