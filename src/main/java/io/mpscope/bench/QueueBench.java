package io.mpscope.bench;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.connection.Connection;
import io.mpscope.multiprocessing.connection.Pipe;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.queues.JoinableQueue;
import io.mpscope.multiprocessing.queues.Queue;
import io.mpscope.multiprocessing.queues.SimpleQueue;
import io.mpscope.multiprocessing.synchronize.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The queue and pipe sections of {@link MpBench}, measured as {@code py_mp_bench.py}'s
 * {@code bench_queue_throughput}, {@code bench_simplequeue_joinable} and {@code bench_pingpong} do: a child producer
 * and the parent consuming (time from "go" to the last get), the parent putting into a joinable queue a child
 * drains, and round trips through a child that echoes.
 */
final class QueueBench {
    private static final StartMethod M = StartMethod.STANDBY;

    private QueueBench() {
    }

    static void throughput(SyncBench.Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        Object[][] cases = {{"int", 0, quick ? 20_000 : 200_000, 3}, {"1KiB", 1024, quick ? 2_000 : 20_000, 5},
                {"64KiB", 65536, quick ? 200 : 2_000, 5}};
        for (Object[] c : cases) {
            String label = (String) c[0];
            int size = (Integer) c[1];
            int n = (Integer) c[2];
            int reps = (Integer) c[3];
            List<Double> rates = new ArrayList<>();
            List<Double> mbs = new ArrayList<>();
            // Each case starts on recently written memory (see MpBench.rewriteYoungGeneration); the section's first
            // starts right after MpBench.awaitQuiet did it.
            if (c != cases[0]) {
                MpBench.rewriteYoungGeneration();
            }
            for (int rep = 0; rep <= reps; rep++) {
                Queue<Object> q = ctx.queue();
                Event ready = ctx.event();
                Event go = ctx.event();
                ctx.prestart(Duration.ofSeconds(30));
                Process p = ctx.process(() -> {
                    byte[] payload = size == 0 ? null : new byte[size];
                    if (payload != null) {
                        Arrays.fill(payload, (byte) 'x');
                    }
                    ready.set();
                    go.await();
                    if (payload == null) {
                        for (int i = 0; i < n; i++) {
                            q.put(i);
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            q.put(payload);
                        }
                    }
                });
                p.start();
                ready.await();
                long t0 = System.nanoTime();
                go.set();
                for (int i = 0; i < n; i++) {
                    q.get();
                }
                long t1 = System.nanoTime();
                p.join();
                if (rep == 0) {
                    continue;
                }
                double dt = (t1 - t0) / 1e9;
                rates.add(n / dt);
                if (size > 0) {
                    mbs.add(n * (double) size / dt / 1e6);
                }
            }
            out.emit("queue_throughput_" + label + "_msgs_per_s", "msgs/s", rates, M, "reps",
                    "Queue: child producer -> parent consumer; payload_bytes=" + size);
            if (size > 0) {
                out.emit("queue_throughput_" + label + "_MB_per_s", "MB/s", mbs, M, "reps",
                        "1 MB = 1e6 bytes of payload");
            }
        }
    }

    static void simpleAndJoinable(SyncBench.Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        int n = quick ? 20_000 : 200_000;
        List<Double> rates = new ArrayList<>();
        for (int rep = 0; rep < 4; rep++) {
            SimpleQueue<Integer> q = ctx.simpleQueue();
            Event ready = ctx.event();
            Event go = ctx.event();
            ctx.prestart(Duration.ofSeconds(30));
            Process p = ctx.process(() -> {
                ready.set();
                go.await();
                for (int i = 0; i < n; i++) {
                    q.put(i);
                }
            });
            p.start();
            ready.await();
            long t0 = System.nanoTime();
            go.set();
            for (int i = 0; i < n; i++) {
                q.get();
            }
            long t1 = System.nanoTime();
            p.join();
            if (rep > 0) {
                rates.add(n / ((t1 - t0) / 1e9));
            }
        }
        out.emit("simplequeue_throughput_int_msgs_per_s", "msgs/s", rates, M, "reps",
                "SimpleQueue child producer -> parent consumer, small ints");

        int m = quick ? 5_000 : 50_000;
        rates = new ArrayList<>();
        for (int rep = 0; rep < 4; rep++) {
            JoinableQueue<Integer> q = ctx.joinableQueue();
            Event ready = ctx.event();
            ctx.prestart(Duration.ofSeconds(30));
            Process p = ctx.process(() -> {
                ready.set();
                for (int i = 0; i < m; i++) {
                    q.get();
                    q.taskDone();
                }
            });
            p.start();
            ready.await();
            long t0 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                q.put(i);
            }
            q.join();
            long t1 = System.nanoTime();
            p.join();
            if (rep > 0) {
                rates.add(m / ((t1 - t0) / 1e9));
            }
        }
        out.emit("joinablequeue_put_taskdone_join_msgs_per_s", "msgs/s", rates, M, "reps",
                "parent put() x n then join(); child get()+taskDone() x n; time to join() return");
    }

    static void pingpong(SyncBench.Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        int n = quick ? 2_000 : 10_000;
        int warm = 500;
        int tot = n + warm;
        Queue<Integer> qa = ctx.queue();
        Queue<Integer> qb = ctx.queue();
        ctx.prestart(Duration.ofSeconds(30));
        Process p = ctx.process(() -> {
            for (int i = 0; i < tot; i++) {
                qb.put(qa.get());
            }
        });
        p.start();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < tot; i++) {
            long t0 = System.nanoTime();
            qa.put(i);
            qb.get();
            long t1 = System.nanoTime();
            if (i >= warm) {
                s.add((t1 - t0) / 1000.0);
            }
        }
        p.join();
        out.emit("queue_pingpong_rtt_us", "us", s, M, "samples",
                "parent put(int) on Queue A, child get()->put() on Queue B, parent get()");

        Pipe pipe = ctx.pipe();
        Connection a = pipe.conn1();
        Connection b = pipe.conn2();
        ctx.prestart(Duration.ofSeconds(30));
        p = ctx.process(() -> {
            for (int i = 0; i < tot; i++) {
                b.send(b.recv());
            }
            b.close();
        });
        p.start();
        b.close();
        s = new ArrayList<>();
        for (int i = 0; i < tot; i++) {
            long t0 = System.nanoTime();
            a.send(i);
            a.recv();
            long t1 = System.nanoTime();
            if (i >= warm) {
                s.add((t1 - t0) / 1000.0);
            }
        }
        p.join();
        a.close();
        out.emit("pipe_pingpong_rtt_us", "us", s, M, "samples", "Connection.send(int)/recv() over a duplex Pipe");
    }
}
