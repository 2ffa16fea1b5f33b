package io.mpscope.bench;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.synchronize.AbstractLock;
import io.mpscope.multiprocessing.synchronize.Condition;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Held;
import io.mpscope.multiprocessing.synchronize.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The synchronization sections of {@link MpBench}, measuring what {@code py_mp_bench.py}'s {@code bench_locks},
 * {@code bench_value_array} and the semaphore part of {@code bench_pingpong} measure, the same way: uncontended
 * pairs in one process (median of repetitions after a warm-up repetition), the contended counter with two child
 * processes, the condition wake-up and semaphore round trip with one child, the locked array sum timed inside a
 * child.
 */
final class SyncBench {
    private static final StartMethod M = StartMethod.STANDBY;

    private SyncBench() {
    }

    interface Emitter {
        void emit(String name, String unit, List<Double> samples, StartMethod m, String nKind, String note);
    }

    static void locks(Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        int n = quick ? 100_000 : 1_000_000;
        out.emit("lock_uncontended_ns", "ns", pairs(ctx.lock(), n, 5), M, "reps",
                "Lock acquire()+release() pair, one process (CAS on the owner word; no system call)");
        out.emit("rlock_uncontended_ns", "ns", pairs(ctx.rLock(), n, 3), M, "reps",
                "RLock acquire()+release() pair, one process");
        Semaphore sem = ctx.semaphore(1);
        List<Double> sv = new ArrayList<>();
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sem.acquire();
                sem.release();
            }
            if (rep > 0) {
                sv.add((System.nanoTime() - t0) / (double) n);
            }
        }
        out.emit("semaphore_acq_rel_pair_ns", "ns", sv, M, "reps", "Semaphore(1) acquire()+release() pair, one process");

        Event ev = ctx.event();
        int m = quick ? 20_000 : 200_000;
        List<Double> sc = new ArrayList<>();
        List<Double> cl = new ArrayList<>();
        List<Double> is = new ArrayList<>();
        int sink = 0;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                ev.set();
                ev.clear();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                ev.clear();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                sink += ev.isSet() ? 1 : 0;
            }
            long t3 = System.nanoTime();
            if (rep > 0) {
                sc.add((t1 - t0) / (double) m);
                cl.add((t2 - t1) / (double) m);
                is.add((t3 - t2) / (double) m);
            }
        }
        out.emit("event_set_clear_pair_ns", "ns", sc, M, "reps", "Event set()+clear(), no waiters");
        out.emit("event_clear_ns", "ns", cl, M, "reps", "clear() on a clear Event" + (sink < 0 ? "" : ""));
        out.emit("event_is_set_ns", "ns", is, M, "reps", "isSet() on a clear Event");

        conditionWakeup(out, ctx, quick);
        contendedCounter(out, ctx, quick);
    }

    private static List<Double> pairs(AbstractLock lock, int n, int reps) {
        List<Double> vals = new ArrayList<>();
        for (int rep = 0; rep <= reps; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                lock.acquire();
                lock.release();
            }
            if (rep > 0) {
                vals.add((System.nanoTime() - t0) / (double) n);
            }
        }
        return vals;
    }

    private static void conditionWakeup(Emitter out, Context ctx, boolean quick) throws Exception {
        int nc = quick ? 300 : 2_000;
        int warm = 100;
        int tot = nc + warm;
        Condition cond = ctx.condition();
        Value state = ctx.rawValue(TypeCode.INT, -1);
        Array tWake = ctx.rawArray(TypeCode.LONGLONG, tot);
        long[] tNotify = new long[tot];
        ctx.prestart(Duration.ofSeconds(30));
        Process p = ctx.process(() -> {
            try (Held h = cond.hold()) {
                for (int i = 0; i < tot; i++) {
                    state.setInt(2 * i);
                    cond.signal();
                    while (state.getInt() != 2 * i + 1) {
                        cond.await();
                    }
                    tWake.setLong(i, System.nanoTime());
                }
            }
        });
        p.start();
        long t0 = System.nanoTime();
        try (Held h = cond.hold()) {
            for (int i = 0; i < tot; i++) {
                while (state.getInt() != 2 * i) {
                    cond.await();
                }
                tNotify[i] = System.nanoTime();
                state.setInt(2 * i + 1);
                cond.signal();
            }
        }
        long t1 = System.nanoTime();
        p.join();
        List<Double> lat = new ArrayList<>();
        for (int i = warm; i < tot; i++) {
            lat.add((tWake.getLong(i) - tNotify[i]) / 1000.0);
        }
        out.emit("condition_notify_to_wakeup_us", "us", lat, M, "samples",
                "parent signal() under lock -> child returns from await() (incl. lock hand-off); cycle_us_mean="
                        + String.format(java.util.Locale.ROOT, "%.2f", (t1 - t0) / (double) tot / 1000.0));
    }

    private static void contendedCounter(Emitter out, Context ctx, boolean quick) throws Exception {
        int per = quick ? 10_000 : 100_000;
        List<Double> vals = new ArrayList<>();
        boolean exact = true;
        for (int rep = 0; rep < 6; rep++) {
            Value v = ctx.intValue(0);
            Semaphore ready = ctx.semaphore(0);
            Event go = ctx.event();
            Array ends = ctx.rawArray(TypeCode.LONGLONG, 2);
            List<Process> ps = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                int idx = k;
                ps.add(ctx.process(() -> {
                    AbstractLock lk = v.getLock();
                    ready.release();
                    go.await();
                    for (int i = 0; i < per; i++) {
                        try (Held h = lk.hold()) {
                            v.setInt(v.getInt() + 1);
                        }
                    }
                    ends.setLong(idx, System.nanoTime());
                }));
            }
            ctx.prestart(Duration.ofSeconds(30));
            for (Process q : ps) {
                q.start();
            }
            ready.acquire();
            ready.acquire();
            long t0 = System.nanoTime();
            go.set();
            for (Process q : ps) {
                q.join();
            }
            double dt = (Math.max(ends.getLong(0), ends.getLong(1)) - t0) / 1e9;
            exact &= v.getInt() == 2 * per;
            if (rep > 0) {
                vals.add(2 * per / dt);
            }
        }
        out.emit("lock_contended_value_incr_ops_per_s", "ops/s", vals, M, "reps",
                "2 child processes x `try (v.hold()) { v.setInt(v.getInt() + 1); }` (RLock, re-entered by get/set); "
                        + "final_value_exact=" + exact);
    }

    static void valueArray(Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        int n = quick ? 100_000 : 1_000_000;
        List<Double> vals = new ArrayList<>();
        for (int rep = 0; rep < 4; rep++) {
            Value v = ctx.rawValue(TypeCode.DOUBLE, 0.0);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                v.setDouble(v.getDouble() + 1.0);
            }
            long t1 = System.nanoTime();
            if (v.getDouble() != n) {
                throw new AssertionError("raw value sum: " + v.getDouble());
            }
            if (rep > 0) {
                vals.add(n / ((t1 - t0) / 1e9));
            }
        }
        out.emit("value_d_incr_nolock_ops_per_s", "ops/s", vals, M, "reps",
                "RawValue('d'): setDouble(getDouble() + 1.0)");
        int n2 = quick ? 20_000 : 200_000;
        vals = new ArrayList<>();
        for (int rep = 0; rep < 4; rep++) {
            Value v = ctx.doubleValue(0.0);
            long t0 = System.nanoTime();
            for (int i = 0; i < n2; i++) {
                v.setDouble(v.getDouble() + 1.0);
            }
            long t1 = System.nanoTime();
            if (rep > 0) {
                vals.add(n2 / ((t1 - t0) / 1e9));
            }
        }
        out.emit("value_d_incr_synchronized_ops_per_s", "ops/s", vals, M, "reps",
                "default Value('d'): getDouble and setDouble each take the RLock (+= not atomic, as CPython's)");

        int big = quick ? 100_000 : 1_000_000;
        double[] init = new double[big];
        for (int i = 0; i < big; i++) {
            init[i] = i;
        }
        double expected = (double) big * (big - 1) / 2;
        Array arr = ctx.array(TypeCode.DOUBLE, init);
        Array result = ctx.rawArray(TypeCode.DOUBLE, 2);
        vals = new ArrayList<>();
        boolean ok = true;
        for (int rep = 0; rep < 4; rep++) {
            ctx.prestart(Duration.ofSeconds(30));
            Process p = ctx.process(() -> {
                long t0 = System.nanoTime();
                double s = 0;
                int len = arr.length();
                for (int i = 0; i < len; i++) {
                    s += arr.getDouble(i);
                }
                long t1 = System.nanoTime();
                result.setDouble(0, t1 - t0);
                result.setDouble(1, s);
            });
            p.start();
            p.join();
            ok &= result.getDouble(1) == expected;
            if (rep > 0) {
                vals.add(result.getDouble(0) / 1e6);
            }
        }
        out.emit("array_d_1M_sum_in_child_locked_iter_ms", "ms", vals, M, "reps",
                "child: sum of arr.getDouble(i), the lock taken per element; timed inside the child; elements=" + big
                        + " sum_correct=" + ok);
    }

    static void semaphorePingpong(Emitter out, boolean quick) throws Exception {
        Context ctx = Multiprocessing.getContext(M);
        int n = quick ? 2_000 : 10_000;
        int warm = 500;
        int tot = n + warm;
        Semaphore s1 = ctx.semaphore(0);
        Semaphore s2 = ctx.semaphore(0);
        ctx.prestart(Duration.ofSeconds(30));
        Process p = ctx.process(() -> {
            for (int i = 0; i < tot; i++) {
                s1.acquire();
                s2.release();
            }
        });
        p.start();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < tot; i++) {
            long t0 = System.nanoTime();
            s1.release();
            s2.acquire();
            long t1 = System.nanoTime();
            if (i >= warm) {
                samples.add((t1 - t0) / 1000.0);
            }
        }
        p.join();
        out.emit("semaphore_pingpong_rtt_us", "us", samples, M, "samples",
                "parent s1.release(); child s1.acquire(); s2.release(); parent s2.acquire() (futex after a 20 us spin)");
    }
}
