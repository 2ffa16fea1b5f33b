package io.mpscope.multiprocessing.managers;

import java.util.List;

/**
 * An object owned by a manager's server, as the server calls it: by method name, with decoded arguments.
 * Built-in kinds ({@link Referents}) answer CPython's method names; a user's object is called by reflection.
 */
interface Referent {
    /**
     * Runs {@code method}.
     *
     * @throws AttributeException if there is no such exposed method
     * @throws Exception          whatever the object throws: it reaches the caller as itself
     */
    Object call(String method, Object[] args) throws Exception;

    /** Fills {@code out} with up to {@code limit} (key, value) pairs describing the object; returns its size or -1. */
    int summarize(List<String[]> out, int limit);

    /** Whether {@code method} changes the object (for the observer's "who changed it last"). */
    default boolean mutates(String method) {
        return !Referents.READ_ONLY.contains(method);
    }

    /** The object itself (the server hands it to a factory or a Condition that needs it). */
    Object target();
}
