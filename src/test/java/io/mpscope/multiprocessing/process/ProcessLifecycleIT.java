package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Jvms;
import io.mpscope.multiprocessing.testsupport.Poll;
import io.mpscope.multiprocessing.testsupport.Results;
import io.mpscope.multiprocessing.testsupport.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Process on real child JVMs: targets, subclasses, both start methods, join, terminate, kill, close, misuse. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessLifecycleIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    private static final long ME = ProcessHandle.current().pid();
    private static final Duration REPORT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    /** Child side: reports who it is. */
    static void reportSelf(String dir, String payload) {
        Process me = Multiprocessing.currentProcess();
        Results.put(dir, "pid", ProcessHandle.current().pid());
        Results.put(dir, "name", me.getName());
        Results.put(dir, "daemon", me.isDaemon());
        Results.put(dir, "payload", payload);
        Results.put(dir, "startTicks", Jvms.startTicks(ProcessHandle.current().pid()));
    }

    /** A subclass that overrides run(); its field is its argument. */
    static final class Reporter extends Process {
        private static final long serialVersionUID = 1L;
        private final String dir;

        Reporter(String dir) {
            this.dir = dir;
        }

        @Override
        public void run() {
            reportSelf(dir, "from run() of " + getClass().getSimpleName());
        }
    }

    @Test
    void runsASerializableLambdaWithItsCapturedValuesInAChildJvm() throws Exception {
        String dir = tmp.toString();
        int answer = 42;
        List<String> words = List.of("a", "b");
        Process p = children.track(new Process(() -> reportSelf(dir, answer + " " + words)));

        p.start();
        p.join();

        long childPid = Long.parseLong(Results.await(tmp, "pid", REPORT));
        assertNotEquals(ME, childPid, "the target ran in the test JVM");
        assertEquals(childPid, p.getPid().getAsLong());
        assertEquals("42 [a, b]", Results.await(tmp, "payload", REPORT));
        assertEquals(p.getName(), Results.await(tmp, "name", REPORT));
        assertEquals(OptionalInt.of(0), p.getExitCode());
    }

    @Test
    void runsTheOverriddenRunOfASubclassInAChildJvm() throws Exception {
        Reporter p = children.track(new Reporter(tmp.toString()));
        assertTrue(p.getName().matches("Reporter-\\d+"), p.getName());

        p.start();
        p.join();

        assertNotEquals(ME, Long.parseLong(Results.await(tmp, "pid", REPORT)));
        assertEquals("from run() of Reporter", Results.await(tmp, "payload", REPORT));
        assertEquals(p.getName(), Results.await(tmp, "name", REPORT));
        assertEquals(OptionalInt.of(0), p.getExitCode());
    }

    @Test
    void runCalledDirectlyRunsInTheCallingProcess() throws Exception {
        Reporter p = new Reporter(tmp.toString());
        p.run();
        assertEquals(ME, Long.parseLong(Results.await(tmp, "pid", REPORT)));
        assertEquals("MainProcess", Results.await(tmp, "name", REPORT));
    }

    @Test
    void nameAndDaemonCanBeGiven() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process("my_service", () -> reportSelf(dir, "")));
        p.setDaemon(true);
        assertEquals("my_service", p.getName());
        assertTrue(p.isDaemon());

        p.start();
        p.join();

        assertEquals("my_service", Results.await(tmp, "name", REPORT));
        assertEquals("true", Results.await(tmp, "daemon", REPORT));
    }

    /**
     * STANDBY hands the process to a JVM that was running before {@code start()}; SPAWN launches one after it.
     * Start times are compared in boot clock ticks (10 ms), so the margins are whole ticks.
     */
    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void startMethodDecidesWhetherThePidIsAPrestartedJvm(StartMethod method) throws Exception {
        ensureWarmStandbyJvm();
        Set<Long> ready = Jvms.readyStandbyPids(Sessions.own().orElseThrow());
        String dir = tmp.toString();
        Process p = method == StartMethod.SPAWN
                ? Multiprocessing.getContext(StartMethod.SPAWN).process(() -> reportSelf(dir, ""))
                : new Process(() -> reportSelf(dir, ""));
        children.track(p);
        assertEquals(method == StartMethod.SPAWN ? StartMethod.SPAWN : null, p.getStartMethod());

        long before = Jvms.ticksNow();
        p.start();
        p.join();

        long pid = p.getPid().getAsLong();
        long started = Long.parseLong(Results.await(tmp, "startTicks", REPORT));
        assertEquals(OptionalInt.of(0), p.getExitCode());
        if (method == StartMethod.STANDBY) {
            assertTrue(ready.contains(pid), "not one of the warm standby JVMs " + ready + ": pid=" + pid);
            assertTrue(started < before, "standby JVM started at tick " + started + ", start() at " + before);
        } else {
            assertFalse(ready.contains(pid), "SPAWN used a standby JVM: pid=" + pid);
            assertTrue(started >= before - 1, "spawned JVM started at tick " + started + ", start() at " + before);
        }
    }

    @Test
    void setStartMethodOnTheProcessChoosesSpawn() throws Exception {
        ensureWarmStandbyJvm();
        Set<Long> ready = Jvms.readyStandbyPids(Sessions.own().orElseThrow());
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> reportSelf(dir, "")));
        p.setStartMethod(StartMethod.SPAWN);

        long before = Jvms.ticksNow();
        p.start();
        p.join();

        assertFalse(ready.contains(p.getPid().getAsLong()));
        assertTrue(Long.parseLong(Results.await(tmp, "startTicks", REPORT)) >= before - 1);
        assertEquals(OptionalInt.of(0), p.getExitCode());
    }

    /** Makes sure this JVM's session has a warmed-up standby JVM (the first start fills the pool). */
    private void ensureWarmStandbyJvm() throws InterruptedException {
        if (Sessions.own().isEmpty()) {
            Process warm = children.track(new Process(() -> { }));
            warm.start();
            warm.join();
        }
        Poll.until(Duration.ofSeconds(30),
                () -> !Jvms.readyStandbyPids(Sessions.own().orElseThrow()).isEmpty(), "a warm standby JVM");
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileTheChildRunsAndTrueOnceItEnded() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> {
            Results.put(dir, "started", "yes");
            Results.awaitSignal(dir, "go", Duration.ofSeconds(30));
        }));
        assertTrue(p.getPid().isEmpty(), "pid before start");
        assertTrue(p.getExitCode().isEmpty(), "exit code before start");
        assertFalse(p.isAlive(), "alive before start");

        p.start();
        assertTrue(p.isAlive());
        assertTrue(p.getPid().isPresent());
        assertEquals(ME, ProcessHandle.of(p.getPid().getAsLong()).orElseThrow().parent().orElseThrow().pid());
        Results.await(tmp, "started", REPORT);

        long t0 = System.nanoTime();
        boolean ended = p.join(Duration.ofMillis(300));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertFalse(ended, "join(300ms) on a running child");
        assertTrue(waitedMs >= 290, "join(300ms) returned after " + waitedMs + " ms");
        assertTrue(waitedMs < 5000, "join(300ms) returned after " + waitedMs + " ms");
        assertTrue(p.isAlive());
        assertTrue(p.getExitCode().isEmpty(), "exit code while running: " + p.getExitCode());
        assertEquals(ProcessState.STARTED, p.getState());

        Results.signal(tmp, "go");
        assertTrue(p.join(Duration.ofSeconds(20)));
        assertFalse(p.isAlive());
        assertEquals(OptionalInt.of(0), p.getExitCode());
        p.join(); // joining again is allowed
        assertEquals(OptionalInt.of(0), p.getExitCode());
        assertEquals(ProcessState.STOPPED, p.getState());
    }

    /** PyMOTW multiprocessing_terminate, and CPython's rule that finally blocks and exit handlers do not run. */
    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void terminateKillsBySigtermWithoutFinallyOrShutdownHooks(StartMethod method) throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Results.put(dir, "hook", "ran")));
            try {
                Results.put(dir, "started", "yes");
                Thread.sleep(30_000);
            } finally {
                Results.put(dir, "finally", "ran");
            }
        }));
        p.setStartMethod(method);
        String prefix = "<Process name='" + p.getName() + "'";
        assertEquals(prefix + " parent=" + ME + " initial>", p.toString());

        p.start();
        long pid = p.getPid().getAsLong();
        assertEquals(prefix + " pid=" + pid + " parent=" + ME + " started>", p.toString());
        assertTrue(p.isAlive());
        Results.await(tmp, "started", REPORT);

        p.terminate();
        p.join();

        assertEquals(OptionalInt.of(-15), p.getExitCode());
        assertFalse(p.isAlive());
        assertEquals(prefix + " pid=" + pid + " parent=" + ME + " stopped exitcode=-SIGTERM>", p.toString());
        assertEquals(null, Results.peek(tmp, "finally"), "a finally block ran after terminate()");
        assertEquals(null, Results.peek(tmp, "hook"), "a shutdown hook ran after terminate()");
    }

    @Test
    void terminateRightAfterStartStillReportsSigterm() throws Exception {
        Process p = children.track(Multiprocessing.getContext(StartMethod.SPAWN).process(
                () -> Thread.sleep(30_000)));
        p.start();
        p.terminate();
        p.join();
        assertEquals(OptionalInt.of(-15), p.getExitCode());
    }

    @Test
    void killKillsBySigkill() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> {
            try {
                Results.put(dir, "started", "yes");
                Thread.sleep(30_000);
            } finally {
                Results.put(dir, "finally", "ran");
            }
        }));
        p.start();
        Results.await(tmp, "started", REPORT);

        p.kill();
        p.join();

        assertEquals(OptionalInt.of(-9), p.getExitCode());
        assertTrue(p.toString().endsWith(" stopped exitcode=-SIGKILL>"), p.toString());
        assertEquals(null, Results.peek(tmp, "finally"));
    }

    @Test
    void closeRefusesARunningProcessAndThenMakesTheObjectUnusable() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process("closable", () -> Results.awaitSignal(dir, "go",
                Duration.ofSeconds(30))));
        p.start();

        IllegalStateException running = assertThrows(IllegalStateException.class, p::close);
        assertEquals("Cannot close a process while it is still running. You should first call join() or "
                + "terminate().", running.getMessage());
        assertTrue(p.isAlive(), "a refused close() must leave the process running");

        Results.signal(tmp, "go");
        p.join();
        long pid = p.getPid().getAsLong();
        p.close();
        p.close(); // closing twice is allowed

        assertEquals("closable", p.getName(), "the name stays readable after close()");
        for (Runnable call : List.<Runnable>of(p::isAlive, p::getExitCode, p::getPid, p::start, p::terminate, p::kill,
                () -> {
                    try {
                        p.join();
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                })) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().startsWith("process object is closed"), e.getMessage());
        }
        assertEquals(ProcessState.CLOSED, p.getState());
        // CPython drops the popen object in close(), so its repr no longer shows a pid.
        assertEquals("<Process name='closable' parent=" + ME + " closed>", p.toString(), "pid was " + pid);
    }

    @Test
    void misuseOfAStartedProcessIsReportedInCpythonWords() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> Results.awaitSignal(dir, "go", Duration.ofSeconds(30))));
        p.start();
        try {
            IllegalStateException twice = assertThrows(IllegalStateException.class, p::start);
            assertTrue(twice.getMessage().startsWith("cannot start a process twice"), twice.getMessage());
            IllegalStateException daemon = assertThrows(IllegalStateException.class, () -> p.setDaemon(true));
            assertTrue(daemon.getMessage().startsWith("process has already started"), daemon.getMessage());
            assertFalse(p.isDaemon());
            IllegalStateException method = assertThrows(IllegalStateException.class,
                    () -> p.setStartMethod(StartMethod.SPAWN));
            assertTrue(method.getMessage().startsWith("process has already started"), method.getMessage());
        } finally {
            Results.signal(tmp, "go");
        }
        p.join();
        IllegalStateException afterJoin = assertThrows(IllegalStateException.class, p::start);
        assertTrue(afterJoin.getMessage().startsWith("cannot start a process twice"), afterJoin.getMessage());
        assertEquals(OptionalInt.of(0), p.getExitCode());
    }

    /** Like CPython's threading._shutdown(): the child waits for the non-daemon threads its run() started. */
    @Test
    void theChildWaitsForItsUserThreadsBeforeExiting() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                Results.put(dir, "thread", "finished");
            }, "user-thread");
            t.start();
        }));
        p.start();
        p.join();
        assertEquals(OptionalInt.of(0), p.getExitCode());
        assertEquals("finished", Results.peek(tmp, "thread"), "the child exited before its user thread ended");
    }

    /** The child's stdin is empty (CPython gives /dev/null); system properties and JVM options reach it. */
    @Test
    void theChildGetsAnEmptyStdinThePropertiesAndItsJvmArgs() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> {
            Results.put(dir, "stdin", System.in.read());
            Results.put(dir, "property", System.getProperty("mpscope.test.travelling"));
            Results.put(dir, "jvmArg", System.getProperty("mpscope.test.jvmArg"));
        }));
        p.setJvmArgs(List.of("-Dmpscope.test.jvmArg=given"));
        System.setProperty("mpscope.test.travelling", "set in the parent");
        try {
            p.start();
        } finally {
            System.clearProperty("mpscope.test.travelling");
        }
        p.join();
        assertEquals(OptionalInt.of(0), p.getExitCode());
        assertEquals("-1", Results.await(tmp, "stdin", REPORT));
        assertEquals("set in the parent", Results.await(tmp, "property", REPORT));
        assertEquals("given", Results.await(tmp, "jvmArg", REPORT));
    }

    /** join() documents that the child's output has reached this process when it returns. */
    @Test
    void afterJoinAllOutputHasArrived() throws Exception {
        int lines = 20_000;
        Process p = children.track(new Process(() -> {
            for (int i = 0; i < lines; i++) {
                System.out.println("line " + i);
            }
        }));
        List<String> out;
        try (io.mpscope.multiprocessing.testsupport.StdCapture capture =
                     io.mpscope.multiprocessing.testsupport.StdCapture.quietOut()) {
            p.start();
            p.join();
            out = capture.lines();
        }
        assertEquals(lines, out.stream().filter(l -> l.startsWith("line ")).count());
        assertEquals("line " + (lines - 1), out.get(out.size() - 1));
    }

    @Test
    void anInterruptedJoinThrowsAndLeavesTheChildRunning() throws Exception {
        String dir = tmp.toString();
        Process p = children.track(new Process(() -> Results.awaitSignal(dir, "go", Duration.ofSeconds(30))));
        p.start();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, p::join);
        assertFalse(Thread.interrupted(), "the interrupt was not consumed");
        assertTrue(p.isAlive());
        Results.signal(tmp, "go");
        p.join();
        assertEquals(OptionalInt.of(0), p.getExitCode());
    }

    @Test
    void aProcessWithoutTargetExitsWithZero() throws Exception {
        Process p = children.track(new Process());
        p.start();
        p.join();
        assertEquals(OptionalInt.of(0), p.getExitCode());
    }

    /** CPython P26: only live children are listed; a finished one is reaped by the call. */
    @Test
    void activeChildrenListsOnlyLiveChildren() throws Exception {
        String dir = tmp.toString();
        Process longer = children.track(new Process(() -> Results.awaitSignal(dir, "go", Duration.ofSeconds(30))));
        Process shorter = children.track(new Process(() -> { }));
        longer.start();
        shorter.start();
        ProcessHandle.of(shorter.getPid().getAsLong()).ifPresent(h -> h.onExit().join());

        List<Process> active = Multiprocessing.activeChildren();
        assertTrue(active.contains(longer), "live child missing: " + active);
        assertFalse(active.contains(shorter), "ended child still listed: " + active);

        Results.signal(tmp, "go");
        longer.join();
        shorter.join();
        assertFalse(Multiprocessing.activeChildren().contains(longer));
        assertFalse(Multiprocessing.activeChildren().contains(shorter));
    }

    @Test
    void onExitCompletesWithTheProcessOnceItsExitCodeIsKnown() throws Exception {
        Process p = children.track(new Process(() -> System.exit(4)));
        p.start();
        Process done = p.onExit().get(20, TimeUnit.SECONDS);
        assertEquals(p, done);
        assertEquals(OptionalInt.of(4), p.getExitCode());
    }
}
