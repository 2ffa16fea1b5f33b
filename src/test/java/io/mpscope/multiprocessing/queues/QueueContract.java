package io.mpscope.multiprocessing.queues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.SerializationException;
import io.mpscope.multiprocessing.process.ProcessTarget;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What Queue, SimpleQueue and JoinableQueue must do (CPython §2.4), between threads and between processes. */
abstract class QueueContract {
    static final Duration LONG = Duration.ofSeconds(60);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    /** A serializable item of the user's own type. */
    record Point(int x, String label) implements Serializable {
    }

    @Test
    void itemsComeBackInOrderAndAsCopies() throws Exception {
        Queue<Object> q = ctx.queue();
        int[] arr = {1, 2, 3};
        List<Object> items = List.of(1, 2L, 3.5, "four", true, new Point(5, "five"), List.of("six"));
        q.put(null);
        for (Object o : items) {
            q.put(o);
        }
        q.put(arr);
        arr[0] = 99; // a change after put does not reach the queue
        assertEquals(null, q.get());
        for (Object o : items) {
            assertEquals(o, q.get());
        }
        assertArrayEquals(new int[] {1, 2, 3}, (int[]) q.get());
    }

    @Test
    void childPutsParentGets() throws Exception {
        Queue<String> q = ctx.queue();
        Elsewhere.Party p = elsewhere().start(() -> {
            for (int i = 0; i < 1000; i++) {
                q.put("item-" + i);
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals("item-" + i, q.get(LONG));
        }
        assertTrue(p.join(LONG));
        assertEquals(0, p.exitCode());
    }

    @Test
    void emptyAndFullTimeOutAsCPython() throws Exception {
        Queue<Integer> q = ctx.queue(2);
        assertThrows(QueueEmptyException.class, q::getNowait);
        long t0 = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(200)));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 190);
        q.put(1);
        q.put(2);
        assertTrue(q.full());
        assertEquals(2, q.qsize());
        assertThrows(QueueFullException.class, () -> q.putNowait(3));
        assertThrows(QueueFullException.class, () -> q.put(3, Duration.ofMillis(100)));
        assertEquals(1, q.get());
        q.putNowait(3);
        assertEquals(2, q.get());
        assertEquals(3, q.get());
        assertTrue(q.empty());
    }

    @Test
    void boundedPutWaitsForAConsumer() throws Exception {
        Queue<Integer> q = ctx.queue(1);
        q.put(0);
        Elsewhere.Party p = elsewhere().start(() -> {
            Thread.sleep(200);
            q.get();
        });
        long t0 = System.nanoTime();
        q.put(1, LONG);
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 100, "put waited for room");
        assertTrue(p.join(LONG));
        assertEquals(1, q.get());
    }

    @Test
    void unboundedPutNeverBlocksEvenWhenTheRingIsFull() throws Exception {
        Queue<byte[]> q = ctx.queue();
        byte[] item = new byte[100 * 1024]; // inline: 8 fill the 1 MiB ring
        for (int i = 0; i < 40; i++) {
            item[0] = (byte) i;
            q.put(item);
        }
        assertEquals(40, q.qsize());
        for (int i = 0; i < 40; i++) {
            assertEquals((byte) i, q.get(LONG)[0]);
        }
    }

    @Test
    void aByteArrayChangedAfterPutArrivesAsItWasPut() throws Exception {
        // put copies a byte[] into the ring itself (no copy of its own) or, when it has to wait in the backlog,
        // detaches a copy: either way a later change does not reach the queue
        Queue<byte[]> unbounded = ctx.queue();
        Queue<byte[]> bounded = ctx.queue(100);
        SimpleQueue<byte[]> simple = ctx.simpleQueue();
        byte[] big = new byte[100 * 1024]; // 8 fill the ring: the later ones wait in the backlog
        for (int i = 0; i < 20; i++) {
            java.util.Arrays.fill(big, (byte) i);
            unbounded.put(big);
            if (i < 5) {
                bounded.put(big);
                simple.put(big);
            }
        }
        java.util.Arrays.fill(big, (byte) -1);
        for (int i = 0; i < 20; i++) {
            byte[] got = unbounded.get(LONG);
            assertEquals(big.length, got.length);
            assertEquals(1, java.util.stream.IntStream.range(0, got.length).map(k -> got[k]).distinct().count());
            assertEquals((byte) i, got[got.length - 1], "unbounded item " + i);
            if (i < 5) {
                assertEquals((byte) i, bounded.get(LONG)[1000], "bounded item " + i);
                assertEquals((byte) i, simple.get()[50_000], "simple queue item " + i);
            }
        }
        assertTrue(unbounded.empty());
    }

    @Test
    void unboundedPutDoesNotWaitWhenNobodyTakes() throws Exception {
        // A put may wait up to 2 ms for the feeder while a consumer takes; with nobody taking it must not: 4,000
        // items (16 MiB, four times the backlog's soft limit) are put at once, as CPython's put does.
        Queue<byte[]> q = ctx.queue();
        byte[] item = new byte[4096];
        long t0 = System.nanoTime();
        for (int i = 0; i < 4000; i++) {
            item[0] = (byte) i;
            q.put(item);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 4000 * Queue.THROTTLE_MAX_NANOS / 1_000_000 / 2,
                "4000 puts into a queue nobody reads took " + ms + " ms: they waited for a consumer");
        assertEquals(4000, q.qsize());
        for (int i = 0; i < 4000; i++) {
            assertEquals((byte) i, q.get(LONG)[0]);
        }
    }

    @Test
    void perProducerOrderWithSeveralProducersAndConsumers() throws Exception {
        Queue<long[]> q = ctx.queue("work", 0);
        Queue<long[]> out = ctx.queue("seen", 0);
        int producers = 3;
        int per = 2_000;
        List<Elsewhere.Party> parties = new ArrayList<>();
        for (int k = 0; k < producers; k++) {
            long id = k;
            parties.add(elsewhere().start(() -> {
                for (int i = 0; i < per; i++) {
                    q.put(new long[] {id, i});
                }
            }));
        }
        ProcessTarget consumer = () -> {
            while (true) {
                long[] item = q.get();
                out.put(item);
                if (item[0] < 0) {
                    return;
                }
            }
        };
        Elsewhere.Party c1 = elsewhere().start(consumer);
        Elsewhere.Party c2 = elsewhere().start(consumer);
        for (Elsewhere.Party p : parties) {
            assertTrue(p.join(LONG));
            assertEquals(0, p.exitCode());
        }
        q.put(new long[] {-1, 0});
        q.put(new long[] {-1, 0});
        assertTrue(c1.join(LONG) && c2.join(LONG));
        Map<Long, List<Long>> byProducer = new HashMap<>();
        int count = 0;
        while (!out.empty()) {
            long[] item = out.get(LONG);
            if (item[0] >= 0) {
                byProducer.computeIfAbsent(item[0], x -> new ArrayList<>()).add(item[1]);
                count++;
            }
        }
        assertEquals(producers * per, count, "every item delivered once");
        for (List<Long> seq : byProducer.values()) {
            // two consumers may reorder between them; each consumer sees each producer in order, and nothing is
            // lost or doubled
            assertEquals(per, seq.size());
            assertEquals(per, seq.stream().distinct().count());
        }
    }

    @Test
    void largeItemsPassIntact() throws Exception {
        Queue<byte[]> q = ctx.queue();
        int size = 64 << 20;
        Elsewhere.Party p = elsewhere().start(() -> {
            byte[] big = new byte[size];
            for (int i = 0; i < big.length; i += 4096) {
                big[i] = (byte) (i >>> 12);
            }
            big[size - 1] = 42;
            q.put(big);
        });
        assertTrue(p.join(LONG), "a child that put a large item can be joined before anyone reads it");
        byte[] got = q.get(LONG);
        assertEquals(size, got.length);
        assertEquals(42, got[size - 1]);
        assertEquals((byte) 3, got[3 * 4096]);
    }

    @Test
    void anUnserializableItemFailsInPutNamingItsClass() throws Exception {
        Queue<Object> q = ctx.queue();
        Object bad = new ArrayList<>(List.of(new Object()));
        SerializationException e = assertThrows(SerializationException.class, () -> q.put(bad));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertTrue(q.empty(), "nothing was put");
    }

    @Test
    void closedQueueRefusesThisProcess() throws Exception {
        Queue<Integer> q = ctx.queue();
        q.put(1);
        q.close();
        assertThrows(IllegalStateException.class, () -> q.put(2));
        assertThrows(IllegalStateException.class, q::get);
        q.joinThread();
    }

    @Test
    void joinThreadNeedsClose() {
        Queue<Integer> q = ctx.queue();
        assertThrows(IllegalStateException.class, q::joinThread);
    }

    @Test
    void simpleQueuePutGetEmpty() throws Exception {
        SimpleQueue<String> q = ctx.simpleQueue();
        assertTrue(q.empty());
        Elsewhere.Party p = elsewhere().start(() -> {
            q.put("a");
            q.put("b");
        });
        assertEquals("a", q.get());
        assertEquals("b", q.get());
        assertTrue(p.join(LONG));
        assertTrue(q.empty());
        q.close();
        assertThrows(IllegalStateException.class, q::get);
    }

    @Test
    void joinableQueueJoinsWhenEveryTaskIsDone() throws Exception {
        JoinableQueue<Integer> q = ctx.joinableQueue();
        IllegalStateException tooMany = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", tooMany.getMessage());
        for (int i = 0; i < 100; i++) {
            q.put(i);
        }
        assertEquals(100, q.unfinishedTasks());
        assertFalse(q.join(Duration.ofMillis(100)));
        Elsewhere.Party p = elsewhere().start(() -> {
            for (int i = 0; i < 100; i++) {
                q.get();
                q.taskDone();
            }
        });
        assertTrue(q.join(LONG));
        assertEquals(0, q.unfinishedTasks());
        assertTrue(p.join(LONG));
    }
}
