package io.mpscope.multiprocessing.managers;

import io.mpscope.multiprocessing.Context;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manager {@code ctx.manager()} returns: its server owns dicts, lists, Namespaces, queues and synchronization
 * objects, and hands out proxies to them ({@link DictProxy} is a {@link Map}, {@link ListProxy} a {@link List}).
 * Proxies may be passed to child processes and put inside other managed objects.
 *
 * <p>Python: {@code multiprocessing.managers.SyncManager}.
 */
public class SyncManager extends BaseManager {
    static final List<String> BUILT_IN = List.of("dict", "list", "Namespace", "Lock", "RLock", "Semaphore",
            "BoundedSemaphore", "Condition", "Event", "Barrier", "Queue", "JoinableQueue", "Value", "Array");

    /** A manager on a private Unix socket with the process's authkey; call {@link #start()}. */
    public SyncManager() {
        this(ManagerOptions.defaults(), null);
    }

    /** A manager with {@code options}, whose server starts with {@code context}'s method (null: the default). */
    public SyncManager(ManagerOptions options, Context context) {
        super(options, context);
        for (String typeid : BUILT_IN) {
            register(new Registration(typeid, null, null, null, null));
        }
    }

    /** A new empty dict. Python: {@code manager.dict()}. */
    @SuppressWarnings("unchecked")
    public <K, V> DictProxy<K, V> dict() {
        return (DictProxy<K, V>) create("dict");
    }

    /** A new dict holding {@code initial}'s entries. Python: {@code manager.dict(mapping)}. */
    @SuppressWarnings("unchecked")
    public <K, V> DictProxy<K, V> dict(Map<? extends K, ? extends V> initial) {
        return (DictProxy<K, V>) create("dict", new LinkedHashMap<>(initial));
    }

    /** A new empty list. Python: {@code manager.list()}. */
    @SuppressWarnings("unchecked")
    public <E> ListProxy<E> list() {
        return (ListProxy<E>) create("list");
    }

    /** A new list holding {@code initial}'s items (proxies among them stay proxies). Python: {@code manager.list(seq)}. */
    @SuppressWarnings("unchecked")
    public <E> ListProxy<E> list(Collection<? extends E> initial) {
        return (ListProxy<E>) create("list", new ArrayList<>(initial));
    }

    /** A new Namespace. Python: {@code manager.Namespace()}. */
    public NamespaceProxy namespace() {
        return (NamespaceProxy) create("Namespace");
    }

    /** A new lock in the server. Python: {@code manager.Lock()}. */
    public AcquirerProxy lock() {
        return (AcquirerProxy) create("Lock");
    }

    /** Python: {@code manager.RLock()}. */
    public AcquirerProxy rLock() {
        return (AcquirerProxy) create("RLock");
    }

    /** Python: {@code manager.Semaphore(value)}. */
    public AcquirerProxy semaphore(int value) {
        return (AcquirerProxy) create("Semaphore", value);
    }

    /** Python: {@code manager.BoundedSemaphore(value)}. */
    public AcquirerProxy boundedSemaphore(int value) {
        return (AcquirerProxy) create("BoundedSemaphore", value);
    }

    /** A condition over a new server-side RLock. Python: {@code manager.Condition()}. */
    public ConditionProxy condition() {
        return (ConditionProxy) create("Condition");
    }

    /** A condition over {@code rLock}, an RLock of this manager. Python: {@code manager.Condition(lock)}. */
    public ConditionProxy condition(AcquirerProxy rLock) {
        if (!"RLock".equals(rLock.token().typeid())) {
            throw new IllegalArgumentException("a manager Condition takes an RLock of the same manager: typeid="
                    + rLock.token().typeid());
        }
        return (ConditionProxy) create("Condition", rLock);
    }

    /** Python: {@code manager.Event()}. */
    public EventProxy event() {
        return (EventProxy) create("Event");
    }

    /** Python: {@code manager.Barrier(parties)}. */
    public BarrierProxy barrier(int parties) {
        return (BarrierProxy) create("Barrier", parties);
    }

    /** A new unbounded queue. Python: {@code manager.Queue()}. */
    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> queue() {
        return (QueueProxy<E>) create("Queue", 0);
    }

    /** Python: {@code manager.Queue(maxsize)}. */
    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> queue(int maxsize) {
        return (QueueProxy<E>) create("Queue", maxsize);
    }

    /** Python: {@code manager.JoinableQueue()}. */
    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> joinableQueue() {
        return (QueueProxy<E>) create("JoinableQueue", 0);
    }

    /** Python: {@code manager.JoinableQueue(maxsize)}. */
    @SuppressWarnings("unchecked")
    public <E> QueueProxy<E> joinableQueue(int maxsize) {
        return (QueueProxy<E>) create("JoinableQueue", maxsize);
    }

    /** Python: {@code manager.Value(typecode, value)}. */
    @SuppressWarnings("unchecked")
    public <T extends Number> ValueProxy<T> value(TypeCode type, T initial) {
        return (ValueProxy<T>) create("Value", String.valueOf(type.code()), initial);
    }

    /** Python: {@code manager.Array(typecode, sequence)}. */
    public ArrayProxy array(TypeCode type, List<? extends Number> values) {
        return (ArrayProxy) create("Array", String.valueOf(type.code()), new ArrayList<>(values));
    }
}
