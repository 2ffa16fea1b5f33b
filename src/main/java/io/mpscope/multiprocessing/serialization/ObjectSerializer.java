package io.mpscope.multiprocessing.serialization;

import io.mpscope.multiprocessing.SerializationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for objects that travel between processes (a Process and its target, later queue items and
 * task results). Serialization always happens in the caller, so an object that cannot travel is reported there,
 * with the field path to the culprit ({@link SerializationDiagnostics}), and never dropped on the way.
 */
public final class ObjectSerializer {
    private ObjectSerializer() {
    }

    /**
     * Serializes {@code obj}.
     *
     * @param what how to name the object in an error, e.g. "process Process-3"
     * @throws SerializationException naming the class and field path that cannot be serialized
     */
    public static byte[] serialize(Object obj, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(obj);
        } catch (IOException | RuntimeException e) {
            SerializationDiagnostics.Culprit c = SerializationDiagnostics.find(obj, rootName(obj));
            String cls = c != null ? c.className() : culpritFromMessage(e);
            String path = c != null ? c.path() : rootName(obj);
            throw new SerializationException(what, cls, path, e);
        }
        return bytes.toByteArray();
    }

    /** Deserializes bytes made by {@link #serialize}, resolving classes with the context class loader. */
    public static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        return deserialize(new ByteArrayInputStream(bytes));
    }

    public static Object deserialize(InputStream in) throws IOException, ClassNotFoundException {
        try (ObjectInputStream oin = new ContextObjectInputStream(in)) {
            return oin.readObject();
        }
    }

    private static String rootName(Object obj) {
        return obj instanceof io.mpscope.multiprocessing.process.Process ? "process" : "object";
    }

    private static String culpritFromMessage(Exception e) {
        String m = e.getMessage();
        return m != null ? m : e.getClass().getName();
    }

    /** Resolves classes through the thread's context class loader first (applications with their own loaders). */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the latest user-defined loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
