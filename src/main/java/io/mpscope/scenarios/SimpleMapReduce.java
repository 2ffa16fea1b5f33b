package io.mpscope.scenarios;

import io.mpscope.multiprocessing.pool.Pool;
import io.mpscope.multiprocessing.pool.PoolOptions;
import io.mpscope.multiprocessing.pool.TaskFunction;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyMOTW {@code multiprocessing_mapreduce}: a single-machine MapReduce on {@code Pool.map}: the map function turns
 * each input into (key, value) pairs in the workers, the pairs are grouped by key here, and the reduce function
 * turns each (key, values) group into a result in the workers. Pairs are {@link AbstractMap.SimpleImmutableEntry},
 * which is serializable (a {@code Map.entry} is not).
 *
 * @param <I> the input type
 * @param <K> the key type
 * @param <V> the value type
 * @param <R> the result type
 */
public final class SimpleMapReduce<I, K, V, R> implements AutoCloseable {
    private final TaskFunction<I, List<Map.Entry<K, V>>> mapFunction;
    private final TaskFunction<Map.Entry<K, List<V>>, R> reduceFunction;
    private final Pool pool;

    /** {@code workers} 0 means cpuCount(). Python: {@code SimpleMapReduce(map_func, reduce_func, num_workers)}. */
    public SimpleMapReduce(TaskFunction<I, List<Map.Entry<K, V>>> mapFunction,
                           TaskFunction<Map.Entry<K, List<V>>, R> reduceFunction, int workers) {
        this.mapFunction = mapFunction;
        this.reduceFunction = reduceFunction;
        this.pool = new Pool(workers == 0 ? PoolOptions.defaults() : PoolOptions.defaults().withProcesses(workers));
    }

    /** Groups the pairs by key, keys in order of first appearance (Python's defaultdict). */
    static <K, V> List<Map.Entry<K, List<V>>> partition(Iterable<? extends List<Map.Entry<K, V>>> mapped) {
        Map<K, List<V>> grouped = new LinkedHashMap<>();
        for (List<Map.Entry<K, V>> pairs : mapped) {
            for (Map.Entry<K, V> p : pairs) {
                grouped.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
            }
        }
        List<Map.Entry<K, List<V>>> out = new ArrayList<>();
        grouped.forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, v)));
        return out;
    }

    /** Maps the inputs ({@code chunksize} per task), groups, reduces. Python: {@code mapper(inputs, chunksize)}. */
    public List<R> apply(List<I> inputs, int chunksize) throws InterruptedException {
        List<List<Map.Entry<K, V>>> mapped = pool.map(mapFunction, inputs, chunksize);
        return pool.map(reduceFunction, partition(mapped));
    }

    /** Closes the pool and waits for its workers. */
    @Override
    public void close() throws InterruptedException {
        pool.close();
        pool.join();
    }
}
