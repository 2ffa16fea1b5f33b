package io.mpscope.multiprocessing.managers;

import java.util.List;

/**
 * An array of numbers living in a manager's server.
 *
 * <p>Python: {@code multiprocessing.managers.ArrayProxy} ({@code manager.Array(typecode, sequence)}).
 */
public final class ArrayProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    ArrayProxy(Token token, byte[] authkey) {
        super(token, authkey, "Array");
    }

    /** Python: {@code len(a)}. */
    public int length() {
        return this.<Integer>call("__len__");
    }

    /** Python: {@code a[i]} (negative from the end). */
    public Number get(int index) {
        return call("__getitem__", index);
    }

    /** Python: {@code a[i] = v}. */
    public void set(int index, Number value) {
        call("__setitem__", index, value);
    }

    /** A copy. Python: {@code a[:]}. */
    public List<Number> toList() {
        return call("_getvalue");
    }
}
