package io.mpscope.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
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

/** The PyMOTW pool scenarios, run as root programs, against CPython's recorded output. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolScenariosIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    private List<String> run(Class<?> main) throws Exception {
        Program p = Program.start(children, tmp, tmp.resolve("runtime"), main);
        assertEquals(0, p.waitFor(Duration.ofSeconds(90)), p.err());
        return p.outLines();
    }

    private static List<String> masked(List<String> lines) {
        List<String> s = new ArrayList<>();
        for (String l : lines) {
            s.add(l.replaceAll("0x[0-9a-f]+", "0xADDR"));
        }
        Collections.sort(s);
        return s;
    }

    /** Checks the lines around the workers' and returns the "Starting ..." lines, numbered 1..k in some order. */
    private static List<String> check(List<String> out) {
        assertEquals("Input   : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", out.get(0));
        assertTrue(out.get(1).matches("Built-in: <map object at 0x[0-9a-f]+>"), out.get(1));
        assertEquals("Pool    : [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]", out.get(out.size() - 1));
        List<String> starting = out.subList(2, out.size() - 1);
        for (int n = 1; n <= starting.size(); n++) {
            assertTrue(starting.contains("Starting ForkPoolWorker-" + n), out.toString());
        }
        return starting;
    }

    @Test
    void pool() throws Exception {
        List<String> out = run(PoolScenario.class);
        int workers = Multiprocessing.cpuCount() * 2;
        assertEquals(workers, check(out).size(), out.toString());
        if (workers == 4) { // the recording was made with 2 CPUs
            assertEquals(masked(Fixtures.pymotw("pool")), masked(out));
        }
    }

    @Test
    void poolMaxtasksperchild() throws Exception {
        // 10 tasks of chunksize ceil(10 / (4 * workers)) = 1 and at most 2 per worker: a worker that ran 2 is replaced,
        // so more workers start than the pool holds. How many depends on which worker takes which task (scheduling),
        // in CPython too (the recording has 8); at least one must be replaced (5 workers are needed for 10 tasks), and
        // at most 5 are (only a worker that ran 2 tasks is replaced; one may be replaced after the last task, before
        // close(), as in CPython): 4 workers + 5 replacements = 9 was seen once in a full run.
        List<String> out = run(PoolMaxtasksperchildScenario.class);
        int workers = Multiprocessing.cpuCount() * 2;
        List<String> starting = check(out);
        assertTrue(starting.size() > workers && starting.size() <= workers + 10 / 2, out.toString());
        List<String> recorded = Fixtures.pymotw("pool_maxtasksperchild");
        List<String> others = out.stream().filter(l -> !l.startsWith("Starting ")).toList();
        assertEquals(masked(recorded.stream().filter(l -> !l.startsWith("Starting ")).toList()), masked(others));
    }

    @Test
    void wordcountThroughSimpleMapReduce() throws Exception {
        List<String> out = run(WordcountScenario.class);
        List<String> recorded = Fixtures.pymotw("wordcount");
        // the table is printed by the main process, in order; the workers' lines may come in any order
        List<String> table = recorded.subList(recorded.indexOf("TOP 10 WORDS BY FREQUENCY") - 1, recorded.size());
        assertEquals(table, out.subList(out.indexOf("TOP 10 WORDS BY FREQUENCY") - 1, out.size()));
        List<String> reading = out.stream().filter(l -> l.contains(" reading ")).sorted().toList();
        assertEquals(4, reading.size(), out.toString());
        for (String file : List.of("basics.txt", "communication.txt", "index.txt", "mapreduce.txt")) {
            assertTrue(reading.stream().anyMatch(l -> l.matches("ForkPoolWorker-[1-4] reading " + file)),
                    reading.toString());
        }
        assertEquals(masked(recorded).size(), out.size(), out.toString());
    }
}
