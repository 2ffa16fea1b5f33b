package io.mpscope.multiprocessing.serialization;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Finds which object in a graph stops it from being serialized, and the path of fields that leads to it. Java's
 * {@code NotSerializableException} names only the class; a user needs to know which captured value or field it is.
 *
 * <p>Walks non-static, non-transient fields of serializable classes, elements of arrays, collections and maps, and
 * the captured values of serializable lambdas (fields {@code arg$1}, {@code arg$2}, ... of the lambda class).
 * Used only on the failure path.
 */
public final class SerializationDiagnostics {
    /** The object that cannot be serialized and how to reach it. */
    public record Culprit(String className, String path) {
    }

    private SerializationDiagnostics() {
    }

    /** The first non-serializable object reachable from {@code root}, or null if none is found. */
    public static Culprit find(Object root, String rootName) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {root, rootName});
        int budget = 100_000;
        while (!work.isEmpty() && budget-- > 0) {
            Object[] item = work.pop();
            Object o = item[0];
            String path = (String) item[1];
            if (o == null || seen.put(o, Boolean.TRUE) != null) {
                continue;
            }
            Class<?> c = o.getClass();
            if (c.isPrimitive() || o instanceof String || o instanceof Number || o instanceof Boolean
                    || o instanceof Character || o instanceof Enum || o instanceof Class) {
                continue;
            }
            if (!(o instanceof Serializable)) {
                return new Culprit(describe(c), path);
            }
            if (c.isArray()) {
                if (!c.getComponentType().isPrimitive()) {
                    for (int i = Array.getLength(o) - 1; i >= 0; i--) {
                        work.push(new Object[] {Array.get(o, i), path + "[" + i + "]"});
                    }
                }
                continue;
            }
            if (o instanceof Collection<?> col && c.getName().startsWith("java.")) {
                int i = 0;
                for (Object e : col) {
                    work.push(new Object[] {e, path + "[" + i++ + "]"});
                }
                continue;
            }
            if (o instanceof Map<?, ?> map && c.getName().startsWith("java.")) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    work.push(new Object[] {e.getKey(), path + ".key(" + e.getKey() + ")"});
                    work.push(new Object[] {e.getValue(), path + "[" + e.getKey() + "]"});
                }
                continue;
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                Field[] fields;
                try {
                    fields = k.getDeclaredFields();
                } catch (SecurityException e) {
                    continue;
                }
                for (Field f : fields) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        work.push(new Object[] {f.get(o), path + "." + f.getName()});
                    } catch (RuntimeException | IllegalAccessException e) {
                        // a JDK-internal field we may not read: its class is serializable, trust it
                    }
                }
            }
        }
        return null;
    }

    private static String describe(Class<?> c) {
        String n = c.getName();
        int lambda = n.indexOf("$$Lambda");
        if (lambda > 0) {
            return "lambda in " + n.substring(0, lambda) + " (not Serializable: give it a serializable functional"
                    + " interface type)";
        }
        return n;
    }
}
