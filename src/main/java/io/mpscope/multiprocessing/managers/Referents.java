package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.queues.QueueEmptyException;
import io.mpscope.multiprocessing.queues.QueueFullException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server-side objects of a {@link SyncManager}: plain Java objects answering CPython's method names
 * ({@code __getitem__}, {@code append}, {@code __setattr__}, {@code acquire}, ...) plus the few a Java contract
 * needs ({@code put} returning the previous value, {@code indexOf}). Containers serialize their calls on
 * themselves; the blocking kinds use {@code java.util.concurrent} and block only the calling connection's thread,
 * as CPython's server threads do. Timeouts arrive in seconds (a Double), null meaning none.
 */
final class Referents {
    /** Methods that only read (everything else counts as a change for the observer). */
    static final Set<String> READ_ONLY = Set.of("__getitem__", "get", "__contains__", "containsValue", "__len__",
            "keys", "values", "items", "copy", "_getvalue", "__str__", "__repr__", "__getattribute__", "count",
            "index", "indexOf", "lastIndexOf", "slice", "qsize", "empty", "full", "is_set", "parties", "n_waiting",
            "broken", "_names", "locked", "get_value", "wait", "join");

    private Referents() {
    }

    /** The built-in typeids' objects, made from CREATE arguments; null for a typeid that is not built in. */
    static Referent create(String typeid, Object[] a) {
        return switch (typeid) {
            case "dict" -> new Dict(a.length > 0 && a[0] instanceof Map<?, ?> m ? m : Map.of());
            case "list" -> new ListRef(a.length > 0 && a[0] instanceof Collection<?> c ? c : List.of());
            case "Namespace" -> new Namespace(a.length > 0 && a[0] instanceof Map<?, ?> m ? m : Map.of());
            case "Lock" -> new Acquirer(new Semaphore(1), 0, false);
            case "RLock" -> new RLockRef(new ReentrantLock());
            case "Semaphore" -> new Acquirer(new Semaphore(intArg(a, 0, 1)), 0, true);
            case "BoundedSemaphore" -> new Acquirer(new Semaphore(intArg(a, 0, 1)), intArg(a, 0, 1), true);
            case "Condition" -> new CondRef(a.length > 0 && a[0] instanceof ReentrantLock l ? l : new ReentrantLock());
            case "Event" -> new EventRef();
            case "Barrier" -> new BarrierRef(intArg(a, 0, 1));
            case "Queue", "JoinableQueue" -> new QueueRef(intArg(a, 0, 0));
            case "Value" -> new ValueRef((String) a[0], (Number) a[1]);
            case "Array" -> new ArrayRef((String) a[0], (Collection<?>) a[1]);
            default -> null;
        };
    }

    static int intArg(Object[] a, int i, int dflt) {
        return a.length > i && a[i] != null ? ((Number) a[i]).intValue() : dflt;
    }

    static long nanos(Object timeout) {
        if (timeout == null) {
            return -1;
        }
        double s = ((Number) timeout).doubleValue();
        return s <= 0 ? 0 : (long) (s * 1e9);
    }

    static AttributeException noMethod(String type, String method) {
        return new AttributeException("'" + type + "' object has no attribute '" + method + "'");
    }

    /** A short text of {@code o} for observers: Java's text, cut to the layout's limit. */
    static String text(Object o) {
        String s;
        try {
            s = String.valueOf(o);
        } catch (RuntimeException e) {
            s = "<" + o.getClass().getName() + ">";
        }
        int limit = io.mpscope.multiprocessing.shm.ManagerLayout.TEXT_LIMIT;
        return s.length() > limit ? s.substring(0, limit - 1) + "\u2026" : s;
    }

    /** CPython's repr of the common values, so Namespace and container texts read as CPython prints them. */
    static String repr(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof CharSequence s) {
            return "'" + s.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        if (o instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : c) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(x));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(o);
    }

    // ---- containers

    /** A dict: insertion-ordered, as CPython's. */
    static final class Dict implements Referent {
        final LinkedHashMap<Object, Object> map;

        Dict(Map<?, ?> initial) {
            map = new LinkedHashMap<>(initial);
        }

        @Override
        public synchronized Object call(String m, Object[] a) {
            switch (m) {
                case "__getitem__": {
                    Object v = map.get(a[0]);
                    if (v == null && !map.containsKey(a[0])) {
                        throw new NoSuchElementException("key not found: key=" + a[0]);
                    }
                    return v;
                }
                case "get":
                    return a.length > 1 ? map.getOrDefault(a[0], a[1]) : map.get(a[0]);
                case "__setitem__":
                    map.put(a[0], a[1]);
                    return null;
                case "put":
                    return map.put(a[0], a[1]);
                case "__delitem__":
                    if (!map.containsKey(a[0])) {
                        throw new NoSuchElementException("key not found: key=" + a[0]);
                    }
                    map.remove(a[0]);
                    return null;
                case "remove":
                    return map.remove(a[0]);
                case "pop":
                    if (!map.containsKey(a[0])) {
                        if (a.length > 1) {
                            return a[1];
                        }
                        throw new NoSuchElementException("key not found: key=" + a[0]);
                    }
                    return map.remove(a[0]);
                case "popitem": {
                    if (map.isEmpty()) {
                        throw new NoSuchElementException("popitem(): dictionary is empty");
                    }
                    Map.Entry<Object, Object> last = null;
                    for (Map.Entry<Object, Object> e : map.entrySet()) {
                        last = e;
                    }
                    map.remove(last.getKey());
                    return new AbstractMap.SimpleImmutableEntry<>(last.getKey(), last.getValue());
                }
                case "setdefault":
                    if (map.containsKey(a[0])) {
                        return map.get(a[0]);
                    }
                    map.put(a[0], a.length > 1 ? a[1] : null);
                    return a.length > 1 ? a[1] : null;
                case "putIfAbsent":
                    return map.putIfAbsent(a[0], a[1]);
                case "update":
                    map.putAll((Map<?, ?>) a[0]);
                    return null;
                case "__contains__":
                    return map.containsKey(a[0]);
                case "containsValue":
                    return map.containsValue(a[0]);
                case "__len__":
                    return map.size();
                case "clear":
                    map.clear();
                    return null;
                case "keys":
                    return new ArrayList<>(map.keySet());
                case "values":
                    return new ArrayList<>(map.values());
                case "items": {
                    List<Map.Entry<Object, Object>> items = new ArrayList<>(map.size());
                    for (Map.Entry<Object, Object> e : map.entrySet()) {
                        items.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
                    }
                    return items;
                }
                case "copy":
                case "_getvalue":
                    return new LinkedHashMap<>(map);
                case "__str__":
                    return map.toString();
                case "__repr__":
                    return repr(map);
                default:
                    throw noMethod("DictProxy", m);
            }
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            for (Map.Entry<Object, Object> e : map.entrySet()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(new String[] {text(e.getKey()), text(e.getValue())});
            }
            return map.size();
        }

        @Override
        public Object target() {
            return map;
        }
    }

    /** A list. Negative indices count from the end, as in CPython, for the Python-named methods. */
    static final class ListRef implements Referent {
        final ArrayList<Object> list;

        ListRef(Collection<?> initial) {
            list = new ArrayList<>(initial);
        }

        private int index(Object i) {
            int k = ((Number) i).intValue();
            return k < 0 ? k + list.size() : k;
        }

        @Override
        public synchronized Object call(String m, Object[] a) {
            switch (m) {
                case "__getitem__":
                    return list.get(index(a[0]));
                case "__setitem__":
                    list.set(index(a[0]), a[1]);
                    return null;
                case "set":
                    return list.set(((Number) a[0]).intValue(), a[1]);
                case "__delitem__":
                    list.remove(index(a[0]));
                    return null;
                case "append":
                    list.add(a[0]);
                    return null;
                case "extend":
                    return list.addAll((Collection<?>) a[0]);
                case "addAll":
                    return list.addAll(((Number) a[0]).intValue(), (Collection<?>) a[1]);
                case "insert": {
                    int k = index(a[0]);
                    list.add(Math.max(0, Math.min(k, list.size())), a[1]);
                    return null;
                }
                case "add":
                    list.add(((Number) a[0]).intValue(), a[1]);
                    return null;
                case "pop":
                    if (list.isEmpty()) {
                        throw new IndexOutOfBoundsException("pop from empty list");
                    }
                    return list.remove(a.length > 0 ? index(a[0]) : list.size() - 1);
                case "removeAt":
                    return list.remove(((Number) a[0]).intValue());
                case "remove": {
                    int k = list.indexOf(a[0]);
                    if (k < 0) {
                        throw new NoSuchElementException("list.remove(x): x not in list: x=" + a[0]);
                    }
                    list.remove(k);
                    return null;
                }
                case "removeValue":
                    return list.remove(a[0]);
                case "index": {
                    int k = list.indexOf(a[0]);
                    if (k < 0) {
                        throw new NoSuchElementException(a[0] + " is not in list");
                    }
                    return k;
                }
                case "indexOf":
                    return list.indexOf(a[0]);
                case "lastIndexOf":
                    return list.lastIndexOf(a[0]);
                case "count":
                    return (int) list.stream().filter(x -> java.util.Objects.equals(x, a[0])).count();
                case "__contains__":
                    return list.contains(a[0]);
                case "__len__":
                    return list.size();
                case "reverse":
                    Collections.reverse(list);
                    return null;
                case "sort":
                    list.sort(null);
                    return null;
                case "clear":
                    list.clear();
                    return null;
                case "slice":
                    return new ArrayList<>(list.subList(((Number) a[0]).intValue(), ((Number) a[1]).intValue()));
                case "removeRange":
                    list.subList(((Number) a[0]).intValue(), ((Number) a[1]).intValue()).clear();
                    return null;
                case "_getvalue":
                case "copy":
                    return new ArrayList<>(list);
                case "__str__":
                    return list.toString();
                case "__repr__":
                    return repr(list);
                default:
                    throw noMethod("ListProxy", m);
            }
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            for (int i = 0; i < list.size() && out.size() < limit; i++) {
                out.add(new String[] {Integer.toString(i), text(list.get(i))});
            }
            return list.size();
        }

        @Override
        public Object target() {
            return list;
        }
    }

    /** A Namespace: attributes by name; {@code __repr__} is CPython's {@code Namespace(a=1, b=2)}, sorted. */
    static final class Namespace implements Referent {
        final LinkedHashMap<String, Object> attrs = new LinkedHashMap<>();

        Namespace(Map<?, ?> initial) {
            initial.forEach((k, v) -> attrs.put(String.valueOf(k), v));
        }

        @Override
        public synchronized Object call(String m, Object[] a) {
            switch (m) {
                case "__getattribute__": {
                    String name = (String) a[0];
                    Object v = attrs.get(name);
                    if (v == null && !attrs.containsKey(name)) {
                        throw new AttributeException("'Namespace' object has no attribute '" + name + "'");
                    }
                    return v;
                }
                case "__setattr__":
                    attrs.put((String) a[0], a[1]);
                    return null;
                case "__delattr__":
                    if (attrs.remove((String) a[0]) == null && !attrs.containsKey((String) a[0])) {
                        throw new AttributeException("'Namespace' object has no attribute '" + a[0] + "'");
                    }
                    return null;
                case "__contains__":
                    return attrs.containsKey((String) a[0]);
                case "_names":
                    return new ArrayList<>(attrs.keySet());
                case "_getvalue":
                    return new LinkedHashMap<>(attrs);
                case "__str__":
                case "__repr__":
                    return repr();
                default:
                    throw noMethod("NamespaceProxy", m);
            }
        }

        String repr() {
            List<String> items = new ArrayList<>();
            attrs.forEach((k, v) -> {
                if (!k.startsWith("_")) {
                    items.add(k + "=" + Referents.repr(v));
                }
            });
            Collections.sort(items);
            return "Namespace(" + String.join(", ", items) + ")";
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            List<String> names = new ArrayList<>(attrs.keySet());
            Collections.sort(names);
            for (String n : names) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(new String[] {n, text(Referents.repr(attrs.get(n)))});
            }
            return attrs.size();
        }

        @Override
        public Object target() {
            return attrs;
        }
    }

    /** {@code Value(typecode, value)}: get and set. */
    static final class ValueRef implements Referent {
        final String typecode;
        Object value;

        ValueRef(String typecode, Number value) {
            this.typecode = typecode;
            this.value = value;
        }

        @Override
        public synchronized Object call(String m, Object[] a) {
            switch (m) {
                case "get":
                case "_getvalue":
                    return value;
                case "set":
                    value = a[0];
                    return null;
                case "__str__":
                case "__repr__":
                    return "Value('" + typecode + "', " + value + ")";
                default:
                    throw noMethod("ValueProxy", m);
            }
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            out.add(new String[] {"value", text(value)});
            return -1;
        }

        @Override
        public Object target() {
            return this;
        }
    }

    /** {@code Array(typecode, sequence)}: a fixed-length list of numbers. */
    static final class ArrayRef implements Referent {
        final String typecode;
        final Object[] items;

        ArrayRef(String typecode, Collection<?> values) {
            this.typecode = typecode;
            this.items = values.toArray();
        }

        @Override
        public synchronized Object call(String m, Object[] a) {
            switch (m) {
                case "__len__":
                    return items.length;
                case "__getitem__":
                    return items[idx(a[0])];
                case "__setitem__":
                    items[idx(a[0])] = a[1];
                    return null;
                case "_getvalue":
                    return new ArrayList<>(List.of(items));
                case "__str__":
                case "__repr__":
                    return "array('" + typecode + "', " + java.util.Arrays.toString(items) + ")";
                default:
                    throw noMethod("ArrayProxy", m);
            }
        }

        private int idx(Object i) {
            int k = ((Number) i).intValue();
            int j = k < 0 ? k + items.length : k;
            if (j < 0 || j >= items.length) {
                throw new IndexOutOfBoundsException("array index out of range: index=" + k + " length=" + items.length);
            }
            return j;
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            for (int i = 0; i < items.length && out.size() < limit; i++) {
                out.add(new String[] {Integer.toString(i), text(items[i])});
            }
            return items.length;
        }

        @Override
        public Object target() {
            return items;
        }
    }

    // ---- synchronization, living in the server

    /** Lock, Semaphore and BoundedSemaphore ({@code bound} > 0): CPython's AcquirerProxy methods. */
    static final class Acquirer implements Referent {
        final Semaphore sem;
        final int bound;
        final boolean semaphore;

        Acquirer(Semaphore sem, int bound, boolean semaphore) {
            this.sem = sem;
            this.bound = bound;
            this.semaphore = semaphore;
        }

        @Override
        public Object call(String m, Object[] a) throws InterruptedException {
            switch (m) {
                case "acquire": {
                    boolean blocking = a.length == 0 || !Boolean.FALSE.equals(a[0]);
                    long t = a.length > 1 ? nanos(a[1]) : -1;
                    if (!blocking) {
                        return sem.tryAcquire();
                    }
                    if (t < 0) {
                        sem.acquire();
                        return true;
                    }
                    return sem.tryAcquire(t, TimeUnit.NANOSECONDS);
                }
                case "release":
                    synchronized (this) {
                        if ((!semaphore && sem.availablePermits() >= 1)
                                || (bound > 0 && sem.availablePermits() >= bound)) {
                            throw new IllegalStateException(semaphore ? "semaphore or lock released too many times"
                                    : "release unlocked lock");
                        }
                        sem.release();
                    }
                    return null;
                case "locked":
                    return sem.availablePermits() == 0;
                case "get_value":
                    return sem.availablePermits();
                case "__str__":
                case "__repr__":
                    return (semaphore ? "<Semaphore value=" + sem.availablePermits() : "<Lock locked="
                            + (sem.availablePermits() == 0)) + ">";
                default:
                    throw noMethod("AcquirerProxy", m);
            }
        }

        @Override
        public int summarize(List<String[]> out, int limit) {
            out.add(semaphore ? new String[] {"value", Integer.toString(sem.availablePermits())}
                    : new String[] {"locked", sem.availablePermits() == 0 ? "True" : "False"});
            return -1;
        }

        @Override
        public Object target() {
            return sem;
        }
    }

    /** RLock: owned by the server thread of the connection that acquired it (one per client thread). */
    static class RLockRef implements Referent {
        final ReentrantLock lock;

        RLockRef(ReentrantLock lock) {
            this.lock = lock;
        }

        @Override
        public Object call(String m, Object[] a) throws InterruptedException {
            switch (m) {
                case "acquire": {
                    boolean blocking = a.length == 0 || !Boolean.FALSE.equals(a[0]);
                    long t = a.length > 1 ? nanos(a[1]) : -1;
                    if (!blocking) {
                        return lock.tryLock();
                    }
                    if (t < 0) {
                        lock.lockInterruptibly();
                        return true;
                    }
                    return lock.tryLock(t, TimeUnit.NANOSECONDS);
                }
                case "release":
                    if (!lock.isHeldByCurrentThread()) {
                        throw new IllegalStateException("cannot release un-acquired lock");
                    }
                    lock.unlock();
                    return null;
                case "locked":
                    return lock.isLocked();
                case "__str__":
                case "__repr__":
                    return "<RLock count=" + lock.getHoldCount() + ">";
                default:
                    throw noMethod("AcquirerProxy", m);
            }
        }

        @Override
        public int summarize(List<String[]> out, int limit) {
            out.add(new String[] {"locked", lock.isLocked() ? "True" : "False"});
            return -1;
        }

        @Override
        public Object target() {
            return lock;
        }
    }

    /** Condition over a server-side RLock: its lock's methods, summary and target are the RLock's. */
    static final class CondRef extends RLockRef {
        final Condition cond;

        CondRef(ReentrantLock lock) {
            super(lock);
            this.cond = lock.newCondition();
        }

        @Override
        public Object call(String m, Object[] a) throws InterruptedException {
            switch (m) {
                case "acquire":
                case "release":
                case "locked":
                    return super.call(m, a);
                case "wait": {
                    requireHeld("wait");
                    long t = a.length > 0 ? nanos(a[0]) : -1;
                    if (t < 0) {
                        cond.await();
                        return true;
                    }
                    return cond.awaitNanos(t) > 0;
                }
                case "notify": {
                    requireHeld("notify");
                    int n = intArg(a, 0, 1);
                    for (int i = 0; i < n; i++) {
                        cond.signal();
                    }
                    return null;
                }
                case "notify_all":
                    requireHeld("notify");
                    cond.signalAll();
                    return null;
                default:
                    throw noMethod("ConditionProxy", m);
            }
        }

        private void requireHeld(String what) {
            if (!lock.isHeldByCurrentThread()) {
                throw new IllegalStateException("cannot " + what + " on un-acquired lock");
            }
        }
    }

    /** Event. */
    static final class EventRef implements Referent {
        private boolean flag;

        @Override
        public synchronized Object call(String m, Object[] a) throws InterruptedException {
            switch (m) {
                case "set":
                    flag = true;
                    notifyAll();
                    return null;
                case "clear":
                    flag = false;
                    return null;
                case "is_set":
                    return flag;
                case "wait": {
                    long t = a.length > 0 ? nanos(a[0]) : -1;
                    long deadline = System.nanoTime() + t;
                    while (!flag) {
                        if (t < 0) {
                            wait();
                        } else {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                break;
                            }
                            TimeUnit.NANOSECONDS.timedWait(this, left);
                        }
                    }
                    return flag;
                }
                default:
                    throw noMethod("EventProxy", m);
            }
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            out.add(new String[] {"set", flag ? "True" : "False"});
            return -1;
        }

        @Override
        public Object target() {
            return this;
        }
    }

    /**
     * Barrier, as CPython's {@code threading.Barrier} (what a manager's {@code Barrier()} serves): {@code abort()}
     * leaves it broken, so the parties waiting and every later {@code wait()} fail until {@code reset()}; a
     * {@code wait()} that times out breaks it too. (A {@code CyclicBarrier} cannot stay broken after an abort: its
     * reset breaks the current waiters and then accepts new ones.)
     */
    static final class BarrierRef implements Referent {
        private static final int FILLING = 0;
        private static final int DRAINING = 1;
        private static final int RESETTING = -1;
        private static final int BROKEN = -2;
        final int parties;
        private int state = FILLING;
        private int count;

        BarrierRef(int parties) {
            if (parties < 1) {
                throw new IllegalArgumentException("parties must be > 0: parties=" + parties);
            }
            this.parties = parties;
        }

        @Override
        public synchronized Object call(String m, Object[] a) throws Exception {
            switch (m) {
                case "wait":
                    return await(a.length > 0 ? nanos(a[0]) : -1);
                case "abort":
                    breakBarrier();
                    return null;
                case "reset":
                    if (count > 0) {
                        if (state == FILLING || state == BROKEN) {
                            state = RESETTING; // the waiters leave with an error; the last one out refills
                        }
                    } else {
                        state = FILLING;
                    }
                    notifyAll();
                    return null;
                case "parties":
                    return parties;
                case "n_waiting":
                    return state == FILLING ? count : 0;
                case "broken":
                    return state == BROKEN;
                default:
                    throw noMethod("BarrierProxy", m);
            }
        }

        /** CPython's Barrier.wait: the arrival index (0 for the first), or BrokenBarrierException. */
        private int await(long timeoutNanos) throws InterruptedException, BrokenBarrierException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (state == DRAINING || state == RESETTING) { // the previous cycle is still leaving
                wait();
            }
            if (state < 0) {
                throw new BrokenBarrierException("barrier is broken");
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    state = DRAINING;
                    notifyAll();
                } else {
                    while (state == FILLING) {
                        if (timeoutNanos < 0) {
                            wait();
                        } else {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                breakBarrier();
                                throw new BrokenBarrierException("barrier is broken: wait timed out");
                            }
                            TimeUnit.NANOSECONDS.timedWait(this, left);
                        }
                    }
                    if (state < 0) {
                        throw new BrokenBarrierException("barrier is broken");
                    }
                }
                return index;
            } catch (InterruptedException e) {
                breakBarrier();
                throw e;
            } finally {
                count--;
                if (count == 0 && (state == RESETTING || state == DRAINING)) {
                    state = FILLING;
                    notifyAll();
                }
            }
        }

        private void breakBarrier() {
            state = BROKEN;
            notifyAll();
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            out.add(new String[] {"waiting", (state == FILLING ? count : 0) + " of " + parties
                    + (state == BROKEN ? " (broken)" : "")});
            return -1;
        }

        @Override
        public Object target() {
            return this;
        }
    }

    /** {@code queue.Queue} (and JoinableQueue's task_done/join): CPython's manager queue. */
    static final class QueueRef implements Referent {
        final int maxsize;
        final LinkedList<Object> items = new LinkedList<>();
        int unfinished;

        QueueRef(int maxsize) {
            this.maxsize = maxsize;
        }

        @Override
        public synchronized Object call(String m, Object[] a) throws Exception {
            switch (m) {
                case "put":
                case "put_nowait": {
                    boolean block = m.equals("put") && (a.length < 2 || !Boolean.FALSE.equals(a[1]));
                    long t = m.equals("put") && a.length > 2 ? nanos(a[2]) : -1;
                    if (!waitFor(() -> maxsize <= 0 || items.size() < maxsize, block, t)) {
                        throw new QueueFullException("queue is full: maxsize=" + maxsize);
                    }
                    items.addLast(a[0]);
                    unfinished++;
                    notifyAll();
                    return null;
                }
                case "get":
                case "get_nowait": {
                    boolean block = m.equals("get") && (a.length < 1 || !Boolean.FALSE.equals(a[0]));
                    long t = m.equals("get") && a.length > 1 ? nanos(a[1]) : -1;
                    if (!waitFor(() -> !items.isEmpty(), block, t)) {
                        throw new QueueEmptyException("queue is empty");
                    }
                    Object x = items.removeFirst();
                    notifyAll();
                    return x;
                }
                case "qsize":
                    return items.size();
                case "empty":
                    return items.isEmpty();
                case "full":
                    return maxsize > 0 && items.size() >= maxsize;
                case "task_done":
                    if (unfinished <= 0) {
                        throw new IllegalStateException("task_done() called too many times");
                    }
                    if (--unfinished == 0) {
                        notifyAll();
                    }
                    return null;
                case "join":
                    waitFor(() -> unfinished == 0, true, -1);
                    return null;
                default:
                    throw noMethod("AutoProxy[Queue]", m);
            }
        }

        private boolean waitFor(java.util.function.BooleanSupplier ok, boolean block, long t)
                throws InterruptedException {
            if (ok.getAsBoolean()) {
                return true;
            }
            if (!block) {
                return false;
            }
            long deadline = System.nanoTime() + t;
            while (!ok.getAsBoolean()) {
                if (t < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            return true;
        }

        @Override
        public synchronized int summarize(List<String[]> out, int limit) {
            int i = 0;
            for (Iterator<Object> it = items.iterator(); it.hasNext() && out.size() < limit; i++) {
                out.add(new String[] {Integer.toString(i), text(it.next())});
            }
            return items.size();
        }

        @Override
        public Object target() {
            return items;
        }
    }

    // ---- a user's registered object

    /** A user's object, called by reflection: a public method of that name and arity, if exposed. */
    static final class Reflective implements Referent {
        private static final Map<Class<?>, Map<String, List<Method>>> METHODS = new ConcurrentHashMap<>();
        final Object target;
        final Set<String> exposed;

        Reflective(Object target, Set<String> exposed) {
            this.target = target;
            this.exposed = exposed;
        }

        @Override
        public Object call(String m, Object[] a) throws Exception {
            if (m.equals("__str__") || m.equals("__repr__")) {
                return String.valueOf(target);
            }
            if (m.equals("_getvalue")) {
                return target;
            }
            String type = target.getClass().getSimpleName();
            if (exposed != null && !exposed.contains(m)) {
                throw new AttributeException("method '" + m + "' of '" + type + "' object is not in exposed="
                        + exposed);
            }
            List<Method> candidates = methods(target.getClass()).get(m);
            if (candidates == null) {
                throw noMethod(type, m);
            }
            for (Method method : candidates) {
                if (method.getParameterCount() == a.length && fits(method.getParameterTypes(), a)) {
                    try {
                        return method.invoke(target, a);
                    } catch (InvocationTargetException e) {
                        Throwable c = e.getCause();
                        if (c instanceof Exception ex) {
                            throw ex;
                        }
                        throw (Error) c;
                    }
                }
            }
            throw new AttributeException("no method '" + m + "' of '" + type + "' takes these arguments: count="
                    + a.length);
        }

        private static Map<String, List<Method>> methods(Class<?> c) {
            return METHODS.computeIfAbsent(c, k -> {
                Map<String, List<Method>> byName = new HashMap<>();
                for (Method m : k.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class) {
                        try {
                            m.setAccessible(true); // a public method of a non-public class
                        } catch (RuntimeException e) {
                            // a module's class that is not open: its public methods of public types still work
                        }
                        byName.computeIfAbsent(m.getName(), n -> new ArrayList<>()).add(m);
                    }
                }
                return byName;
            });
        }

        private static boolean fits(Class<?>[] types, Object[] a) {
            for (int i = 0; i < types.length; i++) {
                Class<?> t = types[i].isPrimitive() ? box(types[i]) : types[i];
                if (a[i] != null && !t.isInstance(a[i])) {
                    return false;
                }
                if (a[i] == null && types[i].isPrimitive()) {
                    return false;
                }
            }
            return true;
        }

        private static Class<?> box(Class<?> p) {
            return java.lang.invoke.MethodType.methodType(p).wrap().returnType();
        }

        @Override
        public int summarize(List<String[]> out, int limit) {
            out.add(new String[] {"repr", text(target)});
            return -1;
        }

        @Override
        public Object target() {
            return target;
        }
    }
}
