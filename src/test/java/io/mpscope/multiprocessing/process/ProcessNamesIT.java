package io.mpscope.multiprocessing.process;

import static io.mpscope.multiprocessing.Multiprocessing.activeChildren;
import static io.mpscope.multiprocessing.Multiprocessing.currentProcess;
import static io.mpscope.multiprocessing.Multiprocessing.parentProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Results;
import io.mpscope.multiprocessing.testsupport.StdCapture;
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
 * Default names from the creation counter, subclass names, names of grandchildren, and what a child sees as its
 * current and parent process (PyMOTW multiprocessing_names and multiprocessing_subclass, reference §2.2).
 * Other tests in this JVM also create processes, so numbers are asserted relative to the first object created.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessNamesIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    private static final long ME = ProcessHandle.current().pid();
    private static final Duration REPORT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    static void startingExiting() {
        String me = currentProcess().getName();
        System.out.println(me + " Starting");
        System.out.println(me + " Exiting");
    }

    /** PyMOTW multiprocessing_names: 'my_service', 'worker 1', then an unnamed third object is Process-3. */
    @Test
    void pymotwNames() throws Exception {
        Process service = children.track(new Process("my_service", ProcessNamesIT::startingExiting));
        Process first = children.track(new Process("worker 1", ProcessNamesIT::startingExiting));
        Process unnamed = children.track(new Process(ProcessNamesIT::startingExiting));
        int k = service.getIdentity()[0];
        assertEquals(k + 1, first.getIdentity()[0]);
        assertEquals("Process-" + (k + 2), unnamed.getName(), "the third object, counting from " + k);

        List<String> out;
        try (StdCapture capture = StdCapture.out()) {
            first.start();
            unnamed.start();
            service.start();
            first.join();
            unnamed.join();
            service.join();
            out = capture.lines();
        }
        for (String name : List.of("my_service", "worker 1", unnamed.getName())) {
            int starting = out.indexOf(name + " Starting");
            int exiting = out.indexOf(name + " Exiting");
            assertTrue(starting >= 0 && exiting > starting, name + " in\n" + String.join("\n", out));
            assertEquals(1, Collections.frequency(out, name + " Starting"));
            assertEquals(1, Collections.frequency(out, name + " Exiting"));
        }
    }

    /** PyMOTW multiprocessing_subclass: the default name uses the subclass's simple name. */
    @Test
    void pymotwSubclassNames() throws Exception {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            workers.add(children.track(new Worker()));
        }
        int k = workers.get(0).getIdentity()[0];
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            assertEquals("Worker-" + (k + i), workers.get(i).getName());
            expected.add("In Worker-" + (k + i));
        }

        List<String> out;
        try (StdCapture capture = StdCapture.out()) {
            workers.forEach(Process::start);
            for (Worker w : workers) {
                w.join();
            }
            out = capture.lines();
        }
        List<String> got = new ArrayList<>(out.stream().filter(l -> l.startsWith("In Worker-")).toList());
        Collections.sort(got);
        Collections.sort(expected);
        assertEquals(expected, got, "each worker prints its name once, in any order");
    }

    static final class Worker extends Process {
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            System.out.println("In " + getName());
        }
    }

    /** Child side: what a child sees, and two grandchildren it starts (reference §2.2 N4). */
    static void family(String dir, Process foreign) throws Exception {
        Process me = currentProcess();
        Results.putOutcome(dir, "child.startSelf", me::start);
        Results.putOutcome(dir, "foreign.start", foreign::start);
        Results.putOutcome(dir, "foreign.join", foreign::join);
        Results.putOutcome(dir, "foreign.isAlive", foreign::isAlive);
        Results.put(dir, "foreign.repr", foreign);
        Process parent = parentProcess();
        Results.put(dir, "child.name", me.getName());
        Results.put(dir, "child.repr", me);
        Results.put(dir, "child.alive", me.isAlive());
        Results.put(dir, "child.parent.name", parent.getName());
        Results.put(dir, "child.parent.pid", parent.getPid().getAsLong());
        Results.put(dir, "child.parent.alive", parent.isAlive());
        Results.putOutcome(dir, "child.joinSelf", me::join);
        Process g1 = new Process(() -> grandchild(dir, "g1"));
        Process g2 = new Process(() -> grandchild(dir, "g2"));
        Results.put(dir, "g1.nameInChild", g1.getName());
        Results.put(dir, "g1.daemon", g1.isDaemon());
        g1.start();
        g2.start();
        Results.put(dir, "g1.pid", g1.getPid().getAsLong());
        Results.put(dir, "g2.pid", g2.getPid().getAsLong());
        Results.put(dir, "child.active", activeChildren().size());
        g1.join();
        g2.join();
        Results.put(dir, "g1.exit", g1.getExitCode().getAsInt());
        Results.put(dir, "g2.exit", g2.getExitCode().getAsInt());
        Results.put(dir, "child.activeAfterJoin", activeChildren().size());
    }

    static void grandchild(String dir, String key) {
        Results.put(dir, key + ".name", currentProcess().getName());
        Results.put(dir, key + ".parent.name", parentProcess().getName());
        Results.put(dir, key + ".parent.pid", parentProcess().getPid().getAsLong());
        Results.put(dir, key + ".pid", ProcessHandle.current().pid());
    }

    @Test
    void grandchildrenAreNamedAfterTheirParent() throws Exception {
        String dir = tmp.toString();
        Process foreign = new Process("foreign", () -> { }); // created here, travels inside the child's target
        Process child = children.track(new Process(() -> family(dir, foreign)));
        String name = "Process-" + child.getIdentity()[0];
        assertEquals(name, child.getName());

        child.start();
        children.trackPid(Long.parseLong(Results.await(tmp, "g1.pid", REPORT)));
        children.trackPid(Long.parseLong(Results.await(tmp, "g2.pid", REPORT)));
        child.join();
        assertEquals(OptionalInt.of(0), child.getExitCode());
        long childPid = child.getPid().getAsLong();

        assertEquals(name, Results.await(tmp, "child.name", REPORT));
        assertEquals("<Process name='" + name + "' parent=" + ME + " started>",
                Results.await(tmp, "child.repr", REPORT));
        assertEquals("true", Results.await(tmp, "child.alive", REPORT));
        assertEquals("MainProcess", Results.await(tmp, "child.parent.name", REPORT));
        assertEquals(Long.toString(ME), Results.await(tmp, "child.parent.pid", REPORT));
        assertEquals("true", Results.await(tmp, "child.parent.alive", REPORT));
        String joinSelf = Results.await(tmp, "child.joinSelf", REPORT);
        assertTrue(joinSelf.startsWith("java.lang.IllegalStateException: can only join a child process"),
                joinSelf);

        // A Process object that another process created can be neither started, joined nor tested here.
        String wrongCreator = "java.lang.IllegalStateException: can only start a process object created by current"
                + " process";
        String startSelf = Results.await(tmp, "child.startSelf", REPORT);
        assertTrue(startSelf.startsWith(wrongCreator), startSelf);
        String foreignStart = Results.await(tmp, "foreign.start", REPORT);
        assertTrue(foreignStart.startsWith(wrongCreator), foreignStart);
        String foreignJoin = Results.await(tmp, "foreign.join", REPORT);
        assertTrue(foreignJoin.startsWith("java.lang.IllegalStateException: can only join a child process"),
                foreignJoin);
        String foreignAlive = Results.await(tmp, "foreign.isAlive", REPORT);
        assertTrue(foreignAlive.startsWith("java.lang.IllegalStateException: can only test a child process"),
                foreignAlive);
        assertEquals("<Process name='foreign' parent=" + ME + " unknown>", Results.await(tmp, "foreign.repr",
                REPORT));

        assertEquals(name + ":1", Results.await(tmp, "g1.nameInChild", REPORT));
        assertEquals("false", Results.await(tmp, "g1.daemon", REPORT));
        assertEquals(name + ":1", Results.await(tmp, "g1.name", REPORT));
        assertEquals(name + ":2", Results.await(tmp, "g2.name", REPORT));
        for (String g : List.of("g1", "g2")) {
            assertEquals(name, Results.await(tmp, g + ".parent.name", REPORT));
            assertEquals(Long.toString(childPid), Results.await(tmp, g + ".parent.pid", REPORT));
            assertEquals("0", Results.await(tmp, g + ".exit", REPORT));
            assertEquals(Results.await(tmp, g + ".pid", REPORT), Results.peek(tmp, g + ".pid"));
        }
        assertEquals("2", Results.await(tmp, "child.active", REPORT));
        assertEquals("0", Results.await(tmp, "child.activeAfterJoin", REPORT));
    }

    @Test
    void theRootIsMainProcess() {
        Process root = currentProcess();
        assertEquals("MainProcess", root.getName());
        assertEquals("<_MainProcess name='MainProcess' parent=None started>", root.toString());
        assertEquals(null, parentProcess());
        assertEquals(ME, root.getPid().getAsLong());
        assertTrue(root.isAlive());
        assertEquals(false, root.isDaemon());
        assertTrue(root.getExitCode().isEmpty());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                root::join);
        assertTrue(e.getMessage().startsWith("can only join a child process"), e.getMessage());
    }
}
