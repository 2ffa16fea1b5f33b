package io.mpscope.bench;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.connection.Connection;
import io.mpscope.multiprocessing.connection.Pipe;
import io.mpscope.multiprocessing.managers.DictProxy;
import io.mpscope.multiprocessing.managers.ListProxy;
import io.mpscope.multiprocessing.managers.ManagerOptions;
import io.mpscope.multiprocessing.managers.NamespaceProxy;
import io.mpscope.multiprocessing.managers.SyncManager;
import io.mpscope.multiprocessing.process.Process;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The manager section of {@link MpBench}, measured as {@code py_mp_bench.py}'s {@code bench_manager} and
 * {@code child_manager_ops} do: {@code ctx.manager()} up and shut down (6 reps, the first dropped), then a child
 * doing {@code d[i] = i}, {@code d[i]}, {@code lst.append(i)}, {@code ns.x = i} and {@code ns.x} through proxies,
 * one round trip to the server per op, after the same 100-op warm-up.
 */
final class ManagerBench {
    private static final StartMethod M = StartMethod.STANDBY;

    private ManagerBench() {
    }

    static void manager(SyncBench.Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        List<Double> st = new ArrayList<>();
        List<Double> sd = new ArrayList<>();
        for (int rep = 0; rep < 6; rep++) {
            ctx.prestart(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            SyncManager m = ctx.manager();
            long t1 = System.nanoTime();
            m.shutdown();
            long t2 = System.nanoTime();
            if (rep > 0) {
                st.add((t1 - t0) / 1e6);
                sd.add((t2 - t1) / 1e6);
            }
        }
        out.emit("manager_start_ms", "ms", st, M, "samples",
                "ctx.manager() -> SyncManager server process up (from a standby JVM)");
        out.emit("manager_shutdown_ms", "ms", sd, M, "samples", null);

        int n = quick ? 2_000 : 20_000;
        ops(out, ctx, n, ctx.manager(), "");
        // the same with every call on the Unix socket (the default moves this session's clients to a shared-memory
        // channel), and a bare Unix-socket round trip between two JVMs (the floor of the socket transport). Extra
        // metrics, not CPython's.
        SyncManager socket = new SyncManager(ManagerOptions.defaults().withSharedMemory(false), ctx);
        socket.start();
        ops(out, ctx, n, socket, "_socket");
        udsPingpong(out, ctx, quick ? 2_000 : 20_000);
    }

    private static void ops(SyncBench.Emitter out, Context ctx, int n, SyncManager started, String suffix)
            throws Exception {
        List<long[]> rows = new ArrayList<>();
        ctx.prestart(Duration.ofSeconds(30));
        try (SyncManager m = started) {
            for (int rep = 0; rep < 3; rep++) {
                DictProxy<Integer, Integer> d = m.dict();
                ListProxy<Integer> lst = m.list();
                NamespaceProxy ns = m.namespace();
                Pipe pipe = ctx.pipe(false);
                Connection a = pipe.conn1();
                Connection b = pipe.conn2();
                ctx.prestart(Duration.ofSeconds(30));
                Process p = ctx.process(() -> childOps(d, lst, ns, n, b));
                p.start();
                b.close();
                rows.add((long[]) a.recv());
                p.join();
                a.close();
            }
        }
        boolean ok = rows.stream().allMatch(r -> r[5] == 1);
        String[][] metrics = {
            {"manager_dict_set_ops_per_s", "child: d.put(i, i) via DictProxy"},
            {"manager_dict_get_ops_per_s", "child: d.get(i) via DictProxy"},
            {"manager_list_append_ops_per_s", "child: lst.add(i) via ListProxy"},
            {"manager_namespace_setattr_ops_per_s", "child: ns.set(\"x\", i)"},
            {"manager_namespace_getattr_ops_per_s", "child: ns.get(\"x\")"}};
        for (int k = 0; k < metrics.length; k++) {
            List<Double> rates = new ArrayList<>();
            for (long[] r : rows) {
                rates.add(n / (r[k] / 1e9));
            }
            out.emit(metrics[k][0] + suffix, "ops/s", rates, M, "reps", metrics[k][1] + " (one round trip to the"
                    + " manager server per op; values_ok=" + ok + (suffix.isEmpty() ? "" : "; all calls on the socket") + ")");
        }
    }

    /** Round trips of 64 bytes on a Unix socket between this JVM and a child that echoes (blocking channels). */
    private static void udsPingpong(SyncBench.Emitter out, Context ctx, int n) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mpm-bench");
        java.nio.file.Path path = dir.resolve("s");
        List<Double> rtts = new ArrayList<>();
        try (java.nio.channels.ServerSocketChannel ss = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            ss.bind(java.net.UnixDomainSocketAddress.of(path));
            String p = path.toString();
            ctx.prestart(Duration.ofSeconds(30));
            Process child = ctx.process(() -> echo(p));
            child.start();
            try (java.nio.channels.SocketChannel c = ss.accept()) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        b.clear();
                        c.write(b);
                        b.clear();
                        while (b.hasRemaining()) {
                            c.read(b);
                        }
                    }
                    rtts.add((System.nanoTime() - t0) / 1e3 / n);
                }
            }
            child.join();
        } finally {
            java.nio.file.Files.deleteIfExists(path);
            java.nio.file.Files.deleteIfExists(dir);
        }
        out.emit("uds_pingpong_rtt_us", "us", rtts, M, "reps", "64 B on a Unix socket, 2 JVMs, blocking channels");
    }

    private static void echo(String path) throws Exception {
        try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(path))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
            while (true) {
                b.clear();
                while (b.hasRemaining()) {
                    if (c.read(b) < 0) {
                        return;
                    }
                }
                b.flip();
                c.write(b);
            }
        }
    }

    private static void childOps(DictProxy<Integer, Integer> d, ListProxy<Integer> lst, NamespaceProxy ns, int n,
                                 Connection conn) throws Exception {
        for (int i = 0; i < 100; i++) { // warm up: the first use connects the proxies in this process
            d.put(-1, i);
            d.get(-1);
            ns.set("w", i);
            ns.get("w");
        }
        lst.add(-1);
        long[] res = new long[6];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            d.put(i, i);
        }
        long t1 = System.nanoTime();
        boolean ok = true;
        for (int i = 0; i < n; i++) {
            if (d.get(i) != i) {
                ok = false;
            }
        }
        long t2 = System.nanoTime();
        res[0] = t1 - t0;
        res[1] = t2 - t1;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            lst.add(i);
        }
        t1 = System.nanoTime();
        res[2] = t1 - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ns.set("x", i);
        }
        t1 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ns.get("x");
        }
        t2 = System.nanoTime();
        res[3] = t1 - t0;
        res[4] = t2 - t1;
        res[5] = ok && lst.size() >= n ? 1 : 0;
        conn.send(res);
        conn.close();
    }
}
