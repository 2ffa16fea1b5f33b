package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A Process object before start(), in one JVM: state, repr, names from the counter, misuse (reference §2.1). */
class ProcessObjectTest {
    private static final long ME = ProcessHandle.current().pid();

    static final class Worker extends Process {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anUnstartedProcessLooksLikeCpythons() {
        Process p = new Process(() -> { });
        assertFalse(p.isAlive());
        assertTrue(p.getPid().isEmpty());
        assertTrue(p.getIdent().isEmpty());
        assertTrue(p.getExitCode().isEmpty());
        assertFalse(p.isDaemon());
        assertEquals(ProcessState.INITIAL, p.getState());
        assertEquals(ME, p.getCreatorPid());
        assertEquals("<Process name='" + p.getName() + "' parent=" + ME + " initial>", p.toString());
    }

    @Test
    void theCounterAdvancesAtConstructionAndIsSharedBySubclasses() {
        Process a = new Process();
        new Process(); // never started: still uses a number
        Worker w = new Worker();
        Process anonymous = new Process() {
            private static final long serialVersionUID = 1L;
        };
        int k = a.getIdentity()[0];
        assertEquals("Process-" + k, a.getName());
        assertEquals("Worker-" + (k + 2), w.getName());
        assertEquals("Process-" + (k + 3), anonymous.getName(), "an anonymous subclass is named Process-N");
        assertEquals(1, a.getIdentity().length, "the root's children have one-number identities");
    }

    @Test
    void getIdentityReturnsACopy() {
        Process p = new Process();
        int[] id = p.getIdentity();
        id[0] = -1;
        assertArrayEquals(new int[] {Integer.parseInt(p.getName().substring("Process-".length()))},
                p.getIdentity());
    }

    @Test
    void misuseBeforeStartIsReportedInCpythonWords() {
        Process p = new Process(() -> { });
        IllegalStateException join = assertThrows(IllegalStateException.class, p::join);
        assertTrue(join.getMessage().startsWith("can only join a started process"), join.getMessage());
        IllegalStateException timed = assertThrows(IllegalStateException.class, () -> p.join(Duration.ZERO));
        assertTrue(timed.getMessage().startsWith("can only join a started process"), timed.getMessage());
        // CPython raises an AttributeError by accident here (P3); a clear state error is the port's choice.
        assertThrows(IllegalStateException.class, p::terminate);
        assertThrows(IllegalStateException.class, p::kill);
        assertThrows(IllegalStateException.class, p::onExit);
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> p.setName(null));
        assertEquals("name must be a string", name.getMessage());
        p.setName("renamed");
        assertEquals("renamed", p.getName());
    }

    @Test
    void closeBeforeStartIsAllowedAndMakesTheObjectUnusable() {
        Process p = new Process("never-started", () -> { });
        p.close();
        p.close();
        assertEquals("never-started", p.getName());
        assertEquals("<Process name='never-started' parent=" + ME + " closed>", p.toString());
        for (Runnable call : List.<Runnable>of(p::start, p::isAlive, p::getExitCode)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call::run);
            assertTrue(e.getMessage().startsWith("process object is closed"), e.getMessage());
        }
    }

    @Test
    void daemonFlagAndJvmArgsCanBeSetBeforeStart() {
        Process p = new Process();
        p.setDaemon(true);
        assertTrue(p.isDaemon());
        assertTrue(p.toString().endsWith(" initial daemon>"), p.toString());
        p.setJvmArgs(List.of("-Xmx64m"));
        assertEquals(List.of("-Xmx64m"), p.getJvmArgs());
    }

    @Test
    void runCalledDirectlyRunsTheTargetHere() throws Exception {
        AtomicLong where = new AtomicLong();
        Process p = new Process(() -> where.set(ProcessHandle.current().pid()));
        p.run();
        assertEquals(ME, where.get());
        assertEquals(ProcessState.INITIAL, p.getState(), "run() is not start()");
    }

    @Test
    void theRootProcessIsMainProcessWithA32ByteAuthkey() {
        Process root = Multiprocessing.currentProcess();
        assertEquals("MainProcess", root.getName());
        assertEquals("<_MainProcess name='MainProcess' parent=None started>", root.toString());
        assertEquals(null, Multiprocessing.parentProcess());
        assertEquals(32, root.getAuthkey().length);
        assertArrayEquals(root.getAuthkey(), new Process().getAuthkey(), "one authkey per process");
        assertTrue(Multiprocessing.activeChildren().isEmpty());
    }
}
