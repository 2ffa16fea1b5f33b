package io.mpscope.multiprocessing.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.io.EOFException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PipeCrossProcessIT extends PipeContract {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @Override
    Elsewhere elsewhere() {
        return Elsewhere.processes(children);
    }

    @Test
    void aKilledWriterIsAnEndOfFileNotAHang() throws Exception {
        Pipe p = ctx.pipe(false);
        Connection r = p.conn1();
        Connection w = p.conn2();
        Process child = children.track(Multiprocessing.getContext().process(() -> {
            w.send("last words");
            Thread.sleep(120_000);
        }));
        child.start();
        w.close();
        assertEquals("last words", r.recv());
        child.kill();
        assertThrows(EOFException.class, r::recv);
    }

    @Test
    void waitSeesAProcessEnd() throws Exception {
        Process child = children.track(Multiprocessing.getContext().process(() -> Thread.sleep(200)));
        child.start();
        assertEquals(List.of(child), Connection.wait(List.of(child), Duration.ofSeconds(30)));
        assertTrue(child.join(Duration.ofSeconds(10)));
    }
}
