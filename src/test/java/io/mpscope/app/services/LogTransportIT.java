package io.mpscope.app.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real child JVM started while the log service runs: its Logback records, and the library's own lifecycle records
 * forwarded through SLF4J, reach the app's buffer tagged with the child's pid and process name.
 */
@Timeout(60)
class LogTransportIT {
    private final LogBuffer buffer = new LogBuffer(1000);
    private final LogService service = new LogService(buffer);
    private Process child;

    @AfterEach
    void tearDown() throws Exception {
        try {
            Children.stop(child, Duration.ofSeconds(2));
        } finally {
            service.close();
        }
    }

    private Optional<LogEvent> find(long pid, String message) {
        return buffer.since(0).stream().filter(e -> e.pid() == pid && e.message().startsWith(message)).findFirst();
    }

    @Test
    void shouldReceiveAChildsRecordsWithItsPidAndName() throws Exception {
        service.start();
        child = new Process("log-child", new MainClassTarget(List.of(), "io.mpscope.app.demo.SleepyMain",
                List.of("1", "fail")));
        child.start();
        long pid = child.getPid().orElseThrow();
        child.join();
        assertEquals(1, child.getExitCode().getAsInt());

        Poll.until(Duration.ofSeconds(10), () -> find(pid, "about to fail").isPresent(),
                () -> "the child's warning arrived: records=" + buffer.since(0));
        LogEvent warn = find(pid, "about to fail").orElseThrow();
        assertEquals(LogEvent.Level.WARN, warn.level());
        assertEquals("log-child", warn.process());
        assertEquals("io.mpscope.app.demo.SleepyMain", warn.logger());

        LogEvent start = find(pid, "starting: seconds=1").orElseThrow();
        assertEquals(LogEvent.Level.INFO, start.level());
        LogEvent lifecycle = find(pid, "child process calling self.run()").orElseThrow();
        assertEquals("multiprocessing", lifecycle.logger());
        assertEquals("log-child", lifecycle.process(), "the mp.process MDC key names the process");
        Poll.until(Duration.ofSeconds(10), () -> find(pid, "process exiting with exitcode 1").isPresent(),
                "the child's last record arrived");
    }
}
