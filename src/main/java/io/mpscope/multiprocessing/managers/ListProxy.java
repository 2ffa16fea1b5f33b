package io.mpscope.multiprocessing.managers;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * A list in a manager's server, as a {@link List}: {@code get}, {@code set}, {@code add}, {@code remove} and
 * {@code size} are one round trip each; {@link #iterator()} walks a copy taken when it is made (its {@code remove}
 * goes to the server); {@code listIterator} and {@code subList} work through the server element by element. An
 * item read is a copy: mutating a list read from the list changes nothing in the server (CPython's rule), unless
 * the item is itself a proxy.
 *
 * <p>Indices follow the List contract (a negative index is out of bounds); the Python-named methods ({@link #pop},
 * {@link #insert}) follow CPython's. {@code equals} and {@code hashCode} follow the List contract, by contents.
 *
 * <p>Python: {@code multiprocessing.managers.ListProxy} ({@code manager.list()}).
 */
public final class ListProxy<E> extends BaseProxy implements List<E>, RandomAccess {
    private static final long serialVersionUID = 1L;

    ListProxy(Token token, byte[] authkey) {
        super(token, authkey, "list");
    }

    private final transient List<E> view = new AbstractList<>() {
        @Override
        public E get(int index) {
            return ListProxy.this.get(index);
        }

        @Override
        public int size() {
            return ListProxy.this.size();
        }

        @Override
        public E set(int index, E element) {
            return ListProxy.this.set(index, element);
        }

        @Override
        public void add(int index, E element) {
            ListProxy.this.add(index, element);
        }

        @Override
        public E remove(int index) {
            return ListProxy.this.remove(index);
        }
    };

    private static void check(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("index out of range: index=" + index);
        }
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
    public boolean contains(Object o) {
        return this.<Boolean>call("__contains__", o);
    }

    @Override
    public E get(int index) {
        check(index);
        return call("__getitem__", index);
    }

    @Override
    public E set(int index, E element) {
        check(index);
        return call("set", index, element);
    }

    /** Appends {@code e}; always true. Python: {@code l.append(e)}. */
    @Override
    public boolean add(E e) {
        call("append", e);
        return true;
    }

    /** Python: {@code l.append(e)}. */
    public void append(E e) {
        call("append", e);
    }

    @Override
    public void add(int index, E element) {
        check(index);
        call("add", index, element);
    }

    /** Python: {@code l.insert(i, e)} (clamped, negative from the end). */
    public void insert(int index, E element) {
        call("insert", index, element);
    }

    @Override
    public E remove(int index) {
        check(index);
        return call("removeAt", index);
    }

    /** Removes and returns the last item. Python: {@code l.pop()}; an empty list throws IndexOutOfBoundsException. */
    public E pop() {
        return call("pop");
    }

    /** Python: {@code l.pop(i)}. */
    public E pop(int index) {
        return call("pop", index);
    }

    @Override
    public boolean remove(Object o) {
        return this.<Boolean>call("removeValue", o);
    }

    @Override
    public boolean addAll(Collection<? extends E> c) {
        return this.<Boolean>call("extend", new ArrayList<>(c));
    }

    /** Python: {@code l.extend(items)}. */
    public void extend(Collection<? extends E> c) {
        call("extend", new ArrayList<>(c));
    }

    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        check(index);
        return this.<Boolean>call("addAll", index, new ArrayList<>(c));
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return copy().containsAll(c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return view.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return view.retainAll(c);
    }

    @Override
    public void clear() {
        call("clear");
    }

    @Override
    public int indexOf(Object o) {
        return this.<Integer>call("indexOf", o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return this.<Integer>call("lastIndexOf", o);
    }

    /** Python: {@code l.count(x)}. */
    public int count(Object o) {
        return this.<Integer>call("count", o);
    }

    /** Python: {@code l.reverse()}. */
    public void reverse() {
        call("reverse");
    }

    /** Sorts by natural order in the server. Python: {@code l.sort()}. */
    public void sort() {
        call("sort");
    }

    /** A copy of the whole list. Python: {@code l[:]} or {@code list(l)}. */
    public List<E> copy() {
        return call("_getvalue");
    }

    @Override
    public Iterator<E> iterator() {
        List<E> snapshot = copy();
        return new Iterator<>() {
            int next;
            int removed;
            boolean canRemove;

            @Override
            public boolean hasNext() {
                return next < snapshot.size();
            }

            @Override
            public E next() {
                if (next >= snapshot.size()) {
                    throw new NoSuchElementException();
                }
                canRemove = true;
                return snapshot.get(next++);
            }

            @Override
            public void remove() {
                if (!canRemove) {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                canRemove = false;
                ListProxy.this.remove(next - 1 - removed++);
            }
        };
    }

    @Override
    public ListIterator<E> listIterator() {
        return view.listIterator();
    }

    @Override
    public ListIterator<E> listIterator(int index) {
        return view.listIterator(index);
    }

    @Override
    public List<E> subList(int fromIndex, int toIndex) {
        return view.subList(fromIndex, toIndex);
    }

    @Override
    public Object[] toArray() {
        return copy().toArray();
    }

    @Override
    public <T> T[] toArray(T[] a) {
        return copy().toArray(a);
    }

    /** The list as CPython prints it: {@code [1, 'a']}. */
    public String pythonRepr() {
        return call("__repr__");
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof List<?> l)) {
            return false;
        }
        return copy().equals(l instanceof ListProxy<?> p ? p.copy() : l);
    }

    @Override
    public int hashCode() {
        return copy().hashCode();
    }
}
