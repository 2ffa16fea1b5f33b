package io.mpscope.multiprocessing.process;

import static io.mpscope.multiprocessing.Multiprocessing.currentProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.SessionSnapshot;
import io.mpscope.multiprocessing.programs.DaemonProgram;
import io.mpscope.multiprocessing.programs.LifelineProgram;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Fixtures;
import io.mpscope.multiprocessing.testsupport.Poll;
import io.mpscope.multiprocessing.testsupport.Program;
import io.mpscope.multiprocessing.testsupport.Results;
import io.mpscope.multiprocessing.testsupport.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon flag (reference §2.3): inheritance, no children for daemons, termination at the root's normal exit
 * (PyMOTW multiprocessing_daemon, as a separate root program), and the lifeline when the root is SIGKILLed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DaemonAndLifelineIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    private static final long ME = ProcessHandle.current().pid();
    private static final Duration REPORT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    /** Child side: a daemon's view of itself and of a process it creates. */
    static void daemonProbe(String dir) {
        Process me = currentProcess();
        Results.put(dir, "daemon", me.isDaemon());
        Results.put(dir, "repr", me);
        Process inner = new Process(() -> { });
        Results.put(dir, "inner.daemon", inner.isDaemon());
        Results.putOutcome(dir, "inner.start", inner::start);
        Results.put(dir, "inner.state", inner.getState());
    }

    @Test
    void aDaemonsChildrenInheritTheFlagAndCannotBeStarted() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process("d", () -> daemonProbe(dir)));
        assertFalse(p.isDaemon(), "a process created by a non-daemon is not a daemon");
        p.setDaemon(true);
        assertEquals("<Process name='d' parent=" + ME + " initial daemon>", p.toString());

        p.start();
        p.join();

        assertEquals(OptionalInt.of(0), p.getExitCode());
        assertEquals("true", Results.await(tmp, "daemon", REPORT));
        assertEquals("<Process name='d' parent=" + ME + " started daemon>", Results.await(tmp, "repr", REPORT));
        assertEquals("true", Results.await(tmp, "inner.daemon", REPORT));
        String start = Results.await(tmp, "inner.start", REPORT);
        assertTrue(start.startsWith(
                "java.lang.IllegalStateException: daemonic processes are not allowed to have children"), start);
        assertEquals("INITIAL", Results.await(tmp, "inner.state", REPORT));
    }

    /** PyMOTW multiprocessing_daemon (reference §2.3 D3), with the recorded CPython output as the expectation. */
    @Test
    void atNormalExitTheRootTerminatesDaemonsAndJoinsTheOthers() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Path reports = Files.createDirectory(tmp.resolve("reports"));
        long t0 = System.nanoTime();
        Program program = Program.start(children, tmp, runtime, DaemonProgram.class, reports.toString());
        int status = program.waitFor(Duration.ofSeconds(60));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        String diag = "stdout:\n" + program.out() + "\nstderr:\n" + program.err();

        assertEquals(0, status, diag);
        assertTrue(ms < 9_000, "the root waited for the 10 s daemon: " + ms + " ms\n" + diag);
        List<String> out = program.outLines();
        List<String> masked = new ArrayList<>(out.stream().map(l -> l.replaceAll("\\d+$", "<pid>")).toList());
        List<String> recorded = new ArrayList<>(Fixtures.pymotw("daemon").stream()
                .map(l -> l.replaceAll("\\d+$", "<pid>")).toList());
        Collections.sort(masked);
        Collections.sort(recorded);
        assertEquals(recorded, masked, "the same lines as CPython, and no 'Exiting : daemon'\n" + diag);
        assertTrue(out.indexOf(out.stream().filter(l -> l.startsWith("Starting: non-daemon")).findFirst()
                .orElseThrow()) < out.indexOf(out.stream().filter(l -> l.startsWith("Exiting : non-daemon"))
                .findFirst().orElseThrow()), diag);

        long daemonPid = Long.parseLong(Results.await(reports, "daemon-started", REPORT));
        long nonDaemonPid = Long.parseLong(out.stream().filter(l -> l.startsWith("Exiting : non-daemon"))
                .findFirst().orElseThrow().replaceAll(".* ", ""));
        assertEquals("Starting: daemon " + daemonPid, out.stream().filter(l -> l.startsWith("Starting: daemon"))
                .findFirst().orElseThrow());
        assertFalse(ProcFs.isAlive(daemonPid, -1), "the daemon outlived its root: pid=" + daemonPid);
        assertFalse(ProcFs.isAlive(nonDaemonPid, -1), "the non-daemon outlived its root: pid=" + nonDaemonPid);
        assertEquals(List.of(), Program.sessionFiles(runtime), "a finished root left its session registry behind");
    }

    /**
     * The lifeline: the root is SIGKILLed (no exit function runs). Its daemon child dies at once; its non-daemon
     * child finishes run() and exits. The Observer still shows the session while a child lives, and the registry
     * file disappears once every member is gone.
     */
    @Test
    void whenTheRootIsKilledDaemonsDieAndOthersFinish() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Path reports = Files.createDirectory(tmp.resolve("reports"));
        Program program = Program.start(children, tmp, runtime, LifelineProgram.class, reports.toString());
        long daemonPid = Long.parseLong(Results.await(reports, "daemon.pid", REPORT));
        long nonDaemonPid = Long.parseLong(Results.await(reports, "nondaemon.pid", REPORT));
        children.trackPid(daemonPid);
        children.trackPid(nonDaemonPid);
        Results.await(reports, "root.ready", REPORT);
        long daemonTicks = ProcFs.startTicks(daemonPid);
        long nonDaemonTicks = ProcFs.startTicks(nonDaemonPid);
        assertTrue(Sessions.only(runtime).orElseThrow().rootAlive());

        program.process().destroyForcibly();
        assertTrue(program.process().waitFor(10, TimeUnit.SECONDS));

        Poll.until(Duration.ofSeconds(2), () -> !ProcFs.isAlive(daemonPid, daemonTicks),
                "the daemon child dies within 2 s of its root's SIGKILL: pid=" + daemonPid);
        assertTrue(ProcFs.isAlive(nonDaemonPid, nonDaemonTicks), "the non-daemon child died with its root");

        SessionSnapshot orphaned = Sessions.only(runtime).orElseThrow();
        assertFalse(orphaned.rootAlive());
        ProcessSnapshot nd = Sessions.process(orphaned, nonDaemonPid).orElseThrow();
        assertTrue(nd.alive() && nd.orphaned(), nd.toString());
        ProcessSnapshot d = Sessions.process(orphaned, daemonPid).orElseThrow();
        assertFalse(d.alive(), d.toString());
        assertTrue(d.orphaned(), d.toString());
        assertEquals(OptionalInt.of(-15), d.exitCode(), "an orphaned daemon ends as if terminated: " + d);

        Results.signal(reports, "go");
        assertEquals("parentAlive=false", Results.await(reports, "nondaemon.done", REPORT));
        Poll.until(Duration.ofSeconds(10), () -> !ProcFs.isAlive(nonDaemonPid, nonDaemonTicks),
                "the non-daemon child exits after run(): pid=" + nonDaemonPid);

        for (ProcessSnapshot p : orphaned.processes()) {
            Poll.until(Duration.ofSeconds(10), () -> !ProcFs.isAlive(p.pid(), -1) || p.pid() == program.process()
                    .pid() && !program.process().isAlive(), "every member of the killed session ends: " + p);
        }
        Poll.until(Duration.ofSeconds(10), () -> Program.sessionFiles(runtime).isEmpty(),
                () -> "the registry of a killed root is removed once its members ended: "
                        + Program.sessionFiles(runtime));
    }
}
