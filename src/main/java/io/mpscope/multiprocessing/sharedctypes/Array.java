package io.mpscope.multiprocessing.sharedctypes;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.synchronize.AbstractLock;
import io.mpscope.multiprocessing.synchronize.Held;
import io.mpscope.multiprocessing.synchronize.RLock;
import io.mpscope.multiprocessing.synchronize.SharedPrimitive;
import io.mpscope.multiprocessing.synchronize.SharedRuntime;

/**
 * A fixed-length array of a C type in shared memory. A synchronized array (the default) takes its lock for each
 * element access, as CPython's {@code SynchronizedArray} does; bulk reads ({@link #toDoubleArray()},
 * {@link #toLongArray()}) take it once. A raw array ({@code ctx.rawArray}) has no lock.
 *
 * <p>Process-safe as described. Python: {@code multiprocessing.Array(typecode, size_or_initializer, lock=True)},
 * {@code RawArray}.
 */
public final class Array extends SharedPrimitive {
    private static final long serialVersionUID = 1L;

    private final transient TypeCode type;
    private final transient AbstractLock lock;
    private final transient int length;

    private Array(SharedRuntime rt, SharedRuntime.Entry e) {
        super(rt, PrimitiveKind.ARRAY, e.region(), e.base(), e.index());
        this.type = TypeCode.of((char) e.extra());
        this.length = e.count();
        this.lock = e.lockRef() >= 0 ? (AbstractLock) rt.resolve(e.lockRef()) : null;
    }

    /** Rebuilds an array in a process that received its handle (library internal). */
    public static Array attach(SharedRuntime.Entry e) {
        return new Array(SharedRuntime.get(), e);
    }

    /** An array over {@code e} in runtime {@code rt} (library internal: the standby JVM's warm-up). */
    public static Array attachWith(SharedRuntime rt, SharedRuntime.Entry e) {
        return new Array(rt, e);
    }

    /**
     * A new zeroed array of {@code length} elements; {@code lock} as for {@link Value#create}; {@code raw} true for
     * none.
     */
    public static Array create(String name, TypeCode type, int length, AbstractLock lock, boolean raw) {
        if (length < 0) {
            throw new IllegalArgumentException("array length must be >= 0: length=" + length);
        }
        int lockRef = raw ? -1 : (lock != null ? lock : RLock.create(name == null ? null : name + ".lock"))
                .directoryIndex();
        SharedRuntime rt = SharedRuntime.get();
        SharedRuntime.Created c = rt.create(PrimitiveKind.ARRAY, Math.max(8, type.size() * length), name, lockRef,
                type.code(), length, null);
        return new Array(rt, rt.entry(c.index()));
    }

    /** A new array holding {@code values} (converted to the C type). */
    public static Array of(String name, TypeCode type, double[] values, AbstractLock lock, boolean raw) {
        Array a = create(name, type, values.length, lock, raw);
        for (int i = 0; i < values.length; i++) {
            Elements.setDouble(a.region, a.offset(i), type, values[i]);
        }
        return a;
    }

    /** A new array holding {@code values} (converted to the C type). */
    public static Array of(String name, TypeCode type, long[] values, AbstractLock lock, boolean raw) {
        Array a = create(name, type, values.length, lock, raw);
        for (int i = 0; i < values.length; i++) {
            Elements.setLong(a.region, a.offset(i), type, values[i]);
        }
        return a;
    }

    /** A new {@code c} array holding {@code bytes}. Python: {@code Array('c', b'hello')}. */
    public static Array ofBytes(String name, byte[] bytes, AbstractLock lock, boolean raw) {
        Array a = create(name, TypeCode.CHAR, bytes.length, lock, raw);
        a.region.putBytes(a.base, bytes, 0, bytes.length);
        return a;
    }

    public TypeCode getTypeCode() {
        return type;
    }

    /** The number of elements. Python: {@code len(a)}. */
    public int length() {
        return length;
    }

    public boolean isSynchronized() {
        return lock != null;
    }

    /**
     * The array's lock.
     *
     * @throws IllegalStateException for a raw array
     */
    public AbstractLock getLock() {
        if (lock == null) {
            throw new IllegalStateException("a raw array has no lock: name=" + getName());
        }
        return lock;
    }

    public Held hold() {
        return getLock().hold();
    }

    private int offset(int i) {
        if (i < 0 || i >= length) {
            throw new IndexOutOfBoundsException("invalid index: index=" + i + " length=" + length);
        }
        return base + i * type.size();
    }

    /** Element {@code i}, boxed. Python: {@code a[i]}. */
    public Number get(int i) {
        int off = offset(i);
        if (lock == null) {
            return Elements.get(region, off, type);
        }
        lock.acquire();
        try {
            return Elements.get(region, off, type);
        } finally {
            lock.release();
        }
    }

    /** Sets element {@code i}. Python: {@code a[i] = x}. */
    public void set(int i, Number v) {
        int off = offset(i);
        if (lock == null) {
            Elements.set(region, off, type, v);
            return;
        }
        lock.acquire();
        try {
            Elements.set(region, off, type, v);
        } finally {
            lock.release();
        }
    }

    /** Element {@code i} as a double, without boxing. */
    public double getDouble(int i) {
        int off = offset(i);
        if (lock == null) {
            return Elements.getDouble(region, off, type);
        }
        lock.acquire();
        try {
            return Elements.getDouble(region, off, type);
        } finally {
            lock.release();
        }
    }

    public void setDouble(int i, double v) {
        int off = offset(i);
        if (lock == null) {
            Elements.setDouble(region, off, type, v);
            return;
        }
        lock.acquire();
        try {
            Elements.setDouble(region, off, type, v);
        } finally {
            lock.release();
        }
    }

    /** Element {@code i} as a long, without boxing. */
    public long getLong(int i) {
        int off = offset(i);
        if (lock == null) {
            return Elements.getLong(region, off, type);
        }
        lock.acquire();
        try {
            return Elements.getLong(region, off, type);
        } finally {
            lock.release();
        }
    }

    public void setLong(int i, long v) {
        int off = offset(i);
        if (lock == null) {
            Elements.setLong(region, off, type, v);
            return;
        }
        lock.acquire();
        try {
            Elements.setLong(region, off, type, v);
        } finally {
            lock.release();
        }
    }

    /** Adds atomically to an {@code i}/{@code I} element, without the lock; returns the previous value. */
    public int getAndAddInt(int i, int delta) {
        if (type.size() != 4 || type.isFloating()) {
            throw new UnsupportedOperationException("getAndAddInt needs a 4-byte integer array: typecode=" + type.code());
        }
        return region.getAndAddInt(offset(i), delta);
    }

    /** Adds atomically to an 8-byte integer element, without the lock; returns the previous value. */
    public long getAndAddLong(int i, long delta) {
        if (type.size() != 8 || type.isFloating()) {
            throw new UnsupportedOperationException("getAndAddLong needs an 8-byte integer array: typecode=" + type.code());
        }
        return region.getAndAddLong(offset(i), delta);
    }

    /** All elements as doubles, under one hold of the lock. Python: {@code a[:]}. */
    public double[] toDoubleArray() {
        double[] out = new double[length];
        if (lock != null) {
            lock.acquire();
        }
        try {
            for (int i = 0; i < length; i++) {
                out[i] = Elements.getDouble(region, base + i * type.size(), type);
            }
        } finally {
            if (lock != null) {
                lock.release();
            }
        }
        return out;
    }

    /** All elements as longs, under one hold of the lock. */
    public long[] toLongArray() {
        long[] out = new long[length];
        if (lock != null) {
            lock.acquire();
        }
        try {
            for (int i = 0; i < length; i++) {
                out[i] = Elements.getLong(region, base + i * type.size(), type);
            }
        } finally {
            if (lock != null) {
                lock.release();
            }
        }
        return out;
    }

    /** The bytes of a {@code c} array up to its first NUL. Python: {@code a.value}. */
    public byte[] getValue() {
        byte[] raw = getRaw();
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        return java.util.Arrays.copyOf(raw, n);
    }

    /** All bytes of the array. Python: {@code a.raw} (of a {@code c} array). */
    public byte[] getRaw() {
        byte[] b = new byte[length * type.size()];
        if (lock != null) {
            lock.acquire();
        }
        try {
            region.getBytes(base, b, 0, b.length);
        } finally {
            if (lock != null) {
                lock.release();
            }
        }
        return b;
    }

    /** CPython's repr: {@code <SynchronizedArray wrapper for c_int_Array_3 ...>} shortened to the contents. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(lock == null ? "" : "<SynchronizedArray wrapper for ")
                .append(type.ctypesName()).append("_Array_").append(length).append(" [");
        for (int i = 0; i < Math.min(length, 16); i++) {
            sb.append(i == 0 ? "" : ", ").append(Elements.repr(Elements.get(region, base + i * type.size(), type), type));
        }
        sb.append(length > 16 ? ", ...]" : "]");
        return lock == null ? sb.toString() : sb.append('>').toString();
    }
}
