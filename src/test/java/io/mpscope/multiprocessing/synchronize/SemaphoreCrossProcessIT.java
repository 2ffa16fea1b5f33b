package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SemaphoreCrossProcessIT extends SemaphoreContract {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    @Override
    Elsewhere elsewhere() {
        return Elsewhere.processes(children);
    }
}
