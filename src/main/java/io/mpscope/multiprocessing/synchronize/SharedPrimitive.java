package io.mpscope.multiprocessing.synchronize;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.shm.MappedRegion;
import java.io.Serializable;

/**
 * What every shared primitive has: a block of words in a session segment, and a directory entry that names it.
 * Serializing one (for example when a {@code Process} target captures it) writes a small handle, the session id
 * and directory index; the receiving process maps the same block, as CPython's SemLock travels to a child.
 * Within one process, one object stands for each primitive.
 */
public abstract class SharedPrimitive implements Serializable {
    private static final long serialVersionUID = 1L;

    protected final transient SharedRuntime rt;
    protected final transient MappedRegion region;
    protected final transient int base;
    protected final transient int index;
    protected final transient PrimitiveKind kind;

    protected SharedPrimitive(SharedRuntime rt, PrimitiveKind kind, MappedRegion region, int base, int index) {
        this(rt, kind, region, base, index, true);
    }

    /** {@code listed}: false for a part of another primitive (a queue's lock), which must not stand for its index. */
    protected SharedPrimitive(SharedRuntime rt, PrimitiveKind kind, MappedRegion region, int base, int index,
                              boolean listed) {
        this.rt = rt;
        this.kind = kind;
        this.region = region;
        this.base = base;
        this.index = index;
        if (listed) {
            rt.remember(index, this);
        }
    }

    private transient volatile String name;

    /** The name observers show: given by the program ({@code ctx.lock("printer")}) or {@code Lock-7}. */
    public String getName() {
        String n = name;
        if (n == null) {
            n = rt.name(index); // fixed once the primitive is made
            name = n;
        }
        return n;
    }

    /** Its index in the session's primitive directory (stable for the session's lifetime). */
    public int directoryIndex() {
        return index;
    }

    /** The session this primitive belongs to. */
    public String sessionId() {
        return rt.sessionId();
    }

    protected final Object writeReplace() throws java.io.ObjectStreamException {
        return new SharedHandle(rt.sessionId(), index, travelling());
    }

    /** What else the handle carries to another process (a Barrier's action); null by default. */
    protected java.io.Serializable travelling() throws java.io.ObjectStreamException {
        return null;
    }
}
