package io.mpscope.multiprocessing.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.testsupport.ChildProcesses;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A producer SIGKILLed while it puts, over and over: the queue is never corrupt, every item that was committed is
 * delivered once and in order, the put lock is taken over, and the next producer and the consumer go on without a
 * hang. Trials: {@code -Dmpscope.stress.trials=N} (3 in CI).
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class QueueRobustnessIT {
    @RegisterExtension
    static final ChildProcesses children = new ChildProcesses();

    static final int TRIALS = Integer.getInteger("mpscope.stress.trials", 3);
    final Context ctx = Multiprocessing.getContext();

    /** An item whose every byte says which producer and which number it is: a torn record cannot pass as valid. */
    static byte[] item(int producer, int n, int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) (producer * 31 + n));
        b[0] = (byte) producer;
        b[1] = (byte) (n >>> 16);
        b[2] = (byte) (n >>> 8);
        b[3] = (byte) n;
        return b;
    }

    static void check(byte[] b, int producer, int n) {
        byte[] want = item(producer, n, b.length);
        if (!Arrays.equals(want, b)) {
            throw new AssertionError("corrupt item: producer=" + producer + " n=" + n + " length=" + b.length);
        }
    }

    @Test
    void producerKilledInsidePutCorruptsNothing() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            // odd trials: a bounded queue, so the producer also dies while it waits for room holding the put lock;
            // sizes: mostly inline records (the copy happens under the lock), sometimes files of their own
            Queue<byte[]> q = ctx.queue("victim-" + trial, trial % 2 == 1 ? 4 : 0);
            int size = trial % 3 == 2 ? 150_000 + ThreadLocalRandom.current().nextInt(150_000)
                    : 8 + ThreadLocalRandom.current().nextInt(60_000);
            Process killed = children.track(ctx.process(() -> {
                for (int n = 0; ; n++) {
                    q.put(item(1, n, size));
                }
            }));
            killed.start();
            int expected = 0;
            long until = System.nanoTime() + 300_000_000L + ThreadLocalRandom.current().nextLong(500_000_000L);
            while (System.nanoTime() < until || expected == 0) {
                byte[] b = q.get(Duration.ofSeconds(30));
                int n = ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                assertEquals(1, b[0]);
                assertEquals(expected, n, "trial " + trial + ": in order, none lost or doubled");
                check(b, 1, n);
                expected++;
            }
            killed.kill();
            assertTrue(killed.join(Duration.ofSeconds(10)));
            // what it committed before dying is still there, whole and in order
            while (true) {
                byte[] b;
                try {
                    b = q.getNowait();
                } catch (QueueEmptyException e) {
                    break;
                }
                int n = ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
                assertEquals(expected, n, "trial " + trial + ": committed items after the kill");
                check(b, 1, n);
                expected++;
            }
            // a new producer takes the put lock over and the queue works on
            Process next = children.track(ctx.process(() -> {
                for (int n = 0; n < 50; n++) {
                    q.put(item(2, n, size));
                }
            }));
            next.start();
            for (int n = 0; n < 50; n++) {
                byte[] b = q.get(Duration.ofSeconds(30));
                check(b, 2, n);
            }
            assertTrue(next.join(Duration.ofSeconds(30)));
            assertEquals(0, next.getExitCode().orElse(-1));
            System.out.println("trial " + trial + ": " + expected + " items of " + size + " bytes before the kill");
        }
    }
}
