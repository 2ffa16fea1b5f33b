package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.process.ProcessRuntime;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The serialized form of a proxy: its token, which proxy class to rebuild, and the authkey only when it is not the
 * receiving process's own (a manager made with an explicit key). Rebuilt, it is a new proxy holding one reference
 * to the object (the sender took it for the receiver).
 */
final class ProxyHandle implements Serializable {
    private static final long serialVersionUID = 1L;
    final Token token;
    final String kind;
    final byte[] authkey;

    ProxyHandle(Token token, String kind, byte[] authkey) {
        this.token = token;
        this.kind = kind;
        this.authkey = authkey;
    }

    /** The key to carry for {@code key}: none when it is the process's own authkey. */
    static byte[] carried(byte[] key) {
        return key == null || Arrays.equals(key, ProcessRuntime.authkey()) ? null : key.clone();
    }

    private Object readResolve() throws ObjectStreamException {
        // null: the process's authkey at call time (a Process target is decoded before the child knows its key)
        byte[] key = authkey != null ? authkey : Client.DECODING_KEY.get();
        return Proxies.make(token, kind, key, true);
    }
}
