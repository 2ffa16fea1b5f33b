package io.mpscope.multiprocessing.programs;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Lock;

/**
 * A root that makes shared primitives (an arena segment, and a 2 MiB array in a segment of its own), lets a child
 * use them, prints {@code ready}, then either returns ({@code exit}) or waits to be killed ({@code wait}).
 */
public final class SegmentsProgram {
    private SegmentsProgram() {
    }

    public static void main(String[] args) throws Exception {
        Context ctx = Multiprocessing.getContext();
        Lock lock = ctx.lock("segments-lock");
        Event done = ctx.event();
        Array big = ctx.rawArray(TypeCode.DOUBLE, 256 * 1024);
        Process p = ctx.process(() -> {
            try (var h = lock.hold()) {
                big.setDouble(1, 42);
            }
            done.set();
        });
        p.start();
        p.join();
        if (!done.isSet() || big.getDouble(1) != 42) {
            throw new AssertionError("the child did not use the primitives");
        }
        System.out.println("ready");
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            Thread.sleep(120_000);
        }
    }
}
