package io.mpscope.bench;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.process.Process;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * mpscope's benchmark: the same operations as {@code shared/bench/py_mp_bench.py}, printed as one JSON object per
 * metric on stdout in its shape ({@code name, unit, median, min, max, n, n_kind, start_method}), progress on stderr.
 * Run it through {@code bench/mpbench}, and beside CPython with
 * {@code python3 ../shared/bench/compare.py --java 'bench/mpbench'}.
 *
 * <pre>
 * MpBench [--quick] [--only=process_start,memory]
 * </pre>
 * Sections: {@code memory} (idle child RSS), {@code process_start} (start+join, time to first instruction, time in
 * start()), {@code locks}, {@code value_array} and {@code pingpong} (the shared-memory primitives, see
 * {@link SyncBench}), {@code pool} ({@link PoolBench}: Pool create, map, imap, applyAsync), {@code manager} (see
 * {@link ManagerBench}). Standby figures are taken with a warm standby JVM waiting, as the pool is meant to be used (the pool is
 * refilled between repetitions, outside the timed region); {@code process_start_join_burst_ms} shows back-to-back
 * starts, where the pool runs dry and most starts are cold.
 */
public final class MpBench {
    private static boolean quick;
    private static final long T0 = System.nanoTime();

    private MpBench() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = new TreeSet<>();
        for (String a : args) {
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.startsWith("--only=")) {
                only.addAll(Arrays.asList(a.substring(7).split(",")));
            } else {
                throw new IllegalArgumentException("unknown argument: " + a
                        + " (usage: MpBench [--quick] [--only=memory,process_start,locks,value_array,queue_throughput,simplequeue_joinable,pingpong,pool,manager])");
            }
        }
        if (only.isEmpty() || only.contains("memory")) {
            benchMemory();
        }
        if (only.isEmpty() || only.contains("process_start")) {
            benchProcessStart();
        }
        if (only.isEmpty() || only.contains("locks")) {
            awaitQuiet("locks");
            SyncBench.locks(MpBench::emit, quick);
            log("locks done");
        }
        if (only.isEmpty() || only.contains("value_array")) {
            awaitQuiet("value_array");
            SyncBench.valueArray(MpBench::emit, quick);
            log("value/array done");
        }
        if (only.isEmpty() || only.contains("queue_throughput")) {
            awaitQuiet("queue_throughput");
            QueueBench.throughput(MpBench::emit, quick);
            log("queue throughput done");
        }
        if (only.isEmpty() || only.contains("simplequeue_joinable")) {
            awaitQuiet("simplequeue_joinable");
            QueueBench.simpleAndJoinable(MpBench::emit, quick);
            log("simplequeue/joinablequeue done");
        }
        if (only.isEmpty() || only.contains("pingpong")) {
            awaitQuiet("pingpong");
            QueueBench.pingpong(MpBench::emit, quick);
            SyncBench.semaphorePingpong(MpBench::emit, quick);
            log("ping-pong done");
        }
        if (only.isEmpty() || only.contains("pool")) {
            awaitQuiet("pool");
            PoolBench.pool(MpBench::emit, quick);
            log("pool done");
        }
        if (only.isEmpty() || only.contains("manager")) {
            awaitQuiet("manager");
            ManagerBench.manager(MpBench::emit, quick);
            log("manager done");
        }
        log("done");
        System.exit(0);
    }

    /**
     * Waits (up to 20 s) until the standby JVMs are warm and the machine is quiet (at least 80% idle over 300 ms), as
     * py_mp_bench.py waits for quiet before each section: JVMs still booting from the previous section would
     * otherwise take the CPU from this one's measurements.
     */
    static void awaitQuiet(String section) throws Exception {
        long t0 = System.nanoTime();
        double rewriteMs = rewriteYoungGeneration();
        Multiprocessing.getContext(StartMethod.STANDBY).prestart(Duration.ofSeconds(20));
        double idle = 0;
        while (System.nanoTime() - t0 < 20_000_000_000L) {
            long[] a = cpuTicks();
            Thread.sleep(300);
            long[] b = cpuTicks();
            long total = b[0] - a[0];
            idle = total <= 0 ? 1 : (b[1] - a[1]) / (double) total;
            if (idle >= 0.8) {
                break;
            }
        }
        log(String.format(Locale.ROOT, "section %s: waited %.1f s for quiet (idle %.0f%%; heap rewritten in %.0f ms)",
                section, (System.nanoTime() - t0) / 1e9, idle * 100, rewriteMs));
    }

    /** Bytes {@link #rewriteYoungGeneration} allocates: the benchmark JVM's whole heap (bench/mpbench: -Xmx1g). */
    private static final long REWRITE_BYTES = Runtime.getRuntime().maxMemory();
    private static volatile byte sink;

    /**
     * Allocates and drops the heap's size in 64 KiB arrays, so that the young generation's memory has been written
     * recently when a section starts, as in a program that has been running; returns the milliseconds it took.
     *
     * <p>Why: bench/mpbench touches the whole heap at start-up ({@code -XX:+AlwaysPreTouch}), because the first write
     * of each page costs a fault that a program pays once. That is not enough on this project's virtual machines:
     * memory the JVM has not written for a few minutes is slow to write again (measured in this JVM after the first
     * sections: 1 GB of 64 KiB arrays took 320 ms, ~1.2 us per 4 KiB page; and the 64 KiB queue stream, whose consumer
     * allocates a 64 KiB array per item, ran at 1.1-1.5 GB/s until its allocations had gone once round the young
     * generation, 2.8-4.0 GB/s after, in the same run). CPython's allocator reuses a freed block at once and never
     * meets this.
     */
    static double rewriteYoungGeneration() {
        long t = System.nanoTime();
        for (long done = 0; done < REWRITE_BYTES; done += 65536) {
            byte[] b = new byte[65536];
            b[(int) (done >>> 16) & 0xffff] = 1;
            sink = b[7];
        }
        return (System.nanoTime() - t) / 1e6;
    }

    /** Total and idle jiffies from /proc/stat's first line ({0, 0} where there is none). */
    private static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static int scale(int n, int min) {
        return quick ? Math.max(min, n / 10) : n;
    }

    // ---------------------------------------------------------------- process start

    private static void benchProcessStart() throws Exception {
        Path dir = Files.createTempDirectory("mpbench");
        Path first = dir.resolve("first.txt");
        String firstPath = first.toString();
        for (StartMethod m : List.of(StartMethod.STANDBY, StartMethod.SPAWN)) {
            Context ctx = Multiprocessing.getContext(m);
            int reps = m == StartMethod.STANDBY ? scale(40, 5) : scale(15, 3);
            for (int i = 0; i < 3; i++) { // warm-up, as CPython's bench
                ctx.prestart(Duration.ofSeconds(30));
                Process p = ctx.process(MpBench::noop);
                p.start();
                p.join();
            }
            List<Double> total = new ArrayList<>();
            List<Double> call = new ArrayList<>();
            List<Double> firstInstr = new ArrayList<>();
            List<Double> exitToJoin = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                if (!ctx.prestart(Duration.ofSeconds(30))) {
                    log("standby pool not ready after 30 s");
                }
                long ta = System.nanoTime();
                Process p = ctx.process(() -> writeFirst(firstPath));
                long t0 = System.nanoTime();
                p.start();
                long t1 = System.nanoTime();
                p.join();
                long t2 = System.nanoTime();
                if (p.getExitCode().orElse(-1) != 0) {
                    throw new IllegalStateException("benchmark child failed: " + p);
                }
                total.add((t2 - ta) / 1e6);
                call.add((t1 - t0) / 1e6);
                String[] stamps = Files.readString(first).trim().split(" ");
                firstInstr.add((Long.parseLong(stamps[0]) - t0) / 1e6);
                exitToJoin.add((t2 - Long.parseLong(stamps[1])) / 1e6);
                Files.delete(first);
                p.close();
            }
            String note = m == StartMethod.STANDBY ? "a warm standby JVM waiting (pool refilled between reps,"
                    + " untimed)" : "fresh JVM per process" + archiveNote();
            emit("process_start_join_ms", "ms", total, m, "samples",
                    "Process(target writes its start timestamp to a file) construct + start() + join(); " + note);
            emit("process_start_call_ms", "ms", call, m, "samples", "time spent inside start() only");
            emit("process_time_to_first_instruction_ms", "ms", firstInstr, m, "samples",
                    "start() call -> first line of target in child (System.nanoTime = CLOCK_MONOTONIC both sides)");
            emit("process_target_end_to_join_ms", "ms", exitToJoin, m, "samples",
                    "end of the target in the child -> join() returns in the parent: the child's exit and reaping");
            log("process start " + m.methodName() + " done");
        }
        // Back-to-back standby starts: the pool runs dry and JVMs boot while the loop runs.
        Context ctx = Multiprocessing.getContext(StartMethod.STANDBY);
        ctx.prestart(Duration.ofSeconds(30));
        List<Double> burst = new ArrayList<>();
        for (int i = 0; i < scale(20, 4); i++) {
            long ta = System.nanoTime();
            Process p = ctx.process(MpBench::noop);
            p.start();
            p.join();
            burst.add((System.nanoTime() - ta) / 1e6);
            p.close();
        }
        emit("process_start_join_burst_ms", "ms", burst, StartMethod.STANDBY, "samples",
                "back-to-back start()+join() of a no-op process, no wait for the standby pool to refill");
        Files.deleteIfExists(dir);
    }

    private static String archiveNote() {
        String cp = System.getProperty("java.class.path", "");
        boolean jarsOnly = Arrays.stream(cp.split(java.io.File.pathSeparator)).allMatch(e -> e.endsWith(".jar"));
        return jarsOnly ? " (class-data-sharing archive of the child bootstrap)" : " (no CDS archive: class folders)";
    }

    private static void noop() {
    }

    private static void writeFirst(String path) throws IOException {
        long t = System.nanoTime(); // the target's first instruction
        String first = Long.toString(t);
        Files.writeString(Path.of(path), first + " " + System.nanoTime());
    }

    // ---------------------------------------------------------------- memory

    private static void benchMemory() throws Exception {
        Path dir = Files.createTempDirectory("mpbench");
        for (StartMethod m : List.of(StartMethod.STANDBY, StartMethod.SPAWN)) {
            Context ctx = Multiprocessing.getContext(m);
            List<Map<String, Long>> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ctx.prestart(Duration.ofSeconds(30));
                Path ready = dir.resolve("ready-" + i);
                String readyPath = ready.toString();
                Process p = ctx.process(() -> idle(readyPath));
                p.start();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!Files.exists(ready) && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                Thread.sleep(100);
                rows.add(readMem(p.getPid().getAsLong()));
                p.terminate();
                p.join();
                p.close();
                Files.deleteIfExists(ready);
            }
            emit("memory_idle_child_vmrss_kb", "KiB", column(rows, "VmRSS"), m, "reps",
                    "idle child blocked in Thread.sleep after writing a ready file; rss_anon_kb=" + median(column(rows,
                            "RssAnon")) + " rss_file_kb=" + median(column(rows, "RssFile")) + " flags="
                            + System.getProperty("mpscope.child.jvmFlags", "default"));
            if (rows.get(0).containsKey("Pss")) {
                emit("memory_idle_child_pss_kb", "KiB", column(rows, "Pss"), m, "reps", null);
                emit("memory_idle_child_uss_kb", "KiB", column(rows, "USS"), m, "reps",
                        "Private_Clean+Private_Dirty = memory freed if this child exits");
            }
            log("memory " + m.methodName() + " done");
        }
        Files.deleteIfExists(dir);
    }

    private static void idle(String readyPath) throws Exception {
        Files.writeString(Path.of(readyPath), "ready");
        Thread.sleep(60_000);
    }

    private static Map<String, Long> readMem(long pid) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] kv = line.split(":", 2);
            if (Set.of("VmRSS", "RssAnon", "RssFile", "RssShmem").contains(kv[0])) {
                out.put(kv[0], Long.parseLong(kv[1].trim().split("\\s+")[0]));
            }
        }
        Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        if (Files.isReadable(rollup)) {
            for (String line : Files.readAllLines(rollup)) {
                String[] kv = line.split(":", 2);
                if (Set.of("Pss", "Private_Clean", "Private_Dirty").contains(kv[0])) {
                    out.put(kv[0], Long.parseLong(kv[1].trim().split("\\s+")[0]));
                }
            }
            out.put("USS", out.getOrDefault("Private_Clean", 0L) + out.getOrDefault("Private_Dirty", 0L));
        }
        return out;
    }

    private static List<Double> column(List<Map<String, Long>> rows, String key) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Long> r : rows) {
            out.add((double) r.getOrDefault(key, 0L));
        }
        return out;
    }

    // ---------------------------------------------------------------- output

    private static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2.0;
    }

    private static void emit(String name, String unit, List<Double> samples, StartMethod m, String nKind, String note) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"name\": \"").append(name).append("\", ");
        sb.append("\"unit\": \"").append(unit).append("\", ");
        sb.append("\"median\": ").append(num(median(samples))).append(", ");
        sb.append("\"min\": ").append(num(s[0])).append(", ");
        sb.append("\"max\": ").append(num(s[s.length - 1])).append(", ");
        sb.append("\"n\": ").append(s.length).append(", ");
        sb.append("\"n_kind\": \"").append(nKind).append("\", ");
        sb.append("\"start_method\": \"").append(m.methodName()).append('"');
        if (note != null) {
            sb.append(", \"note\": \"").append(note.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        sb.append('}');
        System.out.println(sb);
        System.out.flush();
    }

    /** A number with 6 significant digits, as Python's {@code '%.6g'} prints it into JSON. */
    private static String num(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static void log(String msg) {
        System.err.printf(Locale.ROOT, "[mpbench %7.1fs] %s%n", (System.nanoTime() - T0) / 1e9, msg);
    }
}
