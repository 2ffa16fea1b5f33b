package io.mpscope.multiprocessing.managers;

/**
 * A proxy for a registered type without a proxy interface: call the object's methods by name with
 * {@link #callMethod(String, Object...)}.
 *
 * <p>Python: {@code multiprocessing.managers.AutoProxy}.
 */
public final class AutoProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    AutoProxy(Token token, byte[] authkey) {
        super(token, authkey, "Auto");
    }
}
