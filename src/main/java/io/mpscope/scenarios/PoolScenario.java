package io.mpscope.scenarios;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.pool.Pool;
import io.mpscope.multiprocessing.pool.PoolOptions;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * PyMOTW {@code multiprocessing_pool}: a pool of {@code cpuCount() * 2} workers, each announcing itself from the
 * initializer, maps {@code double} over 0..9; {@code map} keeps input order; {@code close()} then {@code join()}.
 * The built-in map is lazy in both languages: Python prints a {@code map} object, this port a Stream, shown the
 * same way.
 *
 * <p>Expected output: {@code Input   : [0, 1, ..., 9]}, {@code Built-in: <map object at 0x...>}, one
 * {@code Starting ForkPoolWorker-N} per worker (any order), {@code Pool    : [0, 2, 4, ..., 18]}.
 */
public final class PoolScenario {
    private PoolScenario() {
    }

    static int doubled(int x) {
        return x * 2;
    }

    static void announce() {
        System.out.println("Starting " + Multiprocessing.currentProcess().getName());
    }

    public static void main(String[] args) throws Exception {
        run(PoolOptions.defaults());
    }

    /** The program, with {@code extra} options (maxtasksperchild for the companion scenario). */
    static void run(PoolOptions extra) throws Exception {
        List<Integer> inputs = IntStream.range(0, 10).boxed().toList();
        System.out.println("Input   : " + inputs);
        Stream<Integer> builtin = inputs.stream().map(PoolScenario::doubled); // lazy, as Python's map()
        System.out.println("Built-in: <map object at 0x" + Integer.toHexString(System.identityHashCode(builtin))
                + ">");
        Context ctx = Multiprocessing.getContext();
        Pool pool = ctx.pool(extra.withProcesses(Multiprocessing.cpuCount() * 2)
                .withInitializer(PoolScenario::announce));
        List<Integer> outputs = pool.map(PoolScenario::doubled, inputs);
        pool.close(); // no more tasks
        pool.join(); // wait for the workers to exit
        System.out.println("Pool    : " + outputs);
    }
}
