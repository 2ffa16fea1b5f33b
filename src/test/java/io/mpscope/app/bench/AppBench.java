package io.mpscope.app.bench;

import com.sun.javafx.tk.TKPulseListener;
import com.sun.javafx.tk.Toolkit;
import io.mpscope.app.App;
import io.mpscope.app.services.LinuxProcessMetrics;
import io.mpscope.app.services.MonitorService;
import io.mpscope.app.services.OshiProcessMetrics;
import io.mpscope.app.services.SystemSnapshot;
import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.StartMethod;
import io.mpscope.multiprocessing.observe.ProcessSnapshot;
import io.mpscope.multiprocessing.process.Process;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.stage.Stage;
import oshi.SystemInfo;

/**
 * The app under load: N live processes (default 100, each a JVM started with the library, sleeping) watched by the
 * app sampling at 10 Hz. Prints the FX thread's pulse time, how late FX events run, the app's CPU use, the
 * sampler's tick time, and (first) what reading the N processes costs with /proc directly versus OSHI.
 *
 * <p>The N processes belong to a separate JVM (the "load" JVM, {@link Load}), so the app's CPU figures are the app's
 * alone. Both use a runtime folder of their own, so the app sees only the load session. Run it with a display
 * (Xvfb) and the software pipeline, from the repository root after {@code mvn test-compile}:
 *
 * <pre>
 * mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt &amp;&amp; mvn -B -q test-compile
 * xvfb-run -a -s "-screen 0 1440x900x24" java -Dprism.order=sw -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp target/classes:target/test-classes:$(cat cp.txt) io.mpscope.app.bench.AppBench 100 10 60
 * </pre>
 *
 * (the JVM options of {@code mvn javafx:run}, see the pom: the app's own CPU includes its JIT compiler's). With the
 * software pipeline under Xvfb, each painted frame costs a full-window pixel upload on the FX thread and a
 * rasterisation of the dirty regions on the renderer thread: a GPU pipeline does less of both.
 *
 * Arguments: processes (100), sampling Hz (10), measured seconds (60), warm-up seconds (60). A program, not a test: it takes minutes.
 * With {@code -Dmpscope.bench.attach=<runtime folder>} it watches the live processes there instead (a {@link Load}
 * started by hand with {@code -Dmpscope.runtime.dir=<folder>}, whose stdin stays open while runs follow each other).
 *
 * <p>How the pulse is measured: JavaFX's toolkit calls its stage pulse listeners first in each pulse and its
 * post-scene listeners last, after CSS, layout, the copy to the render graph and the hand-over to the render
 * thread; the time between the two, on the FX thread, is the pulse time (internal {@code com.sun.javafx.tk}
 * API, fine on the class path for a benchmark). Snapshot hand-overs ({@code Platform.runLater}) run between
 * pulses, so a probe thread also posts a {@code runLater} every 20 ms and records how late it runs: that covers
 * the hand-over work and anything else that holds the FX thread. It runs after the CPU measurement, so its own
 * cost is not counted as the app's. App CPU is the JVM's CPU time (all threads, JIT and GC included) over wall
 * time.
 */
public final class AppBench {
    /** A runtime folder whose live processes to watch instead of starting a load JVM (see {@link #attachTo}). */
    static final String ATTACH_PROPERTY = "mpscope.bench.attach";

    private AppBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            // The FX thread is not a daemon: without an exit a failed run would stay alive, window and all.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int hz = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        String attach = System.getProperty(ATTACH_PROPERTY);
        if (attach != null) {
            attachTo(Path.of(attach), n, hz, seconds, warmup);
            return;
        }
        Path dir = Files.createTempDirectory("mpscope-bench");
        System.setProperty("mpscope.runtime.dir", dir.toString());
        System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, Integer.toString(hz));

        java.lang.Process load = startLoad(n, dir);
        List<Long> pids = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(load.getInputStream(),
                    StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("pid ")) {
                    pids.add(Long.parseLong(line.substring(4).trim()));
                } else if (line.startsWith("ready")) {
                    break;
                } else {
                    System.out.println("load: " + line);
                }
            }
            if (line == null) {
                throw new IllegalStateException("load jvm ended before its processes were ready: processes=" + n);
            }
            System.out.printf(Locale.ROOT, "started %d processes in %.1f s%n", pids.size(),
                    (System.nanoTime() - t0) / 1e9);
            settle(pids);
            compareReaders(pids);
            runApp(hz, seconds, warmup);
        } finally {
            load.getOutputStream().close(); // the load JVM stops its processes when its stdin closes
            if (!load.waitFor(120, TimeUnit.SECONDS)) {
                load.descendants().forEach(ProcessHandle::destroyForcibly);
                load.destroyForcibly();
            }
            long left = pids.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
                    .count();
            System.out.println("load jvm exit=" + load.exitValue() + " leftover processes=" + left);
            deleteTree(dir);
        }
        Platform.exit();
        System.exit(0);
    }

    /**
     * Measures the app on processes that run already (a {@link Load} started by hand, in runtime folder
     * {@code dir}): for runs of several builds one after the other on the same processes, without starting N JVMs
     * each time. The load is left running.
     */
    private static void attachTo(Path dir, int n, int hz, int seconds, int warmup) throws Exception {
        System.setProperty("mpscope.runtime.dir", dir.toString());
        System.setProperty(MonitorService.SAMPLE_HZ_PROPERTY, Integer.toString(hz));
        List<Long> pids = new ArrayList<>();
        io.mpscope.multiprocessing.observe.Observer observer = new io.mpscope.multiprocessing.observe.Observer(dir);
        for (var session : observer.sessions()) {
            for (ProcessSnapshot p : session.processes()) {
                if (p.alive()) {
                    pids.add(p.pid());
                }
            }
        }
        observer.close();
        if (pids.size() < n) {
            throw new IllegalStateException("fewer live processes than asked for: dir=" + dir + " live="
                    + pids.size() + " expected=" + n);
        }
        System.out.printf(Locale.ROOT, "attached to %d live processes in %s%n", pids.size(), dir);
        settle(pids);
        compareReaders(pids);
        runApp(hz, seconds, warmup);
        Platform.exit();
        System.exit(0);
    }

    private static java.lang.Process startLoad(int n, Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Dmpscope.runtime.dir=" + dir,
                "-cp", System.getProperty("java.class.path"), Load.class.getName(), Integer.toString(n)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Waits until the N fresh JVMs are done starting (class loading, JIT) and really sleep, so the measurement is
     * not of a machine busy with them: until they use less than a fifth of a core together over 5 s, or 3 minutes.
     */
    private static void settle(List<Long> pids) throws InterruptedException {
        long t0 = System.nanoTime();
        long before = cpuTicks(pids);
        while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(3)) {
            Thread.sleep(5000);
            long now = cpuTicks(pids);
            double cores = (now - before) / 100.0 / 5.0;
            before = now;
            if (cores < 0.2) {
                System.out.printf(Locale.ROOT, "processes settled after %.0f s (together %.2f cores)%n",
                        (System.nanoTime() - t0) / 1e9, cores);
                return;
            }
        }
        System.out.println("processes still busy after 3 minutes: measuring anyway");
    }

    private static long cpuTicks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (java.io.IOException | RuntimeException e) {
                // ended: counts nothing
            }
        }
        return sum;
    }

    /** What one tick's per-process reading costs for these pids: /proc directly, and OSHI's per-process refresh. */
    private static void compareReaders(List<Long> pids) {
        SystemInfo si = new SystemInfo();
        int cores = si.getHardware().getProcessor().getLogicalProcessorCount();
        LinuxProcessMetrics proc = new LinuxProcessMetrics("/proc", 100, 4096, cores);
        OshiProcessMetrics oshi = new OshiProcessMetrics(si.getOperatingSystem());
        int rounds = 50;
        double[] procMs = new double[rounds];
        double[] oshiMs = new double[rounds];
        // the /proc reader re-reads a process at most every 240 ms: a clock a second on per round makes it read
        long clock = System.nanoTime();
        for (int warm = 0; warm < 10; warm++) {
            proc.sample(pids, clock += 1_000_000_000L);
            oshi.sample(pids, System.nanoTime());
        }
        for (int i = 0; i < rounds; i++) {
            long a = System.nanoTime();
            proc.sample(pids, clock += 1_000_000_000L);
            long b = System.nanoTime();
            oshi.sample(pids, b);
            long c = System.nanoTime();
            procMs[i] = (b - a) / 1e6;
            oshiMs[i] = (c - b) / 1e6;
        }
        io.mpscope.multiprocessing.observe.Observer observer = new io.mpscope.multiprocessing.observe.Observer();
        double[] observeMs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long a = System.nanoTime();
            observer.sessions();
            observeMs[i] = (System.nanoTime() - a) / 1e6;
        }
        System.out.printf(Locale.ROOT, "observe API sessions() with %d processes: median %.2f ms p95 %.2f ms%n",
                pids.size(), pct(observeMs, 50), pct(observeMs, 95));
        System.out.printf(Locale.ROOT, "per-tick reading of %d processes: /proc direct median %.2f ms p95 %.2f ms;"
                + " OSHI getProcess median %.2f ms p95 %.2f ms%n", pids.size(), pct(procMs, 50), pct(procMs, 95),
                pct(oshiMs, 50), pct(oshiMs, 95));
    }

    private static void runApp(int hz, int seconds, int warmup) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        App app = new App();
        app.init();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            app.start(new Stage());
            shown.complete(null);
        });
        shown.get(120, TimeUnit.SECONDS); // the window's first layout and CSS took over 30 s on a loaded machine

        // probes
        List<Long> pulses = new ArrayList<>(); // FX thread only
        long[] pulseStart = {0};
        TKPulseListener first = () -> pulseStart[0] = System.nanoTime();
        TKPulseListener last = () -> {
            if (pulseStart[0] != 0) {
                pulses.add(System.nanoTime() - pulseStart[0]);
                pulseStart[0] = 0;
            }
        };
        List<Long> ticks = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        CompletableFuture<Void> hooked = new CompletableFuture<>();
        Platform.runLater(() -> {
            Toolkit.getToolkit().addStageTkPulseListener(first);
            Toolkit.getToolkit().addPostSceneTkPulseListener(last);
            app.viewModel().receivedProperty().addListener((o, a, s) -> {
                ticks.add(s.readTime().toNanos());
                rows.add(count(s));
            });
            hooked.complete(null);
        });
        hooked.get(10, TimeUnit.SECONDS);

        // The app's JIT keeps compiling for a minute or two (CSS, layout, the sampler): measure it warm.
        System.out.println("warming up " + warmup + " s (sampler at " + hz + " Hz)");
        Thread.sleep(warmup * 1000L);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long fxId = threadId(threads, "JavaFX Application Thread");
        long samplerId = threadId(threads, MonitorService.THREAD_NAME);
        long renderId = threadId(threads, "QuantumRenderer-0");

        CompletableFuture<Void> reset = new CompletableFuture<>();
        Platform.runLater(() -> {
            pulses.clear();
            ticks.clear();
            rows.clear();
            reset.complete(null);
        });
        reset.get(10, TimeUnit.SECONDS);
        List<Long> lateness = new ArrayList<>();
        java.util.Map<Long, Long> threadCpu0 = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            threadCpu0.put(id, threads.getThreadCpuTime(id));
        }
        long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long gc0 = gcMillis();
        long[] machine0 = machineTicks();
        long wall0 = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        long fx0 = threads.getThreadCpuTime(fxId);
        long s0 = threads.getThreadCpuTime(samplerId);
        long r0 = renderId < 0 ? 0 : threads.getThreadCpuTime(renderId);
        java.util.Map<String, Long> native0 = nativeThreadTicks();
        System.out.println("measuring CPU and pulses " + seconds + " s");
        Thread.sleep(seconds * 1000L);
        long wall = System.nanoTime() - wall0;
        java.util.Map<String, Long> native1 = nativeThreadTicks();
        long[] machine1 = machineTicks();
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
        long gcMs = gcMillis() - gc0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long fx = threads.getThreadCpuTime(fxId) - fx0;
        long sampler = threads.getThreadCpuTime(samplerId) - s0;
        long render = renderId < 0 ? 0 : threads.getThreadCpuTime(renderId) - r0;
        List<String> busiest = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long d = threads.getThreadCpuTime(info.getThreadId()) - threadCpu0.getOrDefault(info.getThreadId(), 0L);
                busiest.add(String.format(Locale.ROOT, "%08.3f%% %s", 100.0 * d / wall, info.getThreadName()));
            }
        }
        busiest.sort(java.util.Comparator.reverseOrder());

        CompletableFuture<double[][]> phase1 = new CompletableFuture<>();
        Platform.runLater(() -> phase1.complete(new double[][] {ms(pulses), ms(ticks),
            rows.stream().mapToDouble(Integer::doubleValue).toArray()}));
        double[][] p1 = phase1.get(10, TimeUnit.SECONDS);

        // Then, apart (its 50 runLater a second cost CPU of their own): how late FX events run.
        System.out.println("measuring FX event lateness " + seconds / 2 + " s");
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        AtomicLong posted = new AtomicLong();
        probe.scheduleAtFixedRate(() -> {
            long at = System.nanoTime();
            posted.incrementAndGet();
            Platform.runLater(() -> lateness.add(System.nanoTime() - at));
        }, 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(seconds * 500L);
        probe.shutdownNow();

        CompletableFuture<double[][]> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(new double[][] {ms(lateness)}));
        double[] lateMs = result.get(10, TimeUnit.SECONDS)[0];
        double[] pulseMs = p1[0];
        double[] tickMs = p1[1];
        double[][] r = {null, null, null, p1[2]};
        System.out.println();
        System.out.printf(Locale.ROOT, "processes observed per tick: %.0f (min %.0f)%n", pct(r[3], 50), min(r[3]));
        System.out.printf(Locale.ROOT, "snapshots received: %d in %.1f s (%.1f/s)%n", tickMs.length, wall / 1e9,
                tickMs.length / (wall / 1e9));
        System.out.printf(Locale.ROOT, "FX pulses: %d (%.1f/s); pulse time p50 %.2f ms, p95 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms%n", pulseMs.length, pulseMs.length / (wall / 1e9), pct(pulseMs, 50),
                pct(pulseMs, 95), pct(pulseMs, 99), max(pulseMs));
        System.out.printf(Locale.ROOT, "FX event lateness (runLater every 20 ms, %d runs): p50 %.2f ms, p95 %.2f ms,"
                + " max %.2f ms%n", lateMs.length, pct(lateMs, 50), pct(lateMs, 95), max(lateMs));
        System.out.printf(Locale.ROOT, "sampler tick (observe + /proc + OSHI): p50 %.2f ms, p95 %.2f ms, max %.2f ms%n",
                pct(tickMs, 50), pct(tickMs, 95), max(tickMs));
        System.out.printf(Locale.ROOT, "app CPU: %.1f%% of one core (process CPU time / wall time); FX thread %.1f%%,"
                + " sampler %.1f%%, renderer %.1f%%%n", 100.0 * cpu / wall, 100.0 * fx / wall,
                100.0 * sampler / wall, 100.0 * render / wall);
        System.out.println("busiest threads: " + busiest.subList(0, Math.min(6, busiest.size())));
        System.out.println("all threads by name, JVM's own included (ticks of /proc/self/task/*/stat): "
                + byName(native0, native1, wall));
        System.out.printf(Locale.ROOT, "of which JIT compilation %.1f%%, GC %.1f%% (wall time of compiler threads and"
                + " collections, per the JVM's management beans)%n", 100.0 * jitMs * 1e6 / wall, 100.0 * gcMs * 1e6 / wall);
        System.out.printf(Locale.ROOT, "machine: %d cores, %.0f%% busy during the CPU measurement (all processes)%n",
                Runtime.getRuntime().availableProcessors(),
                100.0 * (machine1[0] - machine0[0]) / Math.max(1, machine1[1] - machine0[1]));
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Platform.runLater(() -> {
            app.stop();
            stopped.complete(null);
        });
        stopped.get(10, TimeUnit.SECONDS);
    }

    /** Each thread of this JVM ("tid:name") and its CPU time in clock ticks (10 ms), from /proc. */
    private static java.util.Map<String, Long> nativeThreadTicks() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        File[] tasks = new File("/proc/self/task").listFiles();
        for (File t : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(t.toPath().resolve("stat"));
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(t.getName() + ":" + comm, Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended
            }
        }
        return out;
    }

    /** CPU per thread name (numbered threads such as "C2 CompilerThread0" summed) over the wall time, busiest first. */
    private static String byName(java.util.Map<String, Long> before, java.util.Map<String, Long> after, long wall) {
        java.util.Map<String, Long> sums = new java.util.HashMap<>();
        after.forEach((k, v) -> sums.merge(k.substring(k.indexOf(':') + 1).replaceAll("[0-9]+$", "#"),
                v - before.getOrDefault(k, 0L), Long::sum));
        StringBuilder sb = new StringBuilder();
        sums.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%s=%.1f%% ", e.getKey(),
                        100.0 * e.getValue() * 1e7 / wall)));
        return sb.toString().trim();
    }

    private static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** The machine's busy and total jiffies, all cores, from /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (java.io.IOException e) {
            return new long[] {0, 1};
        }
    }

    private static int count(SystemSnapshot s) {
        int alive = 0;
        for (var session : s.sessions()) {
            for (ProcessSnapshot p : session.processes()) {
                alive += p.alive() ? 1 : 0;
            }
        }
        return alive;
    }

    private static long threadId(ThreadMXBean threads, String name) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                return info.getThreadId();
            }
        }
        return -1;
    }

    private static double[] ms(List<Long> nanos) {
        return nanos.stream().mapToDouble(v -> v / 1e6).toArray();
    }

    private static double pct(double[] v, double p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)];
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static void deleteTree(Path dir) {
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File f : files) {
                f.delete();
            }
        }
        dir.toFile().delete();
    }

    /**
     * The load JVM: starts N sleeping processes (spawn start method, one fresh JVM each), prints their pids and
     * "ready", and when its stdin closes, terminates them (kill as a fallback) and exits. A second argument sets how
     * long the processes sleep, in seconds (600: one benchmark run; longer for runs with {@link #ATTACH_PROPERTY}).
     */
    public static final class Load {
        private Load() {
        }

        public static void main(String[] args) throws Exception {
            int n = Integer.parseInt(args[0]);
            long sleepMillis = args.length > 1 ? Long.parseLong(args[1]) * 1000 : 600_000; // a run's length
            Context ctx = Multiprocessing.getContext(StartMethod.SPAWN);
            List<Process> started = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    Process p = ctx.process("sleeper-" + i, () -> Thread.sleep(sleepMillis));
                    p.setDaemon(true);
                    p.start();
                    started.add(p);
                    System.out.println("pid " + p.getPid().orElseThrow());
                    if ((i + 1) % 10 == 0) {
                        System.err.println("load: started " + (i + 1) + "/" + n);
                    }
                }
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the benchmark to close our stdin
                }
            } finally {
                for (Process p : started) {
                    p.terminate();
                }
                for (Process p : started) {
                    if (!p.join(Duration.ofSeconds(5))) {
                        p.kill();
                        p.join(Duration.ofSeconds(5));
                    }
                }
                System.err.println("load: stopped " + started.size() + " processes");
            }
        }
    }
}
