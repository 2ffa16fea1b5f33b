package io.mpscope.multiprocessing.connection;

import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipeInJvmTest extends PipeContract {
    @Override
    Elsewhere elsewhere() {
        return Elsewhere.THREADS;
    }
}
