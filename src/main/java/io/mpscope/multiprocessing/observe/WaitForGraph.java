package io.mpscope.multiprocessing.observe;

import java.util.List;

/**
 * Who waits for what, and who holds it, across the processes of a session: threads waiting to acquire a Lock or
 * RLock point at the lock, and a held lock points at its owner. A cycle is a deadlock: every thread in it waits for
 * a lock that the next one holds, and none can go on. Immutable.
 *
 * @param edges  every holds and waits-for edge
 * @param cycles every deadlock cycle found (each listed once)
 */
public record WaitForGraph(List<Edge> edges, List<Cycle> cycles) {

    /** The kinds of edge. */
    public enum EdgeKind {
        /** The primitive is held by the party. */
        HELD_BY,
        /** The party waits to acquire the primitive. */
        WAITS_FOR
    }

    /**
     * An edge between a thread and a primitive.
     *
     * @param kind      holds or waits
     * @param party     the thread
     * @param primitive the primitive's id
     */
    public record Edge(EdgeKind kind, PrimitiveSnapshot.Party party, int primitive) {
    }

    /**
     * A deadlock: {@code parties.get(i)} waits for {@code primitives.get(i)}, which {@code parties.get(i + 1)} holds
     * (cyclically).
     *
     * @param parties     the threads in the cycle
     * @param primitives  the locks they wait for, in the same order
     * @param description one line for a person, e.g. {@code Process-1 (pid 10) waits for Lock 'b' held by
     *                    Process-2 (pid 11), which waits for Lock 'a' held by Process-1 (pid 10)}
     */
    public record Cycle(List<PrimitiveSnapshot.Party> parties, List<Integer> primitives, String description) {
    }

    /** True if there is a deadlock. */
    public boolean hasDeadlock() {
        return !cycles.isEmpty();
    }
}
