package io.mpscope.app.demo;

import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo session for looking at the app: a few sleeping processes (one daemon, one with a child of its own), one
 * that exits with code 3, one that is terminated (exit code -SIGTERM), and three that burn CPU so the CPU column,
 * sparklines, core strips and meters show something: one mostly busy, one with two half-busy threads, one in bursts. It
 * ends after the given number of seconds (default 120), terminating what still runs. Not shipped: it lives with
 * the tests.
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
            Process inner = new Process("fan-out-child", () -> burn(millis, 1, 0.05));
            inner.start();
            inner.join();
        });
        Process cruncher = new Process("cruncher", () -> burn(millis, 1, 0.3));
        Process twoThreads = new Process("two-threads", () -> burn(millis, 2, 0.15));
        Process bursts = new Process("bursty", () -> burn(millis, 1, 0.3));
        Process quitter = new Process("quits-with-3", () -> System.exit(3));
        Process victim = new Process("to-be-terminated", () -> Thread.sleep(millis));
        for (Process p : List.of(worker, daemon, parent, cruncher, twoThreads, bursts, quitter, victim)) {
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

    /**
     * Keeps {@code threads} threads busy for {@code millis}, each running {@code duty} of every 400 ms (1.0 is flat
     * out), then returns.
     */
    public static void burn(long millis, int threads, double duty) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                long sink = 0;
                while (System.nanoTime() < end) {
                    long busyUntil = System.nanoTime() + (long) (400_000_000 * duty);
                    while (System.nanoTime() < busyUntil) {
                        sink += busyUntil ^ sink;
                    }
                    if (duty < 1.0) {
                        try {
                            Thread.sleep((long) (400 * (1 - duty)));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                if (sink == 42) {
                    System.out.print(""); // keeps the loop from being optimised away
                }
            }, "burner-" + i);
            t.setDaemon(true);
            t.start();
            all.add(t);
        }
        for (Thread t : all) {
            t.join();
        }
    }
}
