package io.mpscope.multiprocessing.managers;

/**
 * A value living in a manager's server.
 *
 * <p>Python: {@code multiprocessing.managers.ValueProxy} ({@code manager.Value(typecode, value)}), {@code get()},
 * {@code set(v)} and the {@code value} property.
 */
public final class ValueProxy<T> extends BaseProxy {
    private static final long serialVersionUID = 1L;

    ValueProxy(Token token, byte[] authkey) {
        super(token, authkey, "Value");
    }

    /** Python: {@code v.get()} or {@code v.value}. */
    public T get() {
        return call("get");
    }

    /** Python: {@code v.set(x)} or {@code v.value = x}. */
    public void set(T value) {
        call("set", value);
    }
}
