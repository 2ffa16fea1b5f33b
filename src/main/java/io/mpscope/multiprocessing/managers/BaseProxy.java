package io.mpscope.multiprocessing.managers;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * A reference to an object that lives in a manager's server: every method is a round trip to the server, which
 * runs it on the object. A proxy travels to other processes (capture it in a Process target, put it in a managed
 * container): the copy reconnects with the receiving process's authkey, and the server counts it as one more
 * reference; the object is freed when no proxy holds it any more, or with its manager.
 *
 * <p>Exceptions the object raises reach the caller as the same type, with the server's exception (and its stack
 * trace) as the cause. A proxy whose server has gone throws {@link java.io.UncheckedIOException}.
 *
 * <p>Thread-safe: each thread talks to the server on its own connection. Python: {@code multiprocessing.managers.BaseProxy}.
 */
public abstract class BaseProxy implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Token token;
    private final transient byte[] authkey;
    private final transient String kind;

    BaseProxy(Token token, byte[] authkey, String kind) {
        this.token = token;
        this.authkey = authkey;
        this.kind = kind;
    }

    /** The server address, typeid and object id. Python: {@code proxy._token}. */
    public Token token() {
        return token;
    }

    /**
     * Runs {@code method} on the object in the server and returns its result (a copy, or a proxy for a method the
     * registration maps to a typeid). Blocks until the server answers.
     *
     * @throws AttributeException if the object has no such method, or does not expose it
     * @throws RemoteException    for a server failure, or a checked exception of the object (as the cause)
     *
     * <p>Python: {@code proxy._callmethod(methodname, args)}.
     */
    public Object callMethod(String method, Object... args) {
        return Client.call(token, authkey, method, args);
    }

    /** A copy of the object. Python: {@code proxy._getvalue()}. */
    public Object referentCopy() {
        return callMethod("_getvalue");
    }

    @SuppressWarnings("unchecked")
    <T> T call(String method, Object... args) {
        return (T) Client.call(token, authkey, method, args);
    }

    byte[] authkey() {
        return authkey;
    }

    /** The object's own text, from the server. Python: {@code str(proxy)}. */
    @Override
    public String toString() {
        return (String) callMethod("__str__");
    }

    /** Python: {@code repr(proxy)}: {@code <DictProxy object, typeid 'dict' at 0x...>}. */
    public String repr() {
        return "<" + getClass().getSimpleName() + " object, typeid '" + token.typeid() + "' at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }

    /** Serialized, a proxy is its token; the sender takes a reference for the receiver first. */
    protected final Object writeReplace() throws ObjectStreamException {
        Server local = Server.LOCAL.get(token.address());
        if (local != null) {
            local.incref(token.id());
        } else {
            Client.incref(token, authkey);
        }
        return new ProxyHandle(token, kind, ProxyHandle.carried(authkey));
    }
}
