package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.serialization.ItemCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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

    /** A payload being written. */
    static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        final DataOutputStream data = new DataOutputStream(bytes);

        Out(byte first) {
            bytes.write(first);
        }

        Out longValue(long v) {
            try {
                data.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Out intValue(int v) {
            try {
                data.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Out bool(boolean v) {
            bytes.write(v ? 1 : 0);
            return this;
        }

        Out utf(String s) {
            try {
                data.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** Writes {@code v} as an item; {@code what} names it in a serialization error. */
        Out value(Object v, String what) {
            ItemCodec.Encoded e = ItemCodec.encode(v, what);
            bytes.write(e.tag());
            intValue(e.payload().length);
            bytes.write(e.payload(), 0, e.payload().length);
            return this;
        }

        Out values(Object[] args, String what) {
            intValue(args.length);
            for (int i = 0; i < args.length; i++) {
                value(args[i], what + " argument " + i);
            }
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** A payload being read; any inconsistency is an IOException (a malformed frame). */
    static final class In {
        final DataInputStream data;
        final int length;

        In(byte[] payload) {
            this.length = payload.length;
            this.data = new DataInputStream(new ByteArrayInputStream(payload));
        }

        byte first() throws IOException {
            return data.readByte();
        }

        long longValue() throws IOException {
            return data.readLong();
        }

        int intValue() throws IOException {
            return data.readInt();
        }

        boolean bool() throws IOException {
            return data.readByte() != 0;
        }

        String utf() throws IOException {
            return data.readUTF();
        }

        Object value() throws IOException {
            int tag = data.readUnsignedByte();
            int len = data.readInt();
            if (len < 0 || len > length) {
                throw new IOException("bad item length: length=" + len + " frame=" + length);
            }
            byte[] p = new byte[len];
            data.readFully(p);
            try {
                return ItemCodec.decode(tag, p);
            } catch (IOException | RuntimeException e) {
                throw new ItemDecodeException(e.getMessage(), e); // the frame itself is intact
            }
        }

        Object[] values() throws IOException {
            int n = data.readInt();
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
        int mark = o.bytes.size();
        try {
            o.value(t, "exception");
        } catch (RuntimeException e) {
            // the exception does not serialize: the class, message and stack text carry it
            byte[] head = java.util.Arrays.copyOf(o.toByteArray(), mark);
            Out again = new Out(head[0]);
            again.bytes.write(head, 1, head.length - 1);
            again.value(null, "exception");
            return again.toByteArray();
        }
        return o.toByteArray();
    }
}
