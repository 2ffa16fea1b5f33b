package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.process.Process;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launched program on an extra class path that starts library Processes of its own: its children must find its
 * classes too, though they are on no class path the app was started with.
 */
@Timeout(60)
class NestedLaunchIT {
    @TempDir
    Path dir;
    private Process child;

    @AfterEach
    void tearDown() throws Exception {
        assertTrue(Children.stop(child, Duration.ofSeconds(2)), "child ended");
    }

    @Test
    void shouldLetALaunchedProgramStartProcessesOfItsOwnClasses() throws Exception {
        Path classes = Compiled.compile(dir, "demo.Nested", Compiled.NESTED);
        Path out = dir.resolve("out.txt");
        child = new Process("nested", new MainClassTarget(List.of(classes.toString()), "demo.Nested",
                List.of(out.toString())));

        child.start();
        assertTrue(child.join(Duration.ofSeconds(45)), "ended");

        assertEquals(0, child.getExitCode().getAsInt(), "the grandchild ran (it exits 1 if it cannot load demo.Nested)");
        assertEquals("from grandchild", Files.readString(out));
    }
}
