package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.serialization.ItemCodec;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The requests and replies of the manager protocol, as frame payloads. A request starts with its operation byte;
 * a reply with its status byte. Values travel as {@link ItemCodec} items (fast paths for boxed primitives and
 * strings, filtered Java serialization for the rest; proxies serialize as their tokens).
 * <pre>
 *  CALL    op, long id, UTF method, int n, n values        -> OK value | REFERENT_ERROR | SERVER_ERROR
 *  CREATE  op, UTF typeid, int n, n values                 -> OK proxy
 *  INCREF  op, long id                                     -> OK null
 *  DECREF  op, int n, n longs                              -> OK null
 *  HELLO   op, long pid, UTF process, UTF session, bool shm -> OK (UTF session, value: Connection or null)
 *  DUMMY   op                                              -> OK null
 *  SHUTDOWN op                                             -> OK null, then the server stops
 *  error:  status, UTF class, UTF message, value stack text, value serialized exception (or null)
 * </pre>
 */
final class Messages {
    static final byte CALL = 1;
    static final byte CREATE = 2;
    static final byte INCREF = 3;
    static final byte DECREF = 4;
    static final byte HELLO = 5;
    static final byte DUMMY = 6;
    static final byte SHUTDOWN = 7;

    static final byte OK = 0;
    static final byte REFERENT_ERROR = 1;
    static final byte SERVER_ERROR = 2;

    private Messages() {
    }

    /**
     * A payload being written, big-endian, in a growing array of its own. Written by hand rather than through a
     * {@code DataOutputStream}: that one allocates two streams and its buffers per message, and its byte writes go
     * through a virtual call whose receiver the JIT profiles across every stream of the process, so the first socket
     * frame a client wrote threw away the compiled channel path of the warm-up (#6: manager_dict_set).
     */
    static final class Out {
        private byte[] buf = new byte[64];
        private int size;

        Out(byte first) {
            buf[size++] = first;
        }

        private void room(int n) {
            if (buf.length - size < n) {
                long want = Math.max((long) size + n, 2L * buf.length);
                if (want > Integer.MAX_VALUE - 8) {
                    if ((long) size + n > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("message too long: length=" + ((long) size + n));
                    }
                    want = Integer.MAX_VALUE - 8;
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        Out longValue(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
            return this;
        }

        Out intValue(int v) {
            room(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
            return this;
        }

        Out bool(boolean v) {
            room(1);
            buf[size++] = (byte) (v ? 1 : 0);
            return this;
        }

        /** A string as {@code DataOutput.writeUTF} writes it (cut to 16,000 chars): u2 length, modified UTF-8. */
        Out utf(String s) {
            if (s.length() > 16_000) {
                s = s.substring(0, 16_000);
            }
            int n = s.length();
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                bytes += c >= 1 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            if (bytes > 0xFFFF) {
                throw new IllegalArgumentException("string too long for a message: encoded length=" + bytes);
            }
            room(2 + bytes);
            buf[size++] = (byte) (bytes >>> 8);
            buf[size++] = (byte) bytes;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 1 && c < 0x80) {
                    buf[size++] = (byte) c;
                } else if (c < 0x800) {
                    buf[size++] = (byte) (0xC0 | (c >> 6));
                    buf[size++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    buf[size++] = (byte) (0xE0 | (c >> 12));
                    buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buf[size++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return this;
        }

        /** Writes {@code v} as an item; {@code what} names it in a serialization error. */
        Out value(Object v, String what) {
            ItemCodec.Encoded e = ItemCodec.encodeUncopied(v, what); // copied into this message at once
            byte[] p = e.payload();
            room(5 + p.length);
            buf[size++] = (byte) e.tag();
            intValue(p.length);
            System.arraycopy(p, 0, buf, size, p.length);
            size += p.length;
            return this;
        }

        Out values(Object[] args, String what) {
            intValue(args.length);
            for (int i = 0; i < args.length; i++) {
                value(args[i], what + " argument " + i);
            }
            return this;
        }

        /** Bytes written so far. */
        int size() {
            return size;
        }

        /** Drops what was written after the first {@code mark} bytes ({@link #size()} then). */
        void rewind(int mark) {
            if (mark < 1 || mark > size) {
                throw new IllegalArgumentException("bad mark: mark=" + mark + " size=" + size);
            }
            size = mark;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /**
     * A payload being read, big-endian, straight from its array (see {@link Out} for why not a
     * {@code DataInputStream}); any inconsistency is an IOException (a malformed frame).
     */
    static final class In {
        private final byte[] buf;
        private int pos;
        final int length;

        In(byte[] payload) {
            this.buf = payload;
            this.length = payload.length;
        }

        private int at(int n) throws EOFException {
            int p = pos;
            if (length - p < n) {
                throw new EOFException("message ends early: need " + n + " bytes at offset " + p + ", length="
                        + length);
            }
            pos = p + n;
            return p;
        }

        byte first() throws IOException {
            return buf[at(1)];
        }

        long longValue() throws IOException {
            int p = at(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[p + i] & 0xFF);
            }
            return v;
        }

        int intValue() throws IOException {
            int p = at(4);
            return (buf[p] & 0xFF) << 24 | (buf[p + 1] & 0xFF) << 16 | (buf[p + 2] & 0xFF) << 8 | (buf[p + 3] & 0xFF);
        }

        boolean bool() throws IOException {
            return buf[at(1)] != 0;
        }

        /** A string as {@code DataInput.readUTF} reads it; malformed bytes are a {@link UTFDataFormatException}. */
        String utf() throws IOException {
            int p = at(2);
            int n = (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
            int from = at(n);
            int end = from + n;
            int i = from;
            while (i < end && buf[i] > 0) {
                i++;
            }
            if (i == end) {
                return new String(buf, from, n, StandardCharsets.ISO_8859_1); // ASCII: one char per byte
            }
            // not all ASCII: the JDK's decoder, with its checks of malformed input
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(buf, from - 2, n + 2));
            return d.readUTF();
        }

        Object value() throws IOException {
            int tag = buf[at(1)] & 0xFF;
            int len = intValue();
            if (len < 0 || len > length - pos) {
                throw new IOException("bad item length: length=" + len + " frame=" + length);
            }
            int p = at(len);
            byte[] item = Arrays.copyOfRange(buf, p, p + len);
            try {
                return ItemCodec.decode(tag, item);
            } catch (IOException | RuntimeException e) {
                throw new ItemDecodeException(e.getMessage(), e); // the frame itself is intact
            }
        }

        Object[] values() throws IOException {
            int n = intValue();
            if (n < 0 || n > 255) {
                throw new IOException("bad argument count: count=" + n);
            }
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = value();
            }
            return a;
        }
    }

    /** A reply carrying exception {@code t}; {@code referent} tells a referent's own exception from a server error. */
    static byte[] error(Throwable t, boolean referent) {
        Out o = new Out(referent ? REFERENT_ERROR : SERVER_ERROR);
        o.utf(t.getClass().getName());
        o.utf(String.valueOf(t.getMessage()));
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        o.value(sw.toString(), "stack trace");
        int mark = o.size();
        try {
            o.value(t, "exception");
        } catch (RuntimeException e) {
            // the exception does not serialize: the class, message and stack text carry it
            o.rewind(mark);
            o.value(null, "exception");
        }
        return o.toByteArray();
    }
}
