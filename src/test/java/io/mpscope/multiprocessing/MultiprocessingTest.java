package io.mpscope.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.process.Process;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Module-level functions without child JVMs: contexts, start methods, cpu count (reference §2.11). */
class MultiprocessingTest {

    @Test
    void getContextRejectsUnknownNamesInCpythonWords() {
        IllegalArgumentException bogus = assertThrows(IllegalArgumentException.class,
                () -> Multiprocessing.getContext("bogus"));
        assertEquals("cannot find context for 'bogus'", bogus.getMessage());
        IllegalArgumentException fork = assertThrows(IllegalArgumentException.class,
                () -> Multiprocessing.getContext("fork"));
        assertTrue(fork.getMessage().startsWith("cannot find context for 'fork'"), fork.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Multiprocessing.getContext((String) null));
    }

    @Test
    void getContextByName() {
        assertEquals(StartMethod.SPAWN, Multiprocessing.getContext("spawn").getStartMethod());
        assertEquals(StartMethod.STANDBY, Multiprocessing.getContext("standby").getStartMethod());
        assertEquals(StartMethod.STANDBY, Multiprocessing.getContext("forkserver").getStartMethod());
        assertEquals("Context[spawn]", Multiprocessing.getContext(StartMethod.SPAWN).toString());
    }

    @Test
    void aContextsProcessesUseItsStartMethod() {
        Context spawn = Multiprocessing.getContext(StartMethod.SPAWN);
        Process p = spawn.process(() -> { });
        assertEquals(StartMethod.SPAWN, p.getStartMethod());
        Process named = spawn.process("named", () -> { });
        assertEquals("named", named.getName());
        assertEquals(StartMethod.SPAWN, named.getStartMethod());
    }

    /** CPython X1; the global default is restored with force afterwards. */
    @Test
    void setStartMethodTwiceNeedsForce() {
        StartMethod saved = Multiprocessing.peekStartMethod();
        try {
            Multiprocessing.setStartMethod(StartMethod.SPAWN, true);
            assertEquals(StartMethod.SPAWN, Multiprocessing.getStartMethod());
            assertEquals(StartMethod.SPAWN, Multiprocessing.peekStartMethod());
            assertEquals(StartMethod.SPAWN, Multiprocessing.getContext().getStartMethod());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Multiprocessing.setStartMethod(StartMethod.STANDBY));
            assertTrue(e.getMessage().startsWith("context has already been set"), e.getMessage());
            assertEquals(StartMethod.SPAWN, Multiprocessing.getStartMethod(), "a refused set changed the method");
            Multiprocessing.setStartMethod(StartMethod.STANDBY, true);
            assertEquals(StartMethod.STANDBY, Multiprocessing.getStartMethod());
        } finally {
            Multiprocessing.setStartMethod(saved, true);
        }
        assertEquals(saved, Multiprocessing.peekStartMethod());
    }

    @Test
    void standbyIsTheDefaultAndListedFirst() {
        assertEquals(List.of(StartMethod.STANDBY, StartMethod.SPAWN), Multiprocessing.getAllStartMethods());
        StartMethod saved = Multiprocessing.peekStartMethod();
        try {
            Multiprocessing.setStartMethod(null, true); // back to "never set"
            assertEquals(null, Multiprocessing.peekStartMethod());
            assertEquals(StartMethod.STANDBY, Multiprocessing.getStartMethod());
        } finally {
            Multiprocessing.setStartMethod(saved, true);
        }
    }

    /** CPython's os.cpu_count(): the CPUs online in the machine (sysconf _SC_NPROCESSORS_ONLN). */
    @Test
    void cpuCountIsTheNumberOfOnlineCpus() throws Exception {
        Path online = Path.of("/sys/devices/system/cpu/online");
        int expected = Runtime.getRuntime().availableProcessors();
        if (Files.exists(online)) {
            expected = 0;
            for (String range : Files.readString(online).trim().split(",")) {
                String[] ends = range.split("-");
                expected += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
            }
        }
        assertEquals(expected, Multiprocessing.cpuCount());
    }
}
