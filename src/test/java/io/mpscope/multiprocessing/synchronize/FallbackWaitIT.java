package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpscope.multiprocessing.programs.FallbackWaitProgram;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Program;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Without futexes (as on macOS or Windows, or when JNA cannot load), waits park and re-check, and still work. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FallbackWaitIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    @Test
    void everyHandOffWorksWithTheParkingFallback() throws Exception {
        Program p = Program.start(children, tmp, tmp.resolve("runtime"), List.of("-Dmpscope.futex.disable=true"),
                FallbackWaitProgram.class);
        assertEquals(0, p.waitFor(Duration.ofSeconds(60)), p.err());
        assertEquals(List.of("ok"), p.outLines(), p.err());
    }
}
