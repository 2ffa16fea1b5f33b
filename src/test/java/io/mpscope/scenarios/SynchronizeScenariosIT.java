package io.mpscope.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Fixtures;
import io.mpscope.multiprocessing.testsupport.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyMOTW lock, event and condition scenarios, run as root programs, against CPython's recorded output: the same
 * lines, and the orderings that do not depend on scheduling.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SynchronizeScenariosIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    private List<String> run(Class<?> main) throws Exception {
        Program p = Program.start(children, tmp, tmp.resolve("runtime"), main);
        assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.err());
        return p.outLines();
    }

    private static List<String> masked(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("^Consumer-\\d+", "Consumer-N")).toList();
    }

    private static List<String> sorted(List<String> lines) {
        List<String> s = new ArrayList<>(lines);
        Collections.sort(s);
        return s;
    }

    @Test
    void lock() throws Exception {
        List<String> out = run(LockScenario.class);
        assertEquals(sorted(Fixtures.pymotw("lock")), sorted(out));
    }

    @Test
    void event() throws Exception {
        List<String> out = run(EventScenario.class);
        assertEquals(sorted(Fixtures.pymotw("event")), sorted(out));
        assertTrue(out.indexOf("wait_for_event_timeout: e.is_set()-> False") < out.indexOf("main: event is set"), out
                .toString());
        // the blocked child's "True" line races with main's "event is set" (both follow set()): no order between them
    }

    @Test
    void queue() throws Exception {
        assertEquals(Fixtures.pymotw("queue"), run(QueueScenario.class));
    }

    @Test
    void producerConsumer() throws Exception {
        List<String> out = run(ProducerConsumerScenario.class);
        int consumers = io.mpscope.multiprocessing.Multiprocessing.cpuCount() * 2;
        assertEquals("Creating " + consumers + " consumers", out.get(0));
        // the recorded run had 4 consumers (2 CPUs); which consumer takes which task is free, so mask the numbers
        if (consumers == 4) {
            assertEquals(sorted(masked(Fixtures.pymotw("producer_consumer"))), sorted(masked(out)));
        }
        List<String> results = out.stream().filter(l -> l.startsWith("Result: ")).toList();
        assertEquals(10, results.size());
        for (int i = 0; i < 10; i++) {
            assertTrue(results.contains("Result: " + i + " * " + i + " = " + (i * i)), results.toString());
        }
        assertEquals(consumers, out.stream().filter(l -> l.matches("Consumer-\\d+: Exiting")).count());
        assertTrue(out.indexOf(results.get(0)) > out.lastIndexOf(out.stream()
                .filter(l -> l.matches("Consumer-\\d+: \\d+ \\* \\d+")).reduce((a, b) -> b).orElseThrow()),
                "results are printed after tasks.join(), so after every task line");
    }

    @Test
    void condition() throws Exception {
        List<String> out = run(ConditionScenario.class);
        assertEquals(sorted(Fixtures.pymotw("condition")), sorted(out));
        int ready = out.indexOf("s1 done and ready for stage 2");
        assertTrue(ready < out.indexOf("stage_2[1] running") && ready < out.indexOf("stage_2[2] running"),
                out.toString());
        assertEquals(List.of("Starting stage_2[1]", "Starting stage_2[2]", "Starting s1"), out.subList(0, 3));
    }
}
