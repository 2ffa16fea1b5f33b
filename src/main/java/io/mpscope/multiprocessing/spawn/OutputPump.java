package io.mpscope.multiprocessing.spawn;

import io.mpscope.multiprocessing.shm.SessionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies one stream of a child (stdout or stderr) to this process's {@code System.out} or {@code System.err}, as
 * if the child wrote there itself (as after fork), and into the child's output tail in the session registry for
 * observers. One daemon thread per stream; it ends at EOF, when the child and every process that inherited the
 * pipe have closed it.
 */
final class OutputPump implements Runnable {
    private final InputStream in;
    private final int stream;
    private final SessionRegistry registry;
    private volatile int slot;
    private final CountDownLatch done = new CountDownLatch(1);

    private OutputPump(InputStream in, int stream, SessionRegistry registry, int slot) {
        this.in = in;
        this.stream = stream;
        this.registry = registry;
        this.slot = slot;
    }

    static OutputPump start(InputStream in, int stream, SessionRegistry registry, int slot, String name) {
        OutputPump p = new OutputPump(in, stream, registry, slot);
        Thread t = new Thread(p, (stream == 0 ? "mp-out-" : "mp-err-") + name);
        t.setDaemon(true);
        t.start();
        return p;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                PrintStream target = stream == 0 ? System.out : System.err;
                // PrintStream.write is synchronized: one read chunk (usually whole lines) is never interleaved
                target.write(buf, 0, n);
                target.flush();
                if (registry != null && slot >= 0) {
                    registry.appendOutput(slot, stream, buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the child is gone
        } finally {
            done.countDown();
        }
    }

    /** Waits until the stream reached EOF, at most {@code millis}. */
    boolean awaitEof(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }
}
