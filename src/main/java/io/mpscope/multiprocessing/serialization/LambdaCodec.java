package io.mpscope.multiprocessing.serialization;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * A compact encoding of a serializable lambda whose captured values are plain data (null, String, boxed primitives,
 * arrays of primitives, String[]), decoded without {@link java.io.ObjectInputStream}.
 *
 * <p>Why: the first {@code ObjectInputStream} in a JVM initializes {@code ObjectInputFilter.Config}, which looks up
 * a platform logger, which scans every jar of the class path for a {@code System.LoggerFinder} service: ~45 ms of a
 * child JVM's cold start with a typical 40-jar class path (measured here). The decoder rebuilds the
 * {@link SerializedLambda} and calls the capturing class's {@code $deserializeLambda$}, exactly what
 * {@code SerializedLambda.readResolve} does, so the lambda is the same as after Java serialization. Anything else
 * travels with Java serialization.
 */
public final class LambdaCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte FLOAT = 5;
    private static final byte SHORT = 6;
    private static final byte BYTE = 7;
    private static final byte CHAR = 8;
    private static final byte BOOLEAN = 9;
    private static final byte INT_ARRAY = 10;
    private static final byte LONG_ARRAY = 11;
    private static final byte DOUBLE_ARRAY = 12;
    private static final byte BYTE_ARRAY = 13;
    private static final byte STRING_ARRAY = 14;
    /** A shared primitive of the session: its directory index (its handle, without ObjectOutputStream). */
    private static final byte SHARED = 15;

    private LambdaCodec() {
    }

    /**
     * The serialized form of {@code lambda} if it is a serializable lambda with plain captured values and its
     * capturing class lets us call {@code $deserializeLambda$}; otherwise null (use Java serialization).
     */
    public static SerializedLambda describe(Object lambda) {
        if (lambda == null) {
            return null;
        }
        Method writeReplace = WRITE_REPLACE.get(lambda.getClass());
        if (writeReplace == null) {
            return null;
        }
        try {
            Object replaced = writeReplace.invoke(lambda);
            if (!(replaced instanceof SerializedLambda sl)) {
                return null;
            }
            for (int i = 0; i < sl.getCapturedArgCount(); i++) {
                if (!isPlain(sl.getCapturedArg(i))) {
                    return null;
                }
            }
            return sl;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Per lambda class: its accessible {@code writeReplace}, or null if it is not a serializable lambda whose
     * capturing class lets us call {@code $deserializeLambda$} (a module that does not open it: Java serialization).
     * Cached: the reflection is the costly part of describing a lambda.
     */
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> c) {
            if (!c.isSynthetic() || !c.getName().contains("$$Lambda")) {
                return null;
            }
            try {
                Method writeReplace = c.getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                String name = c.getName();
                Class<?> capturing = Class.forName(name.substring(0, name.indexOf("$$Lambda")), false,
                        c.getClassLoader());
                capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class).setAccessible(true);
                return writeReplace;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    private static boolean isPlain(Object o) {
        return o == null || o instanceof String || o instanceof Integer || o instanceof Long || o instanceof Double
                || o instanceof Float || o instanceof Short || o instanceof Byte || o instanceof Character
                || o instanceof Boolean || o instanceof int[] || o instanceof long[] || o instanceof double[]
                || o instanceof byte[] || (o instanceof String[] && o.getClass() == String[].class)
                || (o instanceof io.mpscope.multiprocessing.synchronize.SharedPrimitive
                && !(o instanceof io.mpscope.multiprocessing.synchronize.Barrier)); // a barrier carries its action
    }

    /** Writes a lambda accepted by {@link #describe}. */
    public static void write(DataOutput out, SerializedLambda sl) throws IOException {
        out.writeUTF(sl.getCapturingClass());
        out.writeUTF(sl.getFunctionalInterfaceClass());
        out.writeUTF(sl.getFunctionalInterfaceMethodName());
        out.writeUTF(sl.getFunctionalInterfaceMethodSignature());
        out.writeInt(sl.getImplMethodKind());
        out.writeUTF(sl.getImplClass());
        out.writeUTF(sl.getImplMethodName());
        out.writeUTF(sl.getImplMethodSignature());
        out.writeUTF(sl.getInstantiatedMethodType());
        out.writeInt(sl.getCapturedArgCount());
        for (int i = 0; i < sl.getCapturedArgCount(); i++) {
            writeValue(out, sl.getCapturedArg(i));
        }
    }

    /**
     * Reads a lambda written by {@link #write} and instantiates it through its capturing class.
     *
     * @throws IOException if the data is malformed or the lambda cannot be rebuilt (the message says why)
     */
    public static Object read(DataInput in, ClassLoader loader) throws IOException {
        String capturingName = in.readUTF();
        String fiClass = in.readUTF();
        String fiMethod = in.readUTF();
        String fiSignature = in.readUTF();
        int implKind = in.readInt();
        String implClass = in.readUTF();
        String implMethod = in.readUTF();
        String implSignature = in.readUTF();
        String instantiated = in.readUTF();
        int n = in.readInt();
        if (n < 0 || n > 255) {
            throw new IOException("malformed lambda: captured=" + n);
        }
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = readValue(in);
        }
        try {
            Class<?> capturing = Class.forName(capturingName.replace('/', '.'), false, loader);
            SerializedLambda sl = new SerializedLambda(capturing, fiClass, fiMethod, fiSignature, implKind, implClass,
                    implMethod, implSignature, instantiated, args);
            Method m = capturing.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
            m.setAccessible(true);
            return m.invoke(null, sl);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot rebuild lambda: class=" + capturingName + " method=" + implMethod,
                    e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot rebuild lambda: class=" + capturingName + " method=" + implMethod, e);
        }
    }

    private static void writeValue(DataOutput out, Object o) throws IOException {
        if (o == null) {
            out.writeByte(NULL);
        } else if (o instanceof io.mpscope.multiprocessing.synchronize.SharedPrimitive sp) {
            out.writeByte(SHARED);
            writeString(out, sp.sessionId());
            out.writeInt(sp.directoryIndex());
        } else if (o instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (o instanceof Integer v) {
            out.writeByte(INT);
            out.writeInt(v);
        } else if (o instanceof Long v) {
            out.writeByte(LONG);
            out.writeLong(v);
        } else if (o instanceof Double v) {
            out.writeByte(DOUBLE);
            out.writeDouble(v);
        } else if (o instanceof Float v) {
            out.writeByte(FLOAT);
            out.writeFloat(v);
        } else if (o instanceof Short v) {
            out.writeByte(SHORT);
            out.writeShort(v);
        } else if (o instanceof Byte v) {
            out.writeByte(BYTE);
            out.writeByte(v);
        } else if (o instanceof Character v) {
            out.writeByte(CHAR);
            out.writeChar(v);
        } else if (o instanceof Boolean v) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(v);
        } else if (o instanceof int[] a) {
            out.writeByte(INT_ARRAY);
            out.writeInt(a.length);
            for (int v : a) {
                out.writeInt(v);
            }
        } else if (o instanceof long[] a) {
            out.writeByte(LONG_ARRAY);
            out.writeInt(a.length);
            for (long v : a) {
                out.writeLong(v);
            }
        } else if (o instanceof double[] a) {
            out.writeByte(DOUBLE_ARRAY);
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        } else if (o instanceof byte[] a) {
            out.writeByte(BYTE_ARRAY);
            out.writeInt(a.length);
            out.write(a);
        } else if (o instanceof String[] a) {
            out.writeByte(STRING_ARRAY);
            out.writeInt(a.length);
            for (String v : a) {
                out.writeBoolean(v != null);
                if (v != null) {
                    writeString(out, v);
                }
            }
        } else {
            throw new IOException("not a plain captured value: class=" + o.getClass().getName());
        }
    }

    private static Object readValue(DataInput in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readString(in);
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case FLOAT:
                return in.readFloat();
            case SHORT:
                return in.readShort();
            case BYTE:
                return in.readByte();
            case CHAR:
                return in.readChar();
            case BOOLEAN:
                return in.readBoolean();
            case INT_ARRAY: {
                int[] a = new int[length(in)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readInt();
                }
                return a;
            }
            case LONG_ARRAY: {
                long[] a = new long[length(in)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readLong();
                }
                return a;
            }
            case DOUBLE_ARRAY: {
                double[] a = new double[length(in)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readDouble();
                }
                return a;
            }
            case BYTE_ARRAY: {
                byte[] a = new byte[length(in)];
                in.readFully(a);
                return a;
            }
            case STRING_ARRAY: {
                String[] a = new String[length(in)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readBoolean() ? readString(in) : null;
                }
                return a;
            }
            case SHARED: {
                String session = readString(in);
                int index = in.readInt();
                try {
                    return io.mpscope.multiprocessing.synchronize.SharedRuntime.get().resolve(session, index);
                } catch (RuntimeException e) {
                    throw new IOException("cannot attach a shared primitive: session=" + session + " index=" + index,
                            e);
                }
            }
            default:
                throw new IOException("malformed lambda: value tag=" + tag);
        }
    }

    private static int length(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 28)) {
            throw new IOException("malformed lambda: array length=" + n);
        }
        return n;
    }

    /** Strings of any length (DataOutput.writeUTF stops at 64 KiB). */
    private static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] b = new byte[length(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
