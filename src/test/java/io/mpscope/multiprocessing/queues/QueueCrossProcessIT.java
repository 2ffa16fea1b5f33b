package io.mpscope.multiprocessing.queues;

import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.util.concurrent.TimeUnit;
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
}
