package io.mpscope.multiprocessing.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.SerializationException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's hand-made frames: values round-trip in every packing, and malformed frames are named errors. */
class FramesTest {
    private static List<Object> roundTrip(List<?> xs) throws IOException {
        byte[] b = new Frames.Out(8).values(xs.toArray(), 0, xs.size(), "test value").toArray();
        Frames.In in = new Frames.In(b);
        List<Object> out = in.values(xs.size());
        assertEquals(b.length, in.position(), "the whole frame was read");
        return out;
    }

    @Test
    void homogeneousNumbersArePackedBare() throws IOException {
        List<Long> longs = List.of(1L, -2L, Long.MAX_VALUE, Long.MIN_VALUE);
        assertEquals(Frames.PACK_LONGS, Frames.packing(longs.toArray(), 0, 4));
        assertEquals(1 + 8 * 4, new Frames.Out(8).values(longs.toArray(), 0, 4, "x").length());
        assertEquals(longs, roundTrip(longs));
        List<Integer> ints = List.of(0, 7, -1, Integer.MIN_VALUE);
        assertEquals(Frames.PACK_INTS, Frames.packing(ints.toArray(), 0, 4));
        assertEquals(ints, roundTrip(ints));
        List<Double> doubles = List.of(0.5, -0.0, Double.NaN, Double.MAX_VALUE);
        assertEquals(Frames.PACK_DOUBLES, Frames.packing(doubles.toArray(), 0, 4));
        assertEquals(doubles, roundTrip(doubles));
    }

    @Test
    void mixedValuesAndNullsTravelAsRecords() throws IOException {
        List<Object> mixed = Arrays.asList(1L, 2, null, "héllo", 3.5, new int[] {1, 2}, List.of("a", "b"));
        assertEquals(Frames.PACK_RECORDS, Frames.packing(mixed.toArray(), 0, mixed.size()));
        List<Object> out = roundTrip(mixed);
        assertEquals(mixed.subList(0, 5), out.subList(0, 5));
        assertArrayEquals(new int[] {1, 2}, (int[]) out.get(5));
        assertEquals(List.of("a", "b"), out.get(6));
        List<Object> longsWithNull = Arrays.asList(1L, null);
        assertEquals(Frames.PACK_RECORDS, Frames.packing(longsWithNull.toArray(), 0, 2));
        assertEquals(longsWithNull, roundTrip(longsWithNull));
        String big = "x".repeat(1000);
        assertEquals(List.of(big), roundTrip(List.of(big)));
    }

    @Test
    void eachBatchHasItsOwnPackingSoALongRunStaysPackedAfterAMixedBatch() throws Exception {
        List<Object> xs = new java.util.ArrayList<>();
        xs.add("a string first");
        for (long i = 1; i < 200; i++) {
            xs.add(i);
        }
        byte[] b = new Frames.Out(8).values(xs.toArray(), 0, xs.size(), "test value").toArray();
        assertEquals(Frames.PACK_RECORDS, b[0]);
        // batch 2 (values 64..127) is all longs: its packing byte follows batch 1's 64 records
        assertEquals(xs, new Frames.In(b).values(xs.size()));
        assertTrue(b.length < 64 * 16 + 3 * (1 + 64 * 8) + 16, "later batches are bare longs: length=" + b.length);
    }

    @Test
    void anUnserializableValueNamesItsClass() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> new Frames.Out(8).values(new Object[] {new Object()}, 0, 1, "result of a pool task"));
        assertTrue(e.getMessage().contains("result of a pool task") && e.getMessage().contains("java.lang.Object"),
                e.getMessage());
    }

    @Test
    void malformedFramesAreIoErrorsNotGarbage() {
        byte[] truncated = Arrays.copyOf(new Frames.Out(8).values(new Object[] {1L, 2L}, 0, 2, "x").toArray(), 9);
        IOException e = assertThrows(IOException.class, () -> new Frames.In(truncated).values(2));
        assertTrue(e.getMessage().startsWith("malformed pool message"), e.getMessage());
        byte[] badPacking = {9, 0, 0, 0, 0};
        assertThrows(IOException.class, () -> new Frames.In(badPacking).values(1));
        // the second batch of 65 values is missing (its packing byte and all)
        Object[] sevens = java.util.Collections.nCopies(64, 7L).toArray();
        byte[] oneBatch = new Frames.Out(8).values(sevens, 0, 64, "x").toArray();
        e = assertThrows(IOException.class, () -> new Frames.In(oneBatch).values(65));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        byte[] badLength = new Frames.Out(8).i32(4).i32(1000).toArray();
        assertThrows(IOException.class, () -> new Frames.In(badLength).item());
    }

    @Test
    void functionsRoundTripInTheCompactFormOrBySerialization() throws Exception {
        int captured = 5;
        TaskFunction<Integer, Integer> plain = x -> x + captured;
        byte[] b = PoolWorker.encodeFunction(plain, "pool task function");
        assertEquals(1, b[0], "a lambda of plain captured values takes the compact form");
        @SuppressWarnings("unchecked")
        TaskFunction<Integer, Integer> back = (TaskFunction<Integer, Integer>) PoolWorker.decodeFunction(b);
        assertEquals(7, back.apply(2));
        List<String> list = new java.util.ArrayList<>(List.of("a"));
        TaskFunction<Integer, String> capturesList = x -> list.get(0) + x;
        byte[] s = PoolWorker.encodeFunction(capturesList, "pool task function");
        assertEquals(0, s[0], "anything else travels by Java serialization");
        @SuppressWarnings("unchecked")
        TaskFunction<Integer, String> back2 = (TaskFunction<Integer, String>) PoolWorker.decodeFunction(s);
        assertEquals("a1", back2.apply(1));
        Thread t = new Thread(() -> { });
        TaskFunction<Integer, String> bad = x -> t.getName();
        SerializationException e = assertThrows(SerializationException.class,
                () -> PoolWorker.encodeFunction(bad, "pool task function"));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    }

    @Test
    void optionsRejectWhatCPythonRejects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolOptions.defaults().withProcesses(0));
        assertTrue(e.getMessage().startsWith("Number of processes must be at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolOptions.defaults().withMaxTasksPerChild(0));
        assertEquals(3, PoolOptions.defaults().withProcesses(3).withMaxTasksPerChild(2).processes());
    }
}
