package io.mpscope.app.demo;

import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.connection.Connection;
import io.mpscope.multiprocessing.connection.Pipe;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.queues.JoinableQueue;
import io.mpscope.multiprocessing.queues.Queue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A demo session for the queue cards of the Primitives view: producers and consumers in several processes, each
 * queue in a telling state.
 * <ul>
 *   <li>the bounded Queue {@code tasks} (maxsize 8): {@code producer-1} and {@code producer-2} put a task every
 *       300 ms, the slow {@code worker-1} and {@code worker-2} take about 1.2 s each, so it fills up and the
 *       producers wait for room;</li>
 *   <li>the unbounded Queue {@code results}: the workers put a result per task; {@code collector} takes them all
 *       every 6 s, so its depth rises and falls;</li>
 *   <li>the JoinableQueue {@code jobs}: {@code dispatcher} puts a batch of 6 jobs and joins until {@code clerk} has
 *       marked each done (0.7 s a job), then puts the next batch: unfinished tasks count down, a join waits;</li>
 *   <li>the duplex Pipe {@code ping}: {@code pinger} sends a ping every 400 ms on conn1 and reads the answers every
 *       2 s; {@code ponger} answers each on conn2 (both directions move; the answers pile up between reads). The
 *       main process closes its copies of both ends, so each direction has one writer and one reader.</li>
 * </ul>
 * It ends after the given number of seconds (default 120), terminating what still runs. Not shipped: it lives with
 * the tests.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) io.mpscope.app.demo.QueuesDemo 120</pre>
 */
public final class QueuesDemo {
    private QueuesDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 120;
        Context ctx = Multiprocessing.getContext();
        List<Process> started = new ArrayList<>();

        Queue<String> tasks = ctx.queue("tasks", 8);
        JoinableQueue<String> jobs = ctx.joinableQueue("jobs", 0);
        Queue<String> results = ctx.queue("results", 0);
        Pipe ping = ctx.pipe("ping", true);
        Connection pingEnd = ping.conn1();
        Connection pongEnd = ping.conn2();

        // a bounded work queue: fast producers, slow consumers
        for (int i = 1; i <= 2; i++) {
            String me = "producer-" + i;
            int first = i * 1000;
            started.add(ctx.process(me, () -> {
                for (int n = first; ; n++) {
                    tasks.put("task " + n + " from " + me);
                    Thread.sleep(300);
                }
            }));
        }
        for (int i = 1; i <= 2; i++) {
            long work = 1000L + 200L * i;
            started.add(ctx.process("worker-" + i, () -> {
                while (true) {
                    String task = tasks.get();
                    Thread.sleep(work);
                    results.put("done: " + task.substring(0, task.indexOf(" from")));
                }
            }));
        }
        // an unbounded queue emptied in bursts
        started.add(ctx.process("collector", () -> {
            while (true) {
                Thread.sleep(6000);
                while (!results.empty()) {
                    results.get(Duration.ofSeconds(1));
                }
            }
        }));

        // a joinable queue: batches of jobs, each waited for with join()
        started.add(ctx.process("dispatcher", () -> {
            for (int batch = 1; ; batch++) {
                for (int k = 1; k <= 6; k++) {
                    jobs.put("job " + batch + "." + k);
                }
                jobs.join();
                Thread.sleep(1500);
            }
        }));
        started.add(ctx.process("clerk", () -> {
            while (true) {
                jobs.get();
                Thread.sleep(700);
                jobs.taskDone();
            }
        }));

        // a pipe ping-ponging: answers read in bursts
        started.add(ctx.process("pinger", () -> {
            long nextRead = System.currentTimeMillis() + 2000;
            for (int n = 1; ; n++) {
                pingEnd.send("ping " + n);
                Thread.sleep(400);
                if (System.currentTimeMillis() >= nextRead) {
                    while (pingEnd.poll()) {
                        pingEnd.recv();
                    }
                    nextRead += 2000;
                }
            }
        }));
        started.add(ctx.process("ponger", () -> {
            while (true) {
                String m;
                try {
                    m = (String) pongEnd.recv();
                } catch (java.io.EOFException e) {
                    return; // the pinger has ended (the demo stops its processes one by one)
                }
                Thread.sleep(150);
                pongEnd.send("pong " + m.substring(5));
            }
        }));

        for (Process p : started) {
            p.start();
        }
        pingEnd.close(); // as in CPython: the parent lets go of the ends its children use
        pongEnd.close();
        System.out.println("demo running: pid=" + ProcessHandle.current().pid() + " seconds=" + seconds);

        Thread.sleep(seconds * 1000);
        for (Process p : started) {
            Children.stop(p, Duration.ofSeconds(2));
        }
        System.exit(0);
    }
}
