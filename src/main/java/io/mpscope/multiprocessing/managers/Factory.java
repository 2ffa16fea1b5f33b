package io.mpscope.multiprocessing.managers;

import java.io.Serializable;

/**
 * Makes the object behind a registered typeid, in the manager's server, from the arguments of
 * {@code manager.create(typeid, args...)}. Travels to the server process, so it must be serializable (a
 * serializable lambda or method reference: {@code Counter::new}).
 *
 * <p>Python: the {@code callable} of {@code BaseManager.register(typeid, callable)}.
 */
@FunctionalInterface
public interface Factory extends Serializable {
    Object create(Object... args) throws Exception;
}
