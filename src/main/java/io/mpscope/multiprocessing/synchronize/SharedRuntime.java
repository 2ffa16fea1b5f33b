package io.mpscope.multiprocessing.synchronize;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.SegmentArena;
import io.mpscope.multiprocessing.shm.SessionRegistry;
import io.mpscope.multiprocessing.spawn.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * This JVM's access to its session's shared primitives: allocation of their blocks, the directory entry that makes
 * each visible to observers and lets a handle travel to another process, owner identities, and the liveness of an
 * owner. Internal to the library; {@code sharedctypes} uses it too.
 *
 * <p>An owner id is a long: {@code (slot + 1) << 48 | (generation & 0xFFFF) << 32 | (threadId & 0xFFFFFFFF)}. The
 * slot and generation name a row of the session registry, which holds the process's pid and start ticks: the id is
 * immune to pid reuse, and a single CAS writes it, so there is no window between acquiring and naming the owner.
 *
 * <p>Thread-safe.
 */
public final class SharedRuntime {
    private static volatile SharedRuntime instance;

    private final SessionRegistry registry;
    private final SegmentArena arena;
    private final String sessionId;
    private final int slot;
    private final long processPart;
    private final ConcurrentMap<Integer, Object> attached = new ConcurrentHashMap<>();

    private SharedRuntime(SessionRegistry registry, int slot) {
        this.registry = registry;
        this.arena = new SegmentArena(registry);
        this.sessionId = registry.sessionId();
        this.slot = slot;
        this.processPart = ((long) (slot + 1) << 48) | ((long) (registry.generation(slot) & 0xFFFF) << 32);
    }

    /** A runtime over no session, for warming up the JIT in a standby JVM: owner ids of an unused slot. */
    private SharedRuntime() {
        this.registry = null;
        this.arena = null;
        this.sessionId = "scratch";
        this.slot = SLOT_COUNT;
        this.processPart = ((long) (SLOT_COUNT + 1) << 48) | (0xFFFFL << 32);
    }

    static SharedRuntime scratch() {
        return new SharedRuntime();
    }

    /**
     * A runtime over a registry of no session ({@code SessionRegistry.createScratch}), whose slot 0 is this process:
     * for warming up the JIT with the same paths a session's primitives take (waiter rows, owner checks).
     */
    static SharedRuntime scratch(SessionRegistry registry) {
        return new SharedRuntime(registry, 0);
    }

    /**
     * The runtime of this JVM's session, creating the session on first use.
     *
     * @throws IllegalStateException if the session has no registry (no writable shared-memory or temp folder)
     */
    public static SharedRuntime get() {
        SharedRuntime r = instance;
        if (r != null) {
            return r;
        }
        synchronized (SharedRuntime.class) {
            if (instance == null) {
                Session s = Session.get();
                if (s.registry() == null || s.slot() < 0) {
                    throw new IllegalStateException("shared-memory primitives need the session registry, which could"
                            + " not be created: see the earlier warning 'session registry unavailable'");
                }
                instance = new SharedRuntime(s.registry(), s.slot());
                io.mpscope.multiprocessing.shm.Futex.preloadInBackground(); // before a thread first blocks
            }
            return instance;
        }
    }

    public String sessionId() {
        return sessionId;
    }

    public SessionRegistry registry() {
        return registry;
    }

    /** The session's segment arena. */
    public SegmentArena arena() {
        return arena;
    }

    /** This process's registry slot. */
    public int slot() {
        return slot;
    }

    /** The owner id of the calling thread. */
    public long ownerId() {
        return processPart | (Thread.currentThread().getId() & 0xFFFFFFFFL);
    }

    /** True if {@code ownerId} names a thread of this process. */
    public boolean isThisProcess(long ownerId) {
        return (ownerId & 0xFFFFFFFF00000000L) == processPart;
    }

    /** A new primitive's block and directory entry. */
    public record Created(int index, SegmentArena.Block block) {
        public MappedRegion region() {
            return block.region();
        }

        public int base() {
            return block.offset();
        }
    }

    /**
     * Allocates a zeroed block of {@code length} bytes for a new primitive and lists it in the directory.
     *
     * @param init writes the block's initial words before the entry is published (may be null)
     */
    public Created create(PrimitiveKind kind, int length, String name, int lockRef, int extra, int count,
                          java.util.function.Consumer<SegmentArena.Block> init) {
        SegmentArena.Block b;
        try {
            b = arena.allocate(length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot allocate shared memory for a " + kind.pythonName()
                    + ": length=" + length, e);
        }
        if (init != null) {
            init.accept(b);
        }
        int index = registry.registerPrimitive(kind.code(), b.segment(), b.offset(), b.length(), slot, lockRef, extra,
                count, name == null ? "" : name);
        if (index < 0) {
            throw new IllegalStateException("too many shared primitives in this session: max=" + PRIMITIVE_COUNT);
        }
        if (name == null || name.isEmpty()) {
            rename(index, kind.pythonName() + "-" + index);
        }
        return new Created(index, b);
    }

    private void rename(int index, String name) {
        // before anyone else can know the index: the entry is live but unknown to other processes
        registry.region().putString(primitiveOffset(index) + P_NAME_OFFSET, P_NAME_LENGTH, name);
    }

    /** Remembers the object this process uses for directory entry {@code index}. */
    public void remember(int index, Object primitive) {
        attached.put(index, primitive);
    }

    /** A directory entry, as read by the process that attaches to it. */
    public record Entry(int index, PrimitiveKind kind, SegmentArena.Block block, int lockRef, int extra, int count,
                        String name) {
        public MappedRegion region() {
            return block.region();
        }

        public int base() {
            return block.offset();
        }
    }

    /**
     * The object for directory entry {@code index} of session {@code session}, made once per process by
     * {@code factory}.
     *
     * @throws IllegalStateException if the entry belongs to another session or is not a primitive
     */
    public Object attach(String session, int index, Function<Entry, Object> factory) {
        if (!sessionId.equals(session)) {
            throw new IllegalStateException("a shared primitive can only be used by the processes of the session that"
                    + " made it: primitive session=" + session + " this session=" + sessionId);
        }
        Object o = attached.get(index);
        if (o != null) {
            return o;
        }
        synchronized (attached) { // not computeIfAbsent: making a Condition attaches its lock, a nested update
            o = attached.get(index);
            if (o == null) {
                o = factory.apply(entry(index));
                attached.put(index, o);
            }
            return o;
        }
    }

    /**
     * The object this process uses for directory entry {@code index} of session {@code session}.
     *
     * @throws IllegalStateException if {@code session} is not this process's session
     */
    public Object resolve(String session, int index) {
        return attach(session, index, SharedHandle::make);
    }

    /** The object this process uses for directory entry {@code index} of its own session. */
    public Object resolve(int index) {
        return attach(sessionId, index, SharedHandle::make);
    }

    /** Reads directory entry {@code index} and maps its block. */
    public Entry entry(int index) {
        MappedRegion r = registry.region();
        int off = primitiveOffset(index);
        if (r.getIntAcquire(off + P_STATE_OFFSET) != P_LIVE) {
            throw new IllegalStateException("no shared primitive at this index: index=" + index);
        }
        PrimitiveKind kind = PrimitiveKind.ofCode(r.getIntPlain(off + P_KIND_OFFSET));
        try {
            SegmentArena.Block b = arena.attach(r.getIntPlain(off + P_SEGMENT_OFFSET),
                    r.getIntPlain(off + P_BLOCK_OFFSET), r.getIntPlain(off + P_LENGTH_OFFSET));
            return new Entry(index, kind, b, r.getIntPlain(off + P_LOCK_REF_OFFSET), r.getIntPlain(off + P_EXTRA_OFFSET),
                    r.getIntPlain(off + P_COUNT_OFFSET), r.getString(off + P_NAME_OFFSET, P_NAME_LENGTH));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map a shared primitive: index=" + index, e);
        }
    }

    /** The name in directory entry {@code index}. */
    public String name(int index) {
        if (registry == null) {
            return sessionId; // the warm-up's scratch runtime: no directory
        }
        return registry.region().getString(primitiveOffset(index) + P_NAME_OFFSET, P_NAME_LENGTH);
    }

    /**
     * True if the process named in {@code ownerId} has ended: its registry slot was reused or records its exit, or
     * its pid no longer runs with the recorded start time (or is a zombie). Costs a read of {@code /proc} when the
     * registry does not tell: slow paths only.
     */
    public boolean isDead(long ownerId) {
        if (ownerId == 0) {
            return false;
        }
        if (isThisProcess(ownerId)) {
            return false;
        }
        int s = (int) (ownerId >>> 48) - 1;
        if (s < 0 || s >= SLOT_COUNT) {
            return true; // not an id this library writes: treat as abandoned
        }
        if ((registry.generation(s) & 0xFFFF) != (int) ((ownerId >>> 32) & 0xFFFF)) {
            return true; // the slot was reused, which happens only after its process ended
        }
        int state = registry.state(s);
        if (state == EXITED || state == FREE) {
            return true;
        }
        long pid = registry.pid(s);
        return pid > 0 && !ProcFs.isAlive(pid, registry.startTicks(s));
    }

    /** "pid N (name)" for an owner id, for messages. */
    public String describe(long ownerId) {
        int s = (int) (ownerId >>> 48) - 1;
        if (s < 0 || s >= SLOT_COUNT) {
            return "unknown owner " + Long.toHexString(ownerId);
        }
        return "pid " + registry.pid(s) + " (" + registry.name(s) + ")";
    }

    /** The registry slot of an owner id, or -1. */
    public static int slotOf(long ownerId) {
        return ownerId == 0 ? -1 : (int) (ownerId >>> 48) - 1;
    }

    /** Records that the calling thread blocks on primitive {@code index}; returns the waiter row to end later. */
    public int beginWait(int index, int kind) {
        return registry.beginWait(index, ownerId(), kind, Thread.currentThread().getName());
    }

    public void endWait(int row) {
        registry.endWait(row);
    }
}
