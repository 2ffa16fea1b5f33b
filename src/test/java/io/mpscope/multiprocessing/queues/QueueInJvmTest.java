package io.mpscope.multiprocessing.queues;

import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueueInJvmTest extends QueueContract {
    @Override
    Elsewhere elsewhere() {
        return Elsewhere.THREADS;
    }
}
