package io.mpscope.multiprocessing.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.programs.SegmentsProgram;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Poll;
import io.mpscope.multiprocessing.testsupport.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** No segment file outlives its session: normal exit, a SIGKILLed root, and the next session's sweep. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SegmentCleanupIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long segments(Path dir) throws IOException {
        return files(dir).stream().filter(n -> n.endsWith(".seg")).count();
    }

    private Program startAndAwaitReady(Path runtime, String mode) {
        Program p = Program.start(children, tmp, runtime, SegmentsProgram.class, mode);
        Poll.until(Duration.ofSeconds(60), () -> p.outLines().contains("ready") || !p.process().isAlive(),
                () -> "the program got ready; stderr:\n" + p.err());
        assertTrue(p.outLines().contains("ready"), p.err());
        return p;
    }

    @Test
    void normalExitLeavesNothing() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Program p = startAndAwaitReady(runtime, "exit");
        assertEquals(0, p.waitFor(Duration.ofSeconds(30)), p.err());
        assertEquals(List.of(), files(runtime));
    }

    @Test
    void aKilledRootsSegmentsAreRemovedByItsGuardian() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Program p = startAndAwaitReady(runtime, "wait");
        assertTrue(segments(runtime) >= 2, "an arena and a dedicated segment: " + files(runtime));
        p.process().destroyForcibly();
        assertTrue(p.process().waitFor(10, TimeUnit.SECONDS));
        Poll.until(Duration.ofSeconds(20), () -> {
            try {
                return files(runtime).isEmpty();
            } catch (IOException e) {
                return false;
            }
        }, () -> "the guardian removes the registry and the segments: " + tryFiles(runtime));
    }

    @Test
    void theNextSessionSweepsSegmentsOfDeadSessions() throws Exception {
        Path runtime = tmp.resolve("runtime");
        Files.createDirectories(runtime);
        Files.writeString(runtime.resolve("999999-1-0.seg"), "left by a crashed session");
        Files.writeString(runtime.resolve("999999-1-b0.seg"), "left by a crashed session");
        Files.writeString(runtime.resolve("warmup-999999-1.tmp"), "left by a standby JVM killed while warming up");
        Program p = startAndAwaitReady(runtime, "exit");
        assertEquals(0, p.waitFor(Duration.ofSeconds(30)), p.err());
        assertFalse(Files.exists(runtime.resolve("999999-1-0.seg")));
        assertFalse(Files.exists(runtime.resolve("999999-1-b0.seg")));
        assertFalse(Files.exists(runtime.resolve("warmup-999999-1.tmp")));
        assertEquals(List.of(), files(runtime));
    }

    private static String tryFiles(Path dir) {
        try {
            return files(dir).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
