package io.mpscope.multiprocessing.pool;

import io.mpscope.multiprocessing.serialization.ItemCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The pool's messages, framed by hand (little-endian) so a task or a result of plain values costs no Java
 * serialization; items inside are {@link ItemCodec} records (tag, length, bytes).
 *
 * <pre>
 * to a worker (its own ring):
 *   CHUNK  u8 type=1, i64 seq, i32 nForget, i64[nForget] fnIds to drop, i64 fnId, i32 defLength (-1: known),
 *          u8[defLength] function, u8 arity (1, or 2 for starmap), i32 count, count*arity items
 *   STOP   u8 type=0
 * to the pool (the shared result ring):
 *   OK     u8 type=1, i32 workerId, i64 seq, i32 count, count items
 *   ERROR  u8 type=2, i32 workerId, i64 seq, str type, str message, str trace, i32 n, u8[n] serialized throwable
 *   READY  u8 type=3, i32 workerId, i64 pid             (the initializer has run)
 *   INIT_FAILED u8 type=4, i32 workerId, then as ERROR from "str type"
 *   EXITED u8 type=5, i32 workerId                       (written by the pool itself when a worker's process ended)
 *   WAKE   u8 type=6                                     (written by the pool itself: look at the state again)
 *   str = i32 length + UTF-8 bytes
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

    private Frames() {
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

        /** The next item, decoded. */
        Object item() throws IOException {
            int tag = i32();
            return ItemCodec.decode(tag, bytes(i32()));
        }

        /** Copies the next {@code count} raw item records (to forward them without decoding). */
        int position() {
            return b.position();
        }
    }
}
