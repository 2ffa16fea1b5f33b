package io.mpscope.app.demo;

import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo session for looking at the app: a few sleeping processes (one daemon, one with a child of its own), one
 * that exits with code 3, one that is terminated (exit code -SIGTERM). It ends after the given number of seconds
 * (default 120), terminating what still runs. Not shipped: it lives with the tests.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) io.mpscope.app.demo.SleepersDemo 120</pre>
 */
public final class SleepersDemo {
    private SleepersDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 120;
        long millis = seconds * 1000;
        List<Process> started = new ArrayList<>();

        Process worker = new Process("worker-1", () -> Thread.sleep(millis));
        Process daemon = new Process("heartbeat-daemon", () -> Thread.sleep(millis));
        daemon.setDaemon(true);
        Process parent = new Process("fan-out", () -> {
            Process inner = new Process("fan-out-child", () -> Thread.sleep(millis));
            inner.start();
            inner.join();
        });
        Process quitter = new Process("quits-with-3", () -> System.exit(3));
        Process victim = new Process("to-be-terminated", () -> Thread.sleep(millis));
        for (Process p : List.of(worker, daemon, parent, quitter, victim)) {
            p.start();
            started.add(p);
        }
        quitter.join();
        Children.stop(victim, Duration.ofSeconds(2));
        System.out.println("demo running: pid=" + ProcessHandle.current().pid() + " seconds=" + seconds);

        worker.join(Duration.ofSeconds(seconds + 5));
        for (Process p : started) {
            Children.stop(p, Duration.ofSeconds(2));
        }
    }
}
