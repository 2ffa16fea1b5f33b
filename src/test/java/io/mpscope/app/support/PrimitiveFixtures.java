package io.mpscope.app.support;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Party;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Waiter;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.WaitForGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hand-made primitive snapshots for tests without processes: the observe records, filled the way the library fills
 * them for each kind, and a session snapshot whose wait-for graph edges follow from the owners and waiters.
 */
public final class PrimitiveFixtures {
    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private PrimitiveFixtures() {
    }

    /** A live thread (or, with thread id 0, a whole process). */
    public static Party party(int slot, long pid, String process, long threadId, String thread) {
        return new Party(slot, pid, process, threadId, thread, true, 1);
    }

    /** The main thread of the process in {@code slot} (pid {@code pid}), as an owner is read: thread name unknown. */
    public static Party owner(int slot, long pid, String process) {
        return new Party(slot, pid, process, 1, "", true, 1);
    }

    /** The main thread of a process as a waiter row names it. */
    public static Party thread(int slot, long pid, String process) {
        return new Party(slot, pid, process, 1, "main", true, 1);
    }

    /** A semaphore holder: a process with {@code count} permits. */
    public static Party holder(int slot, long pid, String process, int count) {
        return new Party(slot, pid, process, 0, "", true, count);
    }

    /** The same party, dead. */
    public static Party dead(Party p) {
        return new Party(p.slot(), p.pid(), p.process(), p.threadId(), p.thread(), false, p.count());
    }

    public static Waiter waits(Party p, String kind, long seconds) {
        return new Waiter(p, kind, Duration.ofSeconds(seconds));
    }

    /** A builder of one primitive, with the library's defaults for the fields its kind does not use. */
    public static Builder of(int id, PrimitiveKind kind, String name) {
        return new Builder(id, kind, name);
    }

    /** The snapshot of session {@code sessionId}: graph edges from lock owners and acquire waiters. */
    public static PrimitivesSnapshot snapshot(String sessionId, List<PrimitiveSnapshot> primitives,
                                              WaitForGraph.Cycle... cycles) {
        List<WaitForGraph.Edge> edges = new ArrayList<>();
        for (PrimitiveSnapshot p : primitives) {
            boolean lock = p.kind() == PrimitiveKind.LOCK || p.kind() == PrimitiveKind.RLOCK;
            p.owner().ifPresent(o -> edges.add(new WaitForGraph.Edge(WaitForGraph.EdgeKind.HELD_BY, o, p.id())));
            for (Waiter w : p.waiters()) {
                if (lock && w.kind().equals("acquire")) {
                    edges.add(new WaitForGraph.Edge(WaitForGraph.EdgeKind.WAITS_FOR, w.party(), p.id()));
                }
            }
        }
        return new PrimitivesSnapshot(sessionId, List.copyOf(primitives),
                new WaitForGraph(edges, List.of(cycles)), T0);
    }

    /** A deadlock: {@code parties[i]} waits for {@code locks[i]}, which the next party holds. */
    public static WaitForGraph.Cycle cycle(List<Party> parties, List<Integer> locks, String description) {
        return new WaitForGraph.Cycle(parties, locks, description);
    }

    /** Fills one primitive. */
    public static final class Builder {
        private final int id;
        private final PrimitiveKind kind;
        private final String name;
        private int creatorSlot;
        private Optional<Party> owner = Optional.empty();
        private int recursion;
        private Optional<Duration> heldFor = Optional.empty();
        private List<Waiter> waiters = List.of();
        private long value;
        private long maxValue;
        private boolean flag;
        private List<Party> holders = List.of();
        private int lockRef = -1;
        private String typeCode = "";
        private int length;
        private String contents = "";
        private int recoveries;
        private Optional<Party> deadOwner = Optional.empty();
        private boolean recovered;
        private long contended;

        Builder(int id, PrimitiveKind kind, String name) {
            this.id = id;
            this.kind = kind;
            this.name = name;
            if (kind == PrimitiveKind.SEMAPHORE) {
                maxValue = -1;
            }
        }

        public Builder owner(Party o, long heldSeconds) {
            owner = Optional.of(o);
            heldFor = Optional.of(Duration.ofSeconds(heldSeconds));
            if (kind == PrimitiveKind.RLOCK && recursion == 0) {
                recursion = 1;
            }
            return this;
        }

        public Builder recursion(int n) {
            recursion = n;
            return this;
        }

        public Builder waiters(Waiter... ws) {
            waiters = List.of(ws);
            return this;
        }

        public Builder value(long v) {
            value = v;
            return this;
        }

        public Builder maxValue(long v) {
            maxValue = v;
            return this;
        }

        public Builder flag(boolean f) {
            flag = f;
            return this;
        }

        public Builder holders(Party... ps) {
            holders = List.of(ps);
            return this;
        }

        public Builder lockRef(int ref) {
            lockRef = ref;
            return this;
        }

        public Builder data(String type, int len, String text) {
            typeCode = type;
            length = len;
            contents = text;
            return this;
        }

        public Builder recovered(Party from) {
            recoveries++;
            deadOwner = Optional.of(from);
            recovered = true;
            return this;
        }

        public Builder deadOwner(Party p) {
            deadOwner = Optional.of(p);
            return this;
        }

        public Builder contended(long n) {
            contended = n;
            return this;
        }

        public Builder creator(int slot) {
            creatorSlot = slot;
            return this;
        }

        public PrimitiveSnapshot build() {
            return new PrimitiveSnapshot(id, kind, name, creatorSlot, T0, owner, recursion, heldFor, waiters, value,
                    maxValue, flag, holders, lockRef, typeCode, length, contents, recoveries, deadOwner,
                    recovered ? Optional.of(T0) : Optional.empty(), recovered, contended);
        }
    }
}
