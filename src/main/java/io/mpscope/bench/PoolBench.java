package io.mpscope.bench;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.pool.AsyncResult;
import io.mpscope.multiprocessing.pool.IMapIterator;
import io.mpscope.multiprocessing.pool.Pool;
import io.mpscope.multiprocessing.pool.TaskFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The pool section of {@link MpBench}, measured as {@code py_mp_bench.py}'s {@code bench_pool} does: Pool(2) create,
 * create to the first apply() result and close+join (6 repetitions, the first dropped); then on one Pool(2):
 * map of x*x over 100k items with the default chunksize, over 10k with chunksize 1, sequential applyAsync().get()
 * round trips, and imapUnordered with chunksize 1 and 1000. The task is {@code x * x} on a long, as CPython's
 * {@code sq}. Standby workers: each create starts with warm standby JVMs waiting (prestart, outside the timing), as
 * CPython's fork needs none.
 */
final class PoolBench {
    private static final StartMethod M = StartMethod.STANDBY;
    private static final TaskFunction<Long, Long> SQ = x -> x * x;

    private PoolBench() {
    }

    private static int s(int n, boolean quick) {
        return Math.max(1, quick ? n / 10 : n);
    }

    static void pool(SyncBench.Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        List<Double> create = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> closeJoin = new ArrayList<>();
        for (int rep = 0; rep < 6; rep++) {
            ctx.prestart(Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            Pool pool = ctx.pool(2);
            long t1 = System.nanoTime();
            pool.apply((Long x) -> null, 0L);
            long t2 = System.nanoTime();
            pool.close();
            pool.join();
            long t3 = System.nanoTime();
            if (rep > 0) {
                create.add((t1 - t0) / 1e6);
                first.add((t2 - t0) / 1e6);
                closeJoin.add((t3 - t2) / 1e6);
            }
        }
        out.emit("pool2_create_ms", "ms", create, M, "samples", "ctx.pool(2) constructor returns (warm standby JVMs)");
        out.emit("pool2_create_to_first_result_ms", "ms", first, M, "samples", "pool(2) + first apply() result");
        out.emit("pool2_close_join_ms", "ms", closeJoin, M, "samples", null);

        ctx.prestart(Duration.ofSeconds(30));
        Pool pool = ctx.pool(2);
        try {
            int n = s(100_000, quick);
            List<Long> items = longs(n);
            long exp = sumSquares(n);
            pool.map(SQ, longs(1000));
            List<Double> vals = new ArrayList<>();
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                List<Long> r = pool.map(SQ, items);
                long t1 = System.nanoTime();
                check(sum(r), exp);
                vals.add(n / ((t1 - t0) / 1e9));
            }
            out.emit("pool_map_100k_default_chunksize_tasks_per_s", "tasks/s", vals, M, "reps",
                    "pool(2).map(x*x, 100k longs); default chunksize = ceil(N/(4*2)) -> 8 chunks");

            int n1 = s(10_000, quick);
            List<Long> items1 = longs(n1);
            long exp1 = sumSquares(n1);
            vals = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                List<Long> r = pool.map(SQ, items1, 1);
                long t1 = System.nanoTime();
                check(sum(r), exp1);
                vals.add(n1 / ((t1 - t0) / 1e9));
            }
            out.emit("pool_map_10k_chunksize1_tasks_per_s", "tasks/s", vals, M, "reps",
                    "one task per message through the per-worker task rings and the result ring");

            int na = s(2_000, quick);
            int warm = 200;
            List<Double> rtt = new ArrayList<>();
            for (int i = 0; i < warm + na; i++) {
                long t0 = System.nanoTime();
                AsyncResult<Long> r = pool.applyAsync(SQ, (long) i);
                r.get();
                long t1 = System.nanoTime();
                if (i >= warm) {
                    rtt.add((t1 - t0) / 1000.0);
                }
            }
            out.emit("pool_apply_async_rtt_us", "us", rtt, M, "samples", "applyAsync(x*x).get() sequential round trip");

            int ni = s(20_000, quick);
            List<Long> itemsI = longs(ni);
            long expI = sumSquares(ni);
            vals = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                long tot = sum(pool.imapUnordered(SQ, itemsI));
                long t1 = System.nanoTime();
                check(tot, expI);
                vals.add(ni / ((t1 - t0) / 1e9));
            }
            out.emit("pool_imap_unordered_chunksize1_tasks_per_s", "tasks/s", vals, M, "reps",
                    "imapUnordered default chunksize=1");
            vals = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                long tot = sum(pool.imapUnordered(SQ, items, 1000));
                long t1 = System.nanoTime();
                check(tot, exp);
                vals.add(n / ((t1 - t0) / 1e9));
            }
            out.emit("pool_imap_unordered_chunksize1000_tasks_per_s", "tasks/s", vals, M, "reps", null);
            pool.close();
            pool.join();
        } finally {
            pool.terminate();
        }
    }

    private static List<Long> longs(int n) {
        return IntStream.range(0, n).mapToObj(i -> (long) i).toList();
    }

    private static long sumSquares(int n) {
        long s = 0;
        for (long i = 0; i < n; i++) {
            s += i * i;
        }
        return s;
    }

    private static long sum(Iterable<Long> xs) {
        long s = 0;
        for (long x : xs) {
            s += x;
        }
        return s;
    }

    private static long sum(IMapIterator<Long> it) {
        long s = 0;
        while (it.hasNext()) {
            s += it.next();
        }
        return s;
    }

    private static void check(long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException("wrong pool result: sum=" + got + " expected=" + expected);
        }
    }
}
