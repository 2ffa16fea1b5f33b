package io.mpscope.multiprocessing.managers;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dict in a manager's server, as a {@link Map}: {@code get}, {@code put}, {@code remove}, {@code containsKey} and
 * {@code size} are one round trip each; the key, value and entry views iterate over a copy taken when the iterator
 * is made (their {@code remove} goes to the server). Keys keep insertion order, as CPython's dict. A value read is a
 * copy: mutating a list read from the dict changes nothing in the server; put it back to share the change.
 *
 * <p>{@code equals} and {@code hashCode} follow the Map contract (by contents, read from the server); {@code
 * toString} is the server-side map's text.
 *
 * <p>Python: {@code multiprocessing.managers.DictProxy} ({@code manager.dict()}).
 */
public final class DictProxy<K, V> extends BaseProxy implements Map<K, V> {
    private static final long serialVersionUID = 1L;

    DictProxy(Token token, byte[] authkey) {
        super(token, authkey, "dict");
    }

    @Override
    public int size() {
        return this.<Integer>call("__len__");
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return this.<Boolean>call("__contains__", key);
    }

    @Override
    public boolean containsValue(Object value) {
        return this.<Boolean>call("containsValue", value);
    }

    /** The value of {@code key}, or null. Python: {@code d.get(key)}. */
    @Override
    public V get(Object key) {
        return call("get", key);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return call("get", key, defaultValue);
    }

    /** Sets {@code key}; returns the previous value or null. Python: {@code d[key] = value}. */
    @Override
    public V put(K key, V value) {
        return call("put", key, value);
    }

    /**
     * Sets {@code key} without reading the previous value back: CPython's {@code d[key] = value}, one round trip
     * with a smaller reply than {@link #put}.
     */
    public void setItem(K key, V value) {
        call("__setitem__", key, value);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return call("putIfAbsent", key, value);
    }

    @Override
    public V remove(Object key) {
        return call("remove", key);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        call("update", new LinkedHashMap<>(m));
    }

    @Override
    public void clear() {
        call("clear");
    }

    /** A copy of the whole dict. Python: {@code d.copy()}. */
    public Map<K, V> copy() {
        return call("copy");
    }

    /** Python: {@code d.setdefault(key, default)}. */
    public V setDefault(K key, V defaultValue) {
        return call("setdefault", key, defaultValue);
    }

    /** The dict as CPython prints it: {@code {0: 0, 1: 2}}. Python: {@code repr(d._getvalue())}. */
    public String pythonRepr() {
        return call("__repr__");
    }

    @Override
    public Set<K> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
                List<K> keys = call("keys");
                return removing(keys.iterator(), k -> DictProxy.this.remove(k));
            }

            @Override
            public int size() {
                return DictProxy.this.size();
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                List<V> values = call("values");
                return values.iterator();
            }

            @Override
            public int size() {
                return DictProxy.this.size();
            }
        };
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                List<Map.Entry<K, V>> items = call("items");
                List<Map.Entry<K, V>> live = new ArrayList<>(items.size());
                for (Map.Entry<K, V> e : items) {
                    live.add(new AbstractMap.SimpleEntry<>(e.getKey(), e.getValue()) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public V setValue(V value) {
                            super.setValue(value);
                            return DictProxy.this.put(getKey(), value);
                        }
                    });
                }
                return removing(live.iterator(), e -> DictProxy.this.remove(e.getKey()));
            }

            @Override
            public int size() {
                return DictProxy.this.size();
            }
        };
    }

    private static <T> Iterator<T> removing(Iterator<T> it, java.util.function.Consumer<T> remove) {
        return new Iterator<>() {
            T last;
            boolean canRemove;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                last = it.next();
                canRemove = true;
                return last;
            }

            @Override
            public void remove() {
                if (!canRemove) {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                canRemove = false;
                remove.accept(last);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> m)) {
            return false;
        }
        Map<K, V> mine = copy();
        return mine.equals(m instanceof DictProxy<?, ?> d ? d.copy() : m);
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }
}
