package io.mpscope.multiprocessing.managers;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Namespace in a manager's server: attributes by name. Reading an attribute returns a copy, so mutating a list
 * read from the namespace is lost; only setting the attribute again ({@code ns.set("lst", changed)}) reaches the
 * server (CPython's rule). Names starting with {@code _} stay on this proxy, as in CPython.
 *
 * <p>Python: {@code multiprocessing.managers.NamespaceProxy} ({@code manager.Namespace()}).
 */
public final class NamespaceProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, Object> local = new ConcurrentHashMap<>();

    NamespaceProxy(Token token, byte[] authkey) {
        super(token, authkey, "Namespace");
    }

    /**
     * The value of attribute {@code name} (a copy).
     *
     * @throws AttributeException {@code 'Namespace' object has no attribute 'name'} if it was never set
     *
     * <p>Python: {@code ns.name}.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        if (name.startsWith("_")) {
            if (!local.containsKey(name)) {
                throw new AttributeException("'NamespaceProxy' object has no attribute '" + name + "'");
            }
            return (T) local.get(name);
        }
        return call("__getattribute__", name);
    }

    /** Sets attribute {@code name}. Python: {@code ns.name = value}. */
    public void set(String name, Object value) {
        if (name.startsWith("_")) {
            local.put(name, value);
            return;
        }
        call("__setattr__", name, value);
    }

    /**
     * Deletes attribute {@code name}.
     *
     * @throws AttributeException if it was never set
     *
     * <p>Python: {@code del ns.name}.
     */
    public void delete(String name) {
        if (name.startsWith("_")) {
            if (local.remove(name) == null) {
                throw new AttributeException("'NamespaceProxy' object has no attribute '" + name + "'");
            }
            return;
        }
        call("__delattr__", name);
    }

    /** Whether attribute {@code name} is set. Python: {@code hasattr(ns, name)}. */
    public boolean has(String name) {
        return name.startsWith("_") ? local.containsKey(name) : this.<Boolean>call("__contains__", name);
    }

    /** The names of the attributes, in the order they were first set. */
    public List<String> names() {
        return call("_names");
    }

    /** CPython's text: {@code Namespace(a=1, b='x')}, the {@code name=value} strings sorted. */
    @Override
    public String toString() {
        return call("__repr__");
    }
}
