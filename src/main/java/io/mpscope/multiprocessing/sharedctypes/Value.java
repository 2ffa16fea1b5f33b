package io.mpscope.multiprocessing.sharedctypes;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.synchronize.AbstractLock;
import io.mpscope.multiprocessing.synchronize.Held;
import io.mpscope.multiprocessing.synchronize.RLock;
import io.mpscope.multiprocessing.synchronize.SharedPrimitive;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;

/**
 * One number of a C type in shared memory. A synchronized value (the default) takes its lock for each
 * {@code get}/{@code set}, as CPython's {@code Synchronized} wrapper does, so {@code v.set(v.get() + 1)} is still
 * not atomic: hold {@link #getLock()} around it, or use the lock-free {@link #getAndAddInt}/{@link #getAndAddLong}/
 * {@link #compareAndSetLong} that CPython lacks. A raw value ({@code ctx.rawValue}) has no lock.
 *
 * <p>Process-safe as described. Python: {@code multiprocessing.Value(typecode, value, lock=True)},
 * {@code RawValue(typecode, value)}.
 */
public final class Value extends SharedPrimitive {
    private static final long serialVersionUID = 1L;

    private final transient TypeCode type;
    private final transient AbstractLock lock;

    private Value(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.VALUE, e.region(), e.base(), e.index());
        this.type = TypeCode.of((char) e.extra());
        this.lock = e.lockRef() >= 0 ? (AbstractLock) rt.resolve(e.lockRef()) : null;
    }

    /** Rebuilds a value in a process that received its handle (library internal). */
    public static Value attach(SharedRuntime.Entry e) {
        return new Value(SharedRuntime.get(), e);
    }

    /** A value over {@code e} in runtime {@code rt} (library internal: the standby JVM's warm-up). */
    public static Value attachWith(SharedRuntime rt, SharedRuntime.Entry e) {
        return new Value(rt, e);
    }

    /**
     * A new value. {@code lock}: null for a new RLock ({@code lock=True}), an existing Lock or RLock to share, or use
     * {@link #createRaw} for none.
     */
    public static Value create(String name, TypeCode type, Number initial, AbstractLock lock) {
        AbstractLock l = lock != null ? lock : RLock.create(name == null ? null : name + ".lock");
        return make(name, type, initial, l.directoryIndex());
    }

    /** A new value without a lock. Python: {@code RawValue(typecode, value)}. */
    public static Value createRaw(String name, TypeCode type, Number initial) {
        return make(name, type, initial, -1);
    }

    private static Value make(String name, TypeCode type, Number initial, int lockRef) {
        SharedRuntime rt = SharedRuntime.get();
        SharedRuntime.Created c = rt.create(PrimitiveKind.VALUE, type.size(), name, lockRef, type.code(), 1, b -> {
            if (initial != null) {
                Elements.set(b.region(), b.offset(), type, initial);
            }
        });
        return new Value(rt, rt.entry(c.index()));
    }

    public TypeCode getTypeCode() {
        return type;
    }

    /** True unless it is a raw value. */
    public boolean isSynchronized() {
        return lock != null;
    }

    /**
     * The value's lock.
     *
     * @throws IllegalStateException for a raw value
     * Python: {@code v.get_lock()}.
     */
    public AbstractLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw value has no lock: name=" + getName());
        }
        return lock;
    }

    /** Holds the value's lock for a try-with-resources block. Python: {@code with v.get_lock():}. */
    public Held hold() {
        return getLock().hold();
    }

    /** The value, boxed. Python: {@code v.value}. */
    public Number get() {
        if (lock == null) {
            return Elements.get(region, base, type);
        }
        lock.acquire();
        try {
            return Elements.get(region, base, type);
        } finally {
            lock.release();
        }
    }

    /** Sets the value (converted to the C type as ctypes does: truncated). Python: {@code v.value = x}. */
    public void set(Number v) {
        if (lock == null) {
            Elements.set(region, base, type, v);
            return;
        }
        lock.acquire();
        try {
            Elements.set(region, base, type, v);
        } finally {
            lock.release();
        }
    }

    /** The value as a double, without boxing. */
    public double getDouble() {
        if (lock == null) {
            return Elements.getDouble(region, base, type);
        }
        lock.acquire();
        try {
            return Elements.getDouble(region, base, type);
        } finally {
            lock.release();
        }
    }

    public void setDouble(double v) {
        if (lock == null) {
            Elements.setDouble(region, base, type, v);
            return;
        }
        lock.acquire();
        try {
            Elements.setDouble(region, base, type, v);
        } finally {
            lock.release();
        }
    }

    /** The value as a long, without boxing. */
    public long getLong() {
        if (lock == null) {
            return Elements.getLong(region, base, type);
        }
        lock.acquire();
        try {
            return Elements.getLong(region, base, type);
        } finally {
            lock.release();
        }
    }

    public void setLong(long v) {
        if (lock == null) {
            Elements.setLong(region, base, type, v);
            return;
        }
        lock.acquire();
        try {
            Elements.setLong(region, base, type, v);
        } finally {
            lock.release();
        }
    }

    public int getInt() {
        return (int) getLong();
    }

    public void setInt(int v) {
        setLong(v);
    }

    /** Adds atomically, without the lock, and returns the previous value ({@code i}/{@code I} values). */
    public int getAndAddInt(int delta) {
        requireSize(4, false);
        return region.getAndAddInt(base, delta);
    }

    /** Adds atomically, without the lock, and returns the previous value (8-byte integer values). */
    public long getAndAddLong(long delta) {
        requireSize(8, false);
        return region.getAndAddLong(base, delta);
    }

    /** Sets atomically if the value is {@code expected}, without the lock (4-byte integer values). */
    public boolean compareAndSetInt(int expected, int value) {
        requireSize(4, false);
        return region.compareAndSetInt(base, expected, value);
    }

    /** Sets atomically if the value is {@code expected}, without the lock (8-byte integer values). */
    public boolean compareAndSetLong(long expected, long value) {
        requireSize(8, false);
        return region.compareAndSetLong(base, expected, value);
    }

    /** Sets atomically if the value is {@code expected} (bitwise), without the lock ({@code d} values). */
    public boolean compareAndSetDouble(double expected, double value) {
        requireSize(8, true);
        return region.compareAndSetLong(base, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    /** Adds atomically (a CAS loop), without the lock, and returns the new value ({@code d} values). */
    public double addAndGetDouble(double delta) {
        requireSize(8, true);
        while (true) {
            long bits = region.getLongVolatile(base);
            double next = Double.longBitsToDouble(bits) + delta;
            if (region.compareAndSetLong(base, bits, Double.doubleToRawLongBits(next))) {
                return next;
            }
        }
    }

    private void requireSize(int size, boolean floating) {
        if (type.size() != size || type.isFloating() != floating) {
            throw new UnsupportedOperationException("atomic operation does not match the value's type: typecode="
                    + type.code() + " operation=" + (floating ? "double" : size == 4 ? "int" : "long"));
        }
    }

    /** CPython's repr: {@code <Synchronized wrapper for c_int(0)>}, or {@code c_int(0)} for a raw value. */
    @Override
    public String toString() {
        String inner = type.ctypesName() + "(" + Elements.repr(Elements.get(region, base, type), type) + ")";
        return lock == null ? inner : "<Synchronized wrapper for " + inner + ">";
    }
}
