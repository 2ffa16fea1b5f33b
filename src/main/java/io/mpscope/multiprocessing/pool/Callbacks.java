package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.util.MpLogger;

/** Runs user callbacks in the result handler: one that throws is logged and does not stop the pool. */
final class Callbacks {
    private static final MpLogger LOG = MpLogger.get();

    private Callbacks() {
    }

    static void run(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            // CPython's result handler thread dies here and every later result hangs; log and go on instead
            LOG.warning("pool %s raised, ignored: %s", what, e);
        }
    }
}
