package io.mpscope.multiprocessing.serialization;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * How queue items and pipe messages travel: a one-byte type tag and a payload. The common payloads have fast paths
 * written by hand (null, boxed primitives, String, byte[], int[], long[], double[]); everything else takes Java
 * serialization, read back through an {@link ObjectInputFilter} (depth, references, array sizes; replace it with
 * {@code -Dmpscope.serialFilter=<pattern>}, the syntax of {@code jdk.serialFilter}).
 *
 * <p>Encoding happens in the caller ({@code put}, {@code send}), so an object that cannot travel fails there with
 * the class and field path ({@link io.mpscope.multiprocessing.SerializationException}); CPython drops it silently.
 */
public final class ItemCodec {
    public static final int NULL = 0;
    public static final int INT = 1;
    public static final int LONG = 2;
    public static final int DOUBLE = 3;
    public static final int STRING = 4;
    public static final int BYTES = 5;
    public static final int BOOLEAN = 6;
    public static final int INT_ARRAY = 7;
    public static final int LONG_ARRAY = 8;
    public static final int DOUBLE_ARRAY = 9;
    public static final int FLOAT = 10;
    public static final int SHORT = 11;
    public static final int BYTE = 12;
    public static final int CHAR = 13;
    public static final int JAVA = 20;

    private static final ObjectInputFilter FILTER = filter();

    private ItemCodec() {
    }

    private static ObjectInputFilter filter() {
        String pattern = System.getProperty("mpscope.serialFilter",
                "maxdepth=256;maxrefs=50000000;maxarray=536870912;maxbytes=2147483647");
        return ObjectInputFilter.Config.createFilter(pattern);
    }

    /** An encoded item: its tag and payload bytes. */
    public record Encoded(int tag, byte[] payload) {
    }

    /**
     * Encodes {@code item}.
     *
     * @param what names the item in an error, e.g. "queue item for tasks"
     * @throws io.mpscope.multiprocessing.SerializationException if it cannot be serialized (class and field path)
     */
    public static Encoded encode(Object item, String what) {
        if (item == null) {
            return new Encoded(NULL, new byte[0]);
        }
        if (item instanceof Integer v) {
            return new Encoded(INT, le(4).putInt(v).array());
        }
        if (item instanceof Long v) {
            return new Encoded(LONG, le(8).putLong(v).array());
        }
        if (item instanceof Double v) {
            return new Encoded(DOUBLE, le(8).putDouble(v).array());
        }
        if (item instanceof String s) {
            return new Encoded(STRING, s.getBytes(StandardCharsets.UTF_8));
        }
        if (item instanceof byte[] b) {
            return new Encoded(BYTES, b.clone());
        }
        if (item instanceof Boolean v) {
            return new Encoded(BOOLEAN, new byte[] {(byte) (v ? 1 : 0)});
        }
        if (item instanceof int[] a) {
            ByteBuffer b = le(4 * a.length);
            b.asIntBuffer().put(a);
            return new Encoded(INT_ARRAY, b.array());
        }
        if (item instanceof long[] a) {
            ByteBuffer b = le(8 * a.length);
            b.asLongBuffer().put(a);
            return new Encoded(LONG_ARRAY, b.array());
        }
        if (item instanceof double[] a) {
            ByteBuffer b = le(8 * a.length);
            b.asDoubleBuffer().put(a);
            return new Encoded(DOUBLE_ARRAY, b.array());
        }
        if (item instanceof Float v) {
            return new Encoded(FLOAT, le(4).putFloat(v).array());
        }
        if (item instanceof Short v) {
            return new Encoded(SHORT, le(2).putShort(v).array());
        }
        if (item instanceof Byte v) {
            return new Encoded(BYTE, new byte[] {v});
        }
        if (item instanceof Character v) {
            return new Encoded(CHAR, le(2).putChar(v).array());
        }
        return new Encoded(JAVA, ObjectSerializer.serialize(item, what));
    }

    /**
     * As {@link #encode}, except that a {@code byte[]} item's payload is the array itself, not a copy: for a caller
     * that copies the payload into shared memory before it returns to its own caller, and {@link #detach}es it
     * before keeping it any longer (a queue's backlog). Saves a copy of every byte array put or sent.
     */
    public static Encoded encodeUncopied(Object item, String what) {
        if (item instanceof byte[] b) {
            return new Encoded(BYTES, b);
        }
        return encode(item, what);
    }

    /** {@code e} with a payload of its own if its payload is {@code item}'s own array (from {@link #encodeUncopied}). */
    public static Encoded detach(Encoded e, Object item) {
        return e.payload() == item ? new Encoded(e.tag(), e.payload().clone()) : e;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Decodes a payload written by {@link #encode}: a new object (a copy: changing it changes nothing elsewhere).
     *
     * @throws IOException if the bytes are malformed or refused by the filter
     */
    public static Object decode(int tag, byte[] p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        try {
            switch (tag) {
                case NULL:
                    return null;
                case INT:
                    return b.getInt();
                case LONG:
                    return b.getLong();
                case DOUBLE:
                    return b.getDouble();
                case STRING:
                    return new String(p, StandardCharsets.UTF_8);
                case BYTES:
                    return p;
                case BOOLEAN:
                    return p[0] != 0;
                case INT_ARRAY: {
                    int[] a = new int[p.length / 4];
                    b.asIntBuffer().get(a);
                    return a;
                }
                case LONG_ARRAY: {
                    long[] a = new long[p.length / 8];
                    b.asLongBuffer().get(a);
                    return a;
                }
                case DOUBLE_ARRAY: {
                    double[] a = new double[p.length / 8];
                    b.asDoubleBuffer().get(a);
                    return a;
                }
                case FLOAT:
                    return b.getFloat();
                case SHORT:
                    return b.getShort();
                case BYTE:
                    return p[0];
                case CHAR:
                    return b.getChar();
                case JAVA:
                    return readJava(p);
                default:
                    throw new IOException("malformed item: unknown type tag=" + tag + " length=" + p.length);
            }
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IOException("malformed item: tag=" + tag + " length=" + p.length, e);
        }
    }

    private static Object readJava(byte[] p) throws IOException {
        try (ObjectInputStream in = new FilteredInput(new ByteArrayInputStream(p))) {
            return in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read item: class not found: " + e.getMessage(), e);
        }
    }

    /** Java serialization input with the filter, resolving classes through the context class loader first. */
    private static final class FilteredInput extends ObjectInputStream {
        FilteredInput(InputStream in) throws IOException {
            super(in);
            setObjectInputFilter(FILTER);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException e) {
                    // fall back
                }
            }
            return super.resolveClass(desc);
        }
    }

    /**
     * A short text for an observer, without running any of the item's code: the value of a fast-path item, or the
     * class name and size of a serialized object (read from the stream header).
     */
    public static String describe(int tag, byte[] p, int totalLength) {
        try {
            switch (tag) {
                case STRING: {
                    String s = new String(p, StandardCharsets.UTF_8);
                    String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
                    return "'" + shown.replace("\n", "\\n") + "'";
                }
                case BYTES:
                    return "byte[" + totalLength + "]";
                case INT_ARRAY:
                    return "int[" + totalLength / 4 + "]";
                case LONG_ARRAY:
                    return "long[" + totalLength / 8 + "]";
                case DOUBLE_ARRAY:
                    return "double[" + totalLength / 8 + "]";
                case JAVA:
                    return javaClassName(p) + " (" + totalLength + " bytes)";
                default:
                    return String.valueOf(decode(tag, p));
            }
        } catch (IOException | RuntimeException e) {
            return "(unreadable item)";
        }
    }

    /** The class name in a Java serialization stream's first class descriptor (TC_OBJECT TC_CLASSDESC name). */
    static String javaClassName(byte[] p) {
        // magic AC ED, version 00 05, then TC_OBJECT (73) TC_CLASSDESC (72) and a modified-UTF-8 name
        if (p.length > 8 && (p[0] & 0xFF) == 0xAC && (p[1] & 0xFF) == 0xED && p[4] == 0x73 && p[5] == 0x72) {
            int n = ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
            if (8 + n <= p.length) {
                String name = new String(p, 8, n, StandardCharsets.UTF_8);
                int dot = name.lastIndexOf('.');
                return dot >= 0 ? name.substring(dot + 1) : name;
            }
        }
        return "object";
    }
}
