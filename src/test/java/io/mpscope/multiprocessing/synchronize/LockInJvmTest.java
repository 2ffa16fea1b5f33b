package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LockInJvmTest extends LockContract {
    @Override
    Elsewhere elsewhere() {
        return Elsewhere.THREADS;
    }
}
