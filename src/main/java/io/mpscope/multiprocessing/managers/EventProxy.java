package io.mpscope.multiprocessing.managers;

import java.time.Duration;

/**
 * An Event living in a manager's server.
 *
 * <p>Python: {@code multiprocessing.managers.EventProxy} ({@code manager.Event()}).
 */
public final class EventProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    EventProxy(Token token, byte[] authkey) {
        super(token, authkey, "Event");
    }

    /** Python: {@code set()}. */
    public void set() {
        call("set");
    }

    /** Python: {@code clear()}. */
    public void clear() {
        call("clear");
    }

    /** Python: {@code is_set()}. */
    public boolean isSet() {
        return this.<Boolean>call("is_set");
    }

    /** Blocks until set. Python: {@code wait()}. */
    public void await() {
        call("wait", (Object) null);
    }

    /** Waits at most {@code timeout}; returns the flag. Python: {@code wait(timeout)}. */
    public boolean await(Duration timeout) {
        return this.<Boolean>call("wait", timeout.toNanos() / 1e9);
    }
}
