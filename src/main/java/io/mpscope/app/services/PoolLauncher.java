package io.mpscope.app.services;

import io.mpscope.multiprocessing.pool.AsyncResult;
import io.mpscope.multiprocessing.pool.IMapIterator;
import io.mpscope.multiprocessing.pool.Pool;
import io.mpscope.multiprocessing.pool.PoolOptions;
import io.mpscope.multiprocessing.pool.TaskFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes pools in the app's own process, as the launch dialog asks, runs their one call on a background thread, and
 * acts on them afterwards (grow, shrink, restart, terminate): the window holds the {@link Pool} objects, so only
 * these pools can be acted on. Results and failures go to the log (the Log tab shows them).
 *
 * <p>Every method returns at once; the work runs on daemon threads {@code mp-pool-launch-N}. A pool stays up with
 * idle workers after its call, until it is terminated or the app stops.
 */
public final class PoolLauncher implements PoolActions, AutoCloseable {
    /** How many results a log line lists. */
    static final int LOGGED_RESULTS = 12;

    private static final Logger log = LoggerFactory.getLogger(PoolLauncher.class);

    private final long pid = ProcessHandle.current().pid();
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mp-pool-launch-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * Makes the pool {@code r} describes and starts its call in the background. Completes with the pool's name once
     * the pool exists and the call has been handed to it (not when the call is done); fails if the pool cannot be
     * made.
     */
    public CompletableFuture<String> launch(PoolRequest r) {
        CompletableFuture<String> made = new CompletableFuture<>();
        try {
            executor.execute(() -> run(r, made));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            made.completeExceptionally(new IllegalStateException("pool launcher closed: pool=" + r.name()));
        }
        return made;
    }

    private void run(PoolRequest r, CompletableFuture<String> made) {
        Pool pool;
        try {
            if (closed) {
                throw new IllegalStateException("pool launcher closed: pool=" + r.name());
            }
            if (!r.name().isEmpty() && pools.containsKey(r.name())) {
                throw new IllegalArgumentException("a pool of this name runs already: name=" + r.name());
            }
            PoolOptions o = PoolOptions.defaults().withProcesses(r.processes());
            if (r.maxTasksPerChild() > 0) {
                o = o.withMaxTasksPerChild(r.maxTasksPerChild());
            }
            if (!r.name().isEmpty()) {
                o = o.withName(r.name());
            }
            pool = new Pool(o);
            pools.put(pool.getName(), pool);
        } catch (RuntimeException | LinkageError e) {
            log.warn("pool not launched: request={} reason={}", r.display(), e.toString());
            made.completeExceptionally(e);
            return;
        }
        String name = pool.getName();
        log.info("pool launched: pool={} call={}", name, r.display());
        made.complete(name);
        long start = System.nanoTime();
        try {
            call(pool, r, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("pool {}: {} failed after {}: {}", name, method(r), took(start), e.getMessage());
        }
    }

    private static void call(Pool pool, PoolRequest r, long start) throws InterruptedException {
        String name = pool.getName();
        TaskFunction<Integer, Integer> fn = r.task().function(r.parameter());
        List<Integer> inputs = IntStream.range(0, r.inputs()).boxed().collect(Collectors.toList());
        switch (r.method()) {
            case MAP: {
                List<Integer> out = r.chunksize() > 0 ? pool.map(fn, inputs, r.chunksize()) : pool.map(fn, inputs);
                log.info("pool {}: map of {} inputs done in {}: {}", name, inputs.size(), took(start), first(out));
                break;
            }
            case IMAP:
            case IMAP_UNORDERED: {
                boolean ordered = r.method() == PoolRequest.Method.IMAP;
                int chunk = Math.max(1, r.chunksize());
                IMapIterator<Integer> it = ordered ? pool.imap(fn, inputs, chunk)
                        : pool.imapUnordered(fn, inputs, chunk);
                List<Integer> got = new ArrayList<>();
                int failed = 0;
                while (true) {
                    try {
                        got.add(it.next());
                    } catch (NoSuchElementException end) {
                        break;
                    } catch (RuntimeException e) {
                        failed++;
                        log.warn("pool {}: {} result {} failed: {}", name, method(r), got.size() + failed,
                                e.getMessage());
                    }
                }
                log.info("pool {}: {} of {} inputs ended in {}: {} results, {} failed: {}", name, method(r),
                        inputs.size(), took(start), got.size(), failed, first(got));
                break;
            }
            default: {
                List<AsyncResult<Integer>> results = new ArrayList<>(inputs.size());
                for (Integer x : inputs) {
                    results.add(pool.applyAsync(fn, x));
                }
                List<Integer> got = new ArrayList<>();
                int failed = 0;
                for (AsyncResult<Integer> a : results) {
                    try {
                        got.add(a.get());
                    } catch (RuntimeException e) {
                        failed++;
                        log.warn("pool {}: applyAsync {} failed: {}", name, got.size() + failed, e.getMessage());
                    }
                }
                log.info("pool {}: {} applyAsync calls ended in {}: {} results, {} failed: {}", name,
                        inputs.size(), took(start), got.size(), failed, first(got));
            }
        }
    }

    private static String method(PoolRequest r) {
        return r.method() == PoolRequest.Method.APPLY_ASYNC ? "applyAsync" : r.method().toString();
    }

    private static String took(long start) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    }

    private static String first(List<Integer> out) {
        if (out.size() <= LOGGED_RESULTS) {
            return out.toString();
        }
        return out.subList(0, LOGGED_RESULTS).toString().replace("]", ", \u2026 (" + out.size() + " in all)]");
    }

    @Override
    public boolean owns(long ownerPid, String poolName) {
        return ownerPid == pid && pools.containsKey(poolName);
    }

    @Override
    public CompletableFuture<Void> resize(String poolName, int processes) {
        return act(poolName, p -> {
            int was = p.getProcesses();
            p.resize(processes);
            log.info("pool {} resized: processes={} was={}", poolName, processes, was);
        });
    }

    @Override
    public CompletableFuture<Void> restartWorkers(String poolName) {
        return act(poolName, p -> {
            p.restartWorkers();
            log.info("pool {}: workers restart after their current chunk", poolName);
        });
    }

    @Override
    public CompletableFuture<Void> terminate(String poolName) {
        return act(poolName, p -> {
            pools.remove(poolName);
            p.terminate();
            p.join();
            log.info("pool {} terminated", poolName);
        });
    }

    /** The pools held, by name (for tests). */
    public Map<String, Pool> pools() {
        return Map.copyOf(pools);
    }

    private interface PoolAction {
        void run(Pool p) throws InterruptedException;
    }

    private CompletableFuture<Void> act(String poolName, PoolAction a) {
        Pool p = pools.get(poolName);
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "pool not launched from mpscope: pool=" + poolName));
        }
        return CompletableFuture.runAsync(() -> {
            try {
                a.run(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
    }

    /** Terminates every pool in the background and returns at once. */
    @Override
    public void close() {
        closed = true;
        List<Pool> all = new ArrayList<>(pools.values());
        pools.clear();
        if (all.isEmpty()) {
            executor.shutdown();
            return;
        }
        executor.execute(() -> {
            for (Pool p : all) {
                try {
                    p.terminate();
                    p.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("pool not terminated: pool={} reason={}", p.getName(), e.toString());
                }
            }
        });
        executor.shutdown();
    }

    /** Waits until the pools are terminated and the calls' threads have ended after {@link #close}; not on FX. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
