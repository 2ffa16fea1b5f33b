package io.mpscope.multiprocessing.synchronize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.Multiprocessing;
import io.mpscope.multiprocessing.process.ProcessTarget;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.testsupport.Elsewhere;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What Value and Array must do: CPython's V1-V4 (§2.8) and our lock-free extras, between threads and processes. */
abstract class ValueArrayContract {
    static final Duration LONG = Duration.ofSeconds(30);

    abstract Elsewhere elsewhere();

    final Context ctx = Multiprocessing.getContext();

    @Test
    void valueShowsLikeCPython() {
        Value v = ctx.intValue(0);
        assertEquals("<Synchronized wrapper for c_int(0)>", v.toString());
        assertEquals("<RLock(None, 0)>", v.getLock().toString());
        Value raw = ctx.rawValue(TypeCode.DOUBLE, 1.5);
        assertEquals("c_double(1.5)", raw.toString());
        assertThrows(IllegalStateException.class, raw::getLock);
    }

    @Test
    void lockedIncrementsAreExactAcrossParties() throws Exception {
        Value v = ctx.intValue(0);
        int per = 5_000;
        ProcessTarget work = () -> {
            for (int i = 0; i < per; i++) {
                try (var h = v.hold()) {
                    v.setInt(v.getInt() + 1);
                }
            }
        };
        Elsewhere.Party a = elsewhere().start(work);
        Elsewhere.Party b = elsewhere().start(work);
        work.run();
        assertTrue(a.join(LONG) && b.join(LONG));
        assertEquals(3 * per, v.getInt());
    }

    @Test
    void lockFreeAddsAreExactAcrossParties() throws Exception {
        Value v = ctx.longValue(0);
        Value d = ctx.doubleValue(0);
        int per = 20_000;
        ProcessTarget work = () -> {
            for (int i = 0; i < per; i++) {
                v.getAndAddLong(1);
                d.addAndGetDouble(0.5);
            }
        };
        Elsewhere.Party a = elsewhere().start(work);
        work.run();
        assertTrue(a.join(LONG));
        assertEquals(2L * per, v.getLong());
        assertEquals(per, d.getDouble());
        assertTrue(v.compareAndSetLong(2L * per, 7));
        assertEquals(7, v.getLong());
        assertThrows(UnsupportedOperationException.class, () -> d.getAndAddInt(1));
    }

    @Test
    void arraysOfEveryShape() throws Exception {
        Array zeros = ctx.intArray(3);
        assertArrayEquals(new long[] {0, 0, 0}, zeros.toLongArray());
        Array hello = Array.ofBytes(null, "hello".getBytes(StandardCharsets.US_ASCII), null, false);
        assertEquals("hello", new String(hello.getValue(), StandardCharsets.US_ASCII));
        assertEquals("hello", new String(hello.getRaw(), StandardCharsets.US_ASCII));
        Array shorts = ctx.rawArray(TypeCode.SHORT, new long[] {1, 2, 3});
        assertArrayEquals(new long[] {1, 2, 3}, shorts.toLongArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> zeros.set(5, 1));
        assertTrue(e.getMessage().startsWith("invalid index"), e.getMessage());
    }

    @Test
    void childSeesAndChangesTheSameArray() throws Exception {
        double[] init = new double[1000];
        for (int i = 0; i < init.length; i++) {
            init[i] = i;
        }
        Array a = ctx.array(TypeCode.DOUBLE, init);
        Value sum = ctx.rawValue(TypeCode.DOUBLE, 0);
        Elsewhere.Party p = elsewhere().start(() -> {
            double s = 0;
            for (int i = 0; i < a.length(); i++) {
                s += a.getDouble(i);
            }
            sum.setDouble(s);
            a.setDouble(0, -1);
        });
        assertTrue(p.join(LONG));
        assertEquals(999.0 * 1000 / 2, sum.getDouble());
        assertEquals(-1, a.getDouble(0));
    }
}
