package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.serialization.ItemCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The pool's messages, framed by hand (little-endian) so a task or a result of plain values costs no Java
 * serialization; items inside are {@link ItemCodec} records (tag, length, bytes).
 *
 * <pre>
 * to a worker (its own ring):
 *   CHUNK  u8 type=1, i64 seq, i32 nForget, i64[nForget] fnIds to drop, i64 fnId, i32 defLength (-1: known),
 *          u8[defLength] function, u8 arity (1, or 2 for starmap), i32 count, values (count*arity)
 *   STOP   u8 type=0
 * to the pool (the shared result ring):
 *   OK     u8 type=1, i32 workerId, i64 seq, i32 count, i64 busy (ns the worker spent on it), values (count)
 *   ERROR  u8 type=2, i32 workerId, i64 seq, str type, str message, str trace, i32 n, u8[n] serialized throwable
 *   READY  u8 type=3, i32 workerId, i64 pid             (the initializer has run)
 *   INIT_FAILED u8 type=4, i32 workerId, then as ERROR from "str type"
 *   EXITED u8 type=5, i32 workerId                       (written by the pool itself when a worker's process ended)
 *   WAKE   u8 type=6                                     (written by the pool itself: look at the state again)
 *   str = i32 length + UTF-8 bytes
 *   values = u8 packing, then per value: i64 (LONGS, DOUBLES as raw bits), i32 (INTS), or an item (RECORDS)
 *   item = i32 ItemCodec tag, i32 length, bytes
 * </pre>
 */
final class Frames {
    static final byte STOP = 0;
    static final byte CHUNK = 1;

    static final byte OK = 1;
    static final byte ERROR = 2;
    static final byte READY = 3;
    static final byte INIT_FAILED = 4;
    static final byte EXITED = 5;
    static final byte WAKE = 6;

    /** How a run of values is written: ItemCodec records, or bare numbers when they are all of one boxed type. */
    static final int PACK_RECORDS = 0;
    static final int PACK_LONGS = 1;
    static final int PACK_INTS = 2;
    static final int PACK_DOUBLES = 3;

    /**
     * Values are handled in batches of this many, each batch by a small method called again and again: a fresh
     * worker JVM compiles such a method after a few hundred calls, while one long loop over a 12500-item chunk would
     * run in the interpreter until on-stack replacement, after tens of thousands of iterations.
     */
    static final int BATCH = 64;

    private static boolean allOf(Class<?> c, Object[] xs, int from, int to) {
        for (int i = from; i < to; i++) {
            Object x = xs[i];
            if (x == null || x.getClass() != c) {
                return false;
            }
        }
        return true;
    }

    /** The packing for values {@code from..to} of {@code xs}: bare numbers if all are Long (or Integer, Double). */
    static int packing(Object[] xs, int from, int to) {
        if (from >= to) {
            return PACK_RECORDS;
        }
        Object first = xs[from];
        Class<?> c = first == null ? null : first.getClass();
        int pack = c == Long.class ? PACK_LONGS : c == Integer.class ? PACK_INTS : c == Double.class ? PACK_DOUBLES
                : PACK_RECORDS;
        return pack == PACK_RECORDS || allOf(c, xs, from + 1, to) ? pack : PACK_RECORDS;
    }

    private Frames() {
    }

    /**
     * A CHUNK frame: {@code evict} is a function id the worker may forget (or null), {@code definition} the encoded
     * function when the worker does not know {@code fnId} yet (or null), {@code items} the values as {@link Out#values}
     * wrote them (or the starmap pairs as records).
     */
    static byte[] chunk(long seq, Long evict, long fnId, byte[] definition, int arity, int count, byte[] items) {
        Out o = new Out(40 + items.length + (definition != null ? definition.length : 0));
        o.u8(CHUNK).i64(seq);
        if (evict != null) {
            o.i32(1).i64(evict);
        } else {
            o.i32(0);
        }
        o.i64(fnId);
        if (definition != null) {
            o.i32(definition.length).bytes(definition);
        } else {
            o.i32(-1);
        }
        return o.u8(arity).i32(count).bytes(items).toArray();
    }

    /** A growable little-endian byte buffer. */
    static final class Out {
        private byte[] b;
        private int n;

        Out(int initial) {
            b = new byte[Math.max(16, initial)];
        }

        private void room(int k) {
            if (n + k > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + k));
            }
        }

        Out u8(int v) {
            room(1);
            b[n++] = (byte) v;
            return this;
        }

        Out i32(int v) {
            room(4);
            b[n] = (byte) v;
            b[n + 1] = (byte) (v >>> 8);
            b[n + 2] = (byte) (v >>> 16);
            b[n + 3] = (byte) (v >>> 24);
            n += 4;
            return this;
        }

        Out i64(long v) {
            i32((int) v);
            return i32((int) (v >>> 32));
        }

        Out bytes(byte[] src) {
            return bytes(src, 0, src.length);
        }

        Out bytes(byte[] src, int off, int len) {
            room(len);
            System.arraycopy(src, off, b, n, len);
            n += len;
            return this;
        }

        Out str(String s) {
            byte[] u = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
            i32(u.length);
            return bytes(u);
        }

        /**
         * Appends {@code x} as an ItemCodec record; boxed ints, longs, doubles and strings are written in place, the
         * rest through {@link ItemCodec#encode}.
         *
         * @throws io.mpscope.multiprocessing.SerializationException if it cannot be serialized
         */
        Out item(Object x, String what) {
            if (x instanceof Integer v) {
                return i32(ItemCodec.INT).i32(4).i32(v);
            }
            if (x instanceof Long v) {
                return i32(ItemCodec.LONG).i32(8).i64(v);
            }
            if (x instanceof Double v) {
                return i32(ItemCodec.DOUBLE).i32(8).i64(Double.doubleToRawLongBits(v));
            }
            if (x == null) {
                return i32(ItemCodec.NULL).i32(0);
            }
            if (x instanceof String str && str.length() < 256) {
                byte[] u = str.getBytes(StandardCharsets.UTF_8);
                return i32(ItemCodec.STRING).i32(u.length).bytes(u);
            }
            return item(ItemCodec.encode(x, what));
        }

        /**
         * Appends values {@code from..to} of {@code xs} in batches of {@link #BATCH}: each a packing byte, then bare
         * numbers (8 or 4 bytes each) when the batch is all Long, Integer or Double, else one ItemCodec record each.
         * Half the bytes of records for numbers, so a default-chunksize chunk of longs stays within a ring's inline
         * record size; a batch at a time, so a worker holds one batch of boxed values, not a whole chunk's. An array,
         * not a List: the JIT compiles the batch methods for the one receiver it saw, and the user's list of another
         * class (an ArrayList in the warm-up, {@code List.of} or {@code stream.toList()} in the program) threw that
         * code away in the first map (seen in the compile log: four methods made not entrant, C2 busy for 10-20 ms of
         * each of the next maps).
         */
        Out values(Object[] xs, int from, int to, String what) {
            for (int i = from; i < to; i += BATCH) {
                batch(xs, i, Math.min(to, i + BATCH), what);
            }
            return this;
        }

        /** Appends values {@code from..to} (at most {@link #BATCH}) of {@code xs} as one batch (see {@link #values}). */
        Out batch(Object[] xs, int from, int to, String what) {
            int pack = packing(xs, from, to);
            u8(pack);
            room(pack == PACK_INTS ? 4 * (to - from) : pack == PACK_RECORDS ? 0 : 8 * (to - from));
            putBatch(pack, xs, from, to, what);
            return this;
        }

        /** Overwrites the 8 bytes at {@code pos} (a field written before its value was known). */
        void i64At(int pos, long v) {
            for (int k = 0; k < 8; k++) {
                b[pos + k] = (byte) (v >>> (8 * k));
            }
        }

        /** Empties the buffer for the next frame, keeping its array unless it grew past {@code keep} bytes. */
        Out reset(int keep) {
            if (b.length > keep) {
                b = new byte[256];
            }
            n = 0;
            return this;
        }

        /** Writes a batch in its packing, one small method per packing (each loop a method a JIT can take alone). */
        private void putBatch(int pack, Object[] xs, int from, int to, String what) {
            switch (pack) {
                case PACK_LONGS -> putLongs(xs, from, to);
                case PACK_INTS -> putInts(xs, from, to);
                case PACK_DOUBLES -> putDoubles(xs, from, to);
                default -> putRecords(xs, from, to, what);
            }
        }

        private void putLongs(Object[] xs, int from, int to) {
            for (int i = from; i < to; i++) {
                i64((Long) xs[i]);
            }
        }

        private void putInts(Object[] xs, int from, int to) {
            for (int i = from; i < to; i++) {
                i32((Integer) xs[i]);
            }
        }

        private void putDoubles(Object[] xs, int from, int to) {
            for (int i = from; i < to; i++) {
                i64(Double.doubleToRawLongBits((Double) xs[i]));
            }
        }

        private void putRecords(Object[] xs, int from, int to, String what) {
            for (int i = from; i < to; i++) {
                item(xs[i], what);
            }
        }

        /** Appends one item as an ItemCodec record. */
        Out item(ItemCodec.Encoded e) {
            i32(e.tag());
            i32(e.payload().length);
            return bytes(e.payload());
        }

        int length() {
            return n;
        }

        byte[] toArray() {
            return Arrays.copyOf(b, n);
        }
    }

    /** Reads what {@link Out} wrote; a malformed frame is an IOException naming what was wrong. */
    static final class In {
        private final ByteBuffer b;

        In(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        int u8() {
            return b.get() & 0xFF;
        }

        int i32() {
            return b.getInt();
        }

        long i64() {
            return b.getLong();
        }

        byte[] bytes(int len) throws IOException {
            if (len < 0 || len > b.remaining()) {
                throw new IOException("malformed pool message: length=" + len + " remaining=" + b.remaining());
            }
            byte[] out = new byte[len];
            b.get(out);
            return out;
        }

        String str() throws IOException {
            return new String(bytes(i32()), StandardCharsets.UTF_8);
        }

        /** The next item, decoded (the common boxed values read in place, without a copy). */
        Object item() throws IOException {
            int tag = i32();
            int len = i32();
            if (len < 0 || len > b.remaining()) {
                throw new IOException("malformed pool message: item length=" + len + " remaining=" + b.remaining());
            }
            switch (tag) {
                case ItemCodec.INT:
                    if (len == 4) {
                        return b.getInt();
                    }
                    break;
                case ItemCodec.LONG:
                    if (len == 8) {
                        return b.getLong();
                    }
                    break;
                case ItemCodec.DOUBLE:
                    if (len == 8) {
                        return b.getDouble();
                    }
                    break;
                case ItemCodec.NULL:
                    if (len == 0) {
                        return null;
                    }
                    break;
                case ItemCodec.STRING: {
                    String str = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
                    b.position(b.position() + len);
                    return str;
                }
                default:
                    break;
            }
            return ItemCodec.decode(tag, bytes(len));
        }

        /** Reads {@code count} values written by {@link Out#values}. */
        List<Object> values(int count) throws IOException {
            if (count < 0 || count > b.remaining()) {
                throw new IOException("malformed pool message: count=" + count + " remaining=" + b.remaining());
            }
            Object[] out = new Object[count];
            for (int i = 0; i < count; i += BATCH) {
                batch(out, i, Math.min(count, i + BATCH));
            }
            return Arrays.asList(out);
        }

        /** Reads one batch of {@code to - from} values (at most {@link #BATCH}) into {@code out[from..to)}. */
        void batch(Object[] out, int from, int to) throws IOException {
            if (!b.hasRemaining()) {
                throw new IOException("malformed pool message: a batch of " + (to - from) + " values is missing");
            }
            int pack = u8();
            if (pack < PACK_RECORDS || pack > PACK_DOUBLES) {
                throw new IOException("malformed pool message: packing=" + pack);
            }
            int width = pack == PACK_INTS ? 4 : 8;
            if (pack != PACK_RECORDS && (long) (to - from) * width > b.remaining()) {
                throw new IOException("malformed pool message: count=" + (to - from) + " remaining=" + b.remaining());
            }
            readBatch(pack, out, from, to);
        }

        /** One method per packing, as {@link Out#putBatch}. */
        private void readBatch(int pack, Object[] out, int from, int to) throws IOException {
            switch (pack) {
                case PACK_LONGS -> readLongs(out, from, to);
                case PACK_INTS -> readInts(out, from, to);
                case PACK_DOUBLES -> readDoubles(out, from, to);
                default -> readRecords(out, from, to);
            }
        }

        private void readLongs(Object[] out, int from, int to) {
            for (int i = from; i < to; i++) {
                out[i] = b.getLong();
            }
        }

        private void readInts(Object[] out, int from, int to) {
            for (int i = from; i < to; i++) {
                out[i] = b.getInt();
            }
        }

        private void readDoubles(Object[] out, int from, int to) {
            for (int i = from; i < to; i++) {
                out[i] = b.getDouble();
            }
        }

        private void readRecords(Object[] out, int from, int to) throws IOException {
            for (int i = from; i < to; i++) {
                out[i] = item();
            }
        }

        /** How many bytes have been read. */
        int position() {
            return b.position();
        }
    }
}
