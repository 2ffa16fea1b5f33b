package io.mpscope.multiprocessing.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QueueCrossProcessIT extends QueueContract {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @Override
    Elsewhere elsewhere() {
        return Elsewhere.processes(children);
    }

    @Test
    void a256MiBItemFromAChildArrivesIntactAndTheChildCanBeJoinedFirst() throws Exception {
        Queue<byte[]> q = ctx.queue("big", 0);
        int size = 256 << 20;
        Process p = children.track(ctx.process(() -> {
            byte[] big = new byte[size];
            for (int i = 0; i < big.length; i += 1 << 20) {
                big[i] = (byte) (i >>> 20);
            }
            big[size - 1] = 7;
            q.put(big);
        }));
        p.setJvmArgs(java.util.List.of("-Xmx1g"));
        p.start();
        assertTrue(p.join(Duration.ofSeconds(120)), "joined before anyone read the item");
        assertEquals(0, p.getExitCode().orElse(-1));
        byte[] got = q.get(Duration.ofSeconds(60));
        assertEquals(size, got.length);
        assertEquals(7, got[size - 1]);
        for (int i = 0; i < got.length; i += 1 << 20) {
            assertEquals((byte) (i >>> 20), got[i]);
        }
        assertTrue(q.empty());
    }
}
