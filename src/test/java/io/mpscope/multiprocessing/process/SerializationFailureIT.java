package io.mpscope.multiprocessing.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.SerializationException;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.observe.ProcessStatus;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Results;
import io.mpscope.multiprocessing.testsupport.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target, captured value or field that cannot be serialized fails in {@code start()} with a message naming the
 * class and the field path; nothing is started, and the Process object stays usable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerializationFailureIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    /** Makes sure this JVM has a session, so "nothing new in the Observer" is a real comparison. */
    @BeforeAll
    static void ensureSession() throws InterruptedException {
        if (Sessions.own().isEmpty()) {
            Process warm = children.track(new Process(() -> { }));
            warm.start();
            warm.join();
        }
    }

    /** A value that cannot travel. */
    static final class Opaque {
        @Override
        public String toString() {
            return "opaque";
        }
    }

    /** A subclass whose list field holds whatever the test puts there. */
    static final class Carrier extends Process {
        private static final long serialVersionUID = 1L;
        final List<Object> items = new ArrayList<>();
        private final String dir;

        Carrier(String dir) {
            this.dir = dir;
        }

        @Override
        public void run() {
            Results.put(dir, "items", items);
        }
    }

    /** Live non-standby processes of this JVM's session, by pid. */
    private static Set<Long> startedProcesses() {
        return Sessions.own().orElseThrow().processes().stream()
                .filter(p -> p.status() != ProcessStatus.STANDBY && p.status() != ProcessStatus.EXITED)
                .map(ProcessSnapshot::pid)
                .collect(Collectors.toSet());
    }

    private static void assertNothingStarted(Process p, List<Process> activeBefore, Set<Long> sessionBefore) {
        assertEquals(ProcessState.INITIAL, p.getState());
        assertTrue(p.getPid().isEmpty(), "pid after a failed start: " + p.getPid());
        assertTrue(p.getExitCode().isEmpty());
        assertEquals(activeBefore, Multiprocessing.activeChildren());
        assertEquals(sessionBefore, startedProcesses(), "a process appeared in the session registry");
    }

    @Test
    void aCapturedThreadIsNamedWithItsFieldPath() {
        Thread worker = new Thread(() -> { }, "not-serializable");
        Process p = children.track(new Process(() -> System.out.println(worker.getName())));
        List<Process> activeBefore = Multiprocessing.activeChildren();
        Set<Long> sessionBefore = startedProcesses();

        SerializationException e = assertThrows(SerializationException.class, p::start);

        assertEquals("java.lang.Thread", e.getClassName());
        assertEquals("process.target.arg$1", e.getPath());
        assertEquals("cannot serialize process " + p.getName() + ": class=java.lang.Thread path=process.target.arg$1",
                e.getMessage());
        assertNothingStarted(p, activeBefore, sessionBefore);
        // The object is still usable: a second start() fails the same way, not with "cannot start twice".
        assertThrows(SerializationException.class, p::start);
        assertNothingStarted(p, activeBefore, sessionBefore);
    }

    @Test
    void aCapturedLambdaThatIsNotSerializableIsNamedAsALambda() {
        Runnable plain = () -> { };
        Process p = children.track(new Process(plain::run));
        SerializationException e = assertThrows(SerializationException.class, p::start);
        assertTrue(e.getClassName().startsWith("lambda in " + SerializationFailureIT.class.getName()),
                e.getClassName());
        assertEquals("process.target.arg$1", e.getPath());
        assertEquals(ProcessState.INITIAL, p.getState());
    }

    /** An anonymous subclass written in an instance method captures the enclosing object. */
    @Test
    void anAnonymousSubclassCapturingItsEnclosingObjectIsNamed() {
        Process p = children.track(new Process() {
            private static final long serialVersionUID = 1L;

            @Override
            public void run() {
                System.out.println(tmp);
            }
        });
        SerializationException e = assertThrows(SerializationException.class, p::start);
        assertEquals(SerializationFailureIT.class.getName(), e.getClassName());
        assertEquals("process.this$0", e.getPath());
    }

    @Test
    void anObjectInAListFieldIsNamedAndFixingTheFieldMakesStartWork() throws Exception {
        Carrier p = children.track(new Carrier(tmp.toString()));
        p.items.add("fine");
        p.items.add(new Opaque());
        List<Process> activeBefore = Multiprocessing.activeChildren();
        Set<Long> sessionBefore = startedProcesses();

        SerializationException e = assertThrows(SerializationException.class, p::start);

        assertEquals(Opaque.class.getName(), e.getClassName());
        assertEquals("process.items[1]", e.getPath());
        assertTrue(e.getMessage().contains("class=" + Opaque.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("path=process.items[1]"), e.getMessage());
        assertNothingStarted(p, activeBefore, sessionBefore);

        p.items.remove(1);
        p.start();
        p.join();
        assertEquals(OptionalInt.of(0), p.getExitCode());
        assertEquals("[fine]", Results.await(tmp, "items", Duration.ofSeconds(20)));
    }
}
