package io.mpscope.multiprocessing.observe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every shared primitive of one session at one moment, and the wait-for graph between its threads. Immutable.
 *
 * @param sessionId  the session
 * @param primitives the primitives in creation order
 * @param graph      holds and waits-for edges, and deadlock cycles
 * @param taken      when this snapshot was read
 */
public record PrimitivesSnapshot(String sessionId, List<PrimitiveSnapshot> primitives, WaitForGraph graph,
                                 Instant taken) {

    /** The primitive with directory id {@code id}. */
    public Optional<PrimitiveSnapshot> byId(int id) {
        return primitives.stream().filter(p -> p.id() == id).findFirst();
    }

    /** The locks a process (by registry slot) holds now. */
    public List<PrimitiveSnapshot> heldBy(int slot) {
        return primitives.stream().filter(p -> p.owner().map(o -> o.slot() == slot).orElse(false)).toList();
    }
}
