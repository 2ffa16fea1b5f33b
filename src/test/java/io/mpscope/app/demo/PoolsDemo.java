package io.mpscope.app.demo;

import io.mpscope.app.services.PoolDemoTask;
import io.mpscope.app.support.Children;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.managers.AcquirerProxy;
import io.mpscope.multiprocessing.managers.DictProxy;
import io.mpscope.multiprocessing.managers.ListProxy;
import io.mpscope.multiprocessing.managers.NamespaceProxy;
import io.mpscope.multiprocessing.managers.QueueProxy;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.pool.IMapIterator;
import io.mpscope.multiprocessing.pool.Pool;
import io.mpscope.multiprocessing.pool.PoolOptions;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A demo session for the Pools and Managers views:
 * <ul>
 *   <li>the pool {@code crunchers} (4 workers) maps {@code square} (400 ms a task, chunks of 2) over 120 inputs,
 *       again and again, with an imap of {@code fail every 7th} beside it: a progress bar per call, failures
 *       counted;</li>
 *   <li>the pool {@code flaky} (2 workers) runs a map whose task 5 kills its worker: a LOST
 *       worker with its exit code, a failed call, a replacement worker;</li>
 *   <li>a SyncManager with a dict {@code scores} a child {@code scorer} changes every 3 s, a list of six events
 *       a child {@code logger} rewrites one at a time every 2.5 s, a Namespace the main program updates every 4 s,
 *       and a Lock and a Queue.</li>
 * </ul>
 * It ends after the given number of seconds (default 120). Not shipped: it lives with the tests.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) io.mpscope.app.demo.PoolsDemo 120</pre>
 */
public final class PoolsDemo {
    private PoolsDemo() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 120;
        long end = System.currentTimeMillis() + seconds * 1000;
        Context ctx = Multiprocessing.getContext();
        List<Process> started = new ArrayList<>();

        SyncManager m = ctx.manager();
        DictProxy<String, Integer> scores = m.dict();
        scores.put("alice", 0);
        scores.put("bob", 0);
        scores.put("carol", 0);
        ListProxy<String> log = m.list();
        NamespaceProxy status = m.namespace();
        status.set("phase", "warming up");
        status.set("round", 0);
        AcquirerProxy lock = m.lock();
        QueueProxy<String> inbox = m.queue();
        inbox.put("hello");
        inbox.put("world");

        Process scorer = ctx.process("scorer", () -> {
            String[] who = {"alice", "bob", "carol"};
            for (int n = 0; ; n++) {
                String k = who[n % 3];
                scores.put(k, scores.get(k) + 1 + n % 4);
                Thread.sleep(3000);
            }
        });
        Process logger = ctx.process("logger", () -> {
            for (int n = 1; ; n++) {
                if (log.size() < 6) {
                    log.add("event " + n);
                } else {
                    log.set(n % 6, "event " + n); // one row changes at a time
                }
                Thread.sleep(2500);
            }
        });
        started.add(scorer);
        started.add(logger);
        for (Process p : started) {
            p.start();
        }

        Pool crunchers = ctx.pool(PoolOptions.defaults().withProcesses(4).withName("crunchers"));
        Pool flaky = ctx.pool(PoolOptions.defaults().withProcesses(2).withName("flaky"));
        List<Integer> inputs = IntStream.range(0, 120).boxed().collect(Collectors.toList());
        Thread mapper = new Thread(() -> {
            try {
                while (System.currentTimeMillis() < end) {
                    crunchers.map(new PoolDemoTask.Square(400), inputs, 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.out.println("crunchers ended: " + e.getMessage());
            }
        }, "mapper");
        mapper.setDaemon(true);
        mapper.start();
        Thread failer = new Thread(() -> {
            try {
                IMapIterator<Integer> it = crunchers.imap(new PoolDemoTask.FailEvery(7), inputs.subList(0, 60), 1);
                while (it.hasNext()) {
                    try {
                        it.next();
                    } catch (RuntimeException e) {
                        // counted by the pool: failed tasks show in the view
                    }
                }
                flaky.map(new PoolDemoTask.KillOn(5), inputs.subList(0, 24), 1);
            } catch (RuntimeException e) {
                System.out.println("flaky call failed as planned: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                while (System.currentTimeMillis() < end) {
                    flaky.map(new PoolDemoTask.Square(300), inputs.subList(0, 30), 1);
                }
            } catch (RuntimeException | InterruptedException e) {
                System.out.println("flaky ended: " + e);
            }
        }, "failer");
        failer.setDaemon(true);
        failer.start();

        System.out.println("demo running: pid=" + ProcessHandle.current().pid() + " seconds=" + seconds);
        String[] phases = {"warming up", "crunching", "checking", "crunching"};
        for (int round = 1; System.currentTimeMillis() < end; round++) {
            Thread.sleep(4000);
            status.set("round", round);
            status.set("phase", phases[round % phases.length]);
            if (round % 3 == 0) {
                lock.acquire();
            } else if (round % 3 == 1 && round > 1) {
                lock.release();
            }
        }
        crunchers.terminate();
        flaky.terminate();
        for (Process p : started) {
            Children.stop(p, Duration.ofSeconds(2));
        }
        m.shutdown();
        System.exit(0);
    }
}
