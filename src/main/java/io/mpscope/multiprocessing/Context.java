package io.mpscope.multiprocessing;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessTarget;
import io.mpscope.multiprocessing.sharedctypes.Array;
import io.mpscope.multiprocessing.sharedctypes.TypeCode;
import io.mpscope.multiprocessing.sharedctypes.Value;
import io.mpscope.multiprocessing.synchronize.AbstractLock;
import io.mpscope.multiprocessing.synchronize.Barrier;
import io.mpscope.multiprocessing.synchronize.BoundedSemaphore;
import io.mpscope.multiprocessing.synchronize.Condition;
import io.mpscope.multiprocessing.synchronize.Event;
import io.mpscope.multiprocessing.synchronize.Lock;
import io.mpscope.multiprocessing.synchronize.RLock;
import io.mpscope.multiprocessing.synchronize.Semaphore;
import java.time.Duration;

/**
 * The library's API bound to one start method: what it creates starts its processes that way. Also the factory of
 * the shared primitives ({@code ctx.lock()}, {@code ctx.event()}, {@code ctx.doubleValue(0)}, ...), which any process
 * of the session may use: pass them to a child by capturing them in its target. A name given here is what the app
 * and the observe API show; without one, a primitive is named like {@code Lock-3}.
 *
 * <p>Python: the context objects of {@code multiprocessing.get_context(method)}.
 */
public final class Context {
    private final StartMethod method;

    Context(StartMethod method) {
        this.method = method;
    }

    /** The start method of this context (the default's if it was made by {@code getContext()}). */
    public StartMethod getStartMethod() {
        return method != null ? method : Multiprocessing.getStartMethod();
    }

    /** A process running {@code target}, started with this context's method. Python: {@code ctx.Process(target=f)}. */
    public Process process(ProcessTarget target) {
        return process(null, target);
    }

    /** A process named {@code name} running {@code target}. */
    public Process process(String name, ProcessTarget target) {
        Process p = new Process(name, target);
        p.setStartMethod(method);
        return p;
    }

    /**
     * Starts the standby JVMs of {@link StartMethod#STANDBY} now and waits until they are warm, so the next
     * {@code start()} calls skip JVM start-up. Useful before a latency-sensitive burst. No-op for SPAWN.
     *
     * @return true if the standby JVMs are ready within {@code timeout}
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean prestart(java.time.Duration timeout) throws InterruptedException {
        if (getStartMethod() != StartMethod.STANDBY) {
            return true;
        }
        return io.mpscope.multiprocessing.spawn.Session.prestartStandby(timeout);
    }

    /** A new process-shared lock. Python: {@code ctx.Lock()}. */
    public Lock lock() {
        return Lock.create(null);
    }

    /** A new process-shared lock that observers show as {@code name}. */
    public Lock lock(String name) {
        return Lock.create(name);
    }

    /** A new process-shared recursive lock. Python: {@code ctx.RLock()}. */
    public RLock rLock() {
        return RLock.create(null);
    }

    public RLock rLock(String name) {
        return RLock.create(name);
    }

    /** A new semaphore with {@code value} permits. Python: {@code ctx.Semaphore(value)}. */
    public Semaphore semaphore(int value) {
        return Semaphore.create(null, value);
    }

    public Semaphore semaphore(String name, int value) {
        return Semaphore.create(name, value);
    }

    /** A new semaphore whose release fails above {@code value}. Python: {@code ctx.BoundedSemaphore(value)}. */
    public BoundedSemaphore boundedSemaphore(int value) {
        return BoundedSemaphore.create(null, value);
    }

    public BoundedSemaphore boundedSemaphore(String name, int value) {
        return BoundedSemaphore.create(name, value);
    }

    /** A new condition over a new RLock. Python: {@code ctx.Condition()}. */
    public Condition condition() {
        return Condition.create(null, null);
    }

    /** A new condition over {@code lock} (a Lock or RLock). Python: {@code ctx.Condition(lock)}. */
    public Condition condition(AbstractLock lock) {
        return Condition.create(null, lock);
    }

    public Condition condition(String name, AbstractLock lock) {
        return Condition.create(name, lock);
    }

    /** A new, clear event. Python: {@code ctx.Event()}. */
    public Event event() {
        return Event.create(null);
    }

    public Event event(String name) {
        return Event.create(name);
    }

    /** A new barrier for {@code parties} parties. Python: {@code ctx.Barrier(parties)}. */
    public Barrier barrier(int parties) {
        return Barrier.create(null, parties, null, null);
    }

    /**
     * A new barrier; {@code action} (serializable if the barrier travels to other processes) runs in the last party
     * to arrive; {@code timeout} is the default for {@code await()} (null: none). Python:
     * {@code ctx.Barrier(parties, action, timeout)}.
     */
    public Barrier barrier(String name, int parties, Runnable action, Duration timeout) {
        return Barrier.create(name, parties, action, timeout);
    }

    /** A synchronized shared value of {@code type}. Python: {@code ctx.Value(typecode, value)}. */
    public Value value(TypeCode type, Number initial) {
        return Value.create(null, type, initial, null);
    }

    /** A shared value guarded by {@code lock} (a Lock or RLock). Python: {@code ctx.Value(typecode, value, lock=lock)}. */
    public Value value(String name, TypeCode type, Number initial, AbstractLock lock) {
        return Value.create(name, type, initial, lock);
    }

    /** {@code ctx.Value('i', initial)}. */
    public Value intValue(int initial) {
        return Value.create(null, TypeCode.INT, initial, null);
    }

    /** {@code ctx.Value('q', initial)}. */
    public Value longValue(long initial) {
        return Value.create(null, TypeCode.LONGLONG, initial, null);
    }

    /** {@code ctx.Value('d', initial)}. */
    public Value doubleValue(double initial) {
        return Value.create(null, TypeCode.DOUBLE, initial, null);
    }

    /** A shared value without a lock. Python: {@code ctx.RawValue(typecode, value)}. */
    public Value rawValue(TypeCode type, Number initial) {
        return Value.createRaw(null, type, initial);
    }

    /** A synchronized zeroed array. Python: {@code ctx.Array(typecode, size)}. */
    public Array array(TypeCode type, int length) {
        return Array.create(null, type, length, null, false);
    }

    /** A synchronized array holding {@code values}. Python: {@code ctx.Array('d', values)}. */
    public Array array(TypeCode type, double[] values) {
        return Array.of(null, type, values, null, false);
    }

    /** A synchronized array holding {@code values}. Python: {@code ctx.Array('i', values)}. */
    public Array array(TypeCode type, long[] values) {
        return Array.of(null, type, values, null, false);
    }

    /** {@code ctx.Array('i', length)}. */
    public Array intArray(int length) {
        return Array.create(null, TypeCode.INT, length, null, false);
    }

    /** {@code ctx.Array('d', length)}. */
    public Array doubleArray(int length) {
        return Array.create(null, TypeCode.DOUBLE, length, null, false);
    }

    /** A zeroed array without a lock. Python: {@code ctx.RawArray(typecode, size)}. */
    public Array rawArray(TypeCode type, int length) {
        return Array.create(null, type, length, null, true);
    }

    /** An array without a lock holding {@code values}. Python: {@code ctx.RawArray('h', [1, 2, 3])}. */
    public Array rawArray(TypeCode type, long[] values) {
        return Array.of(null, type, values, null, true);
    }

    /** A new unbounded queue. Python: {@code ctx.Queue()}. */
    public <E> io.mpscope.multiprocessing.queues.Queue<E> queue() {
        return io.mpscope.multiprocessing.queues.Queue.create(null, 0);
    }

    /** A new queue holding at most {@code maxsize} items (0: unbounded). Python: {@code ctx.Queue(maxsize)}. */
    public <E> io.mpscope.multiprocessing.queues.Queue<E> queue(int maxsize) {
        return io.mpscope.multiprocessing.queues.Queue.create(null, maxsize);
    }

    public <E> io.mpscope.multiprocessing.queues.Queue<E> queue(String name, int maxsize) {
        return io.mpscope.multiprocessing.queues.Queue.create(name, maxsize);
    }

    /** A new simple queue. Python: {@code ctx.SimpleQueue()}. */
    public <E> io.mpscope.multiprocessing.queues.SimpleQueue<E> simpleQueue() {
        return io.mpscope.multiprocessing.queues.SimpleQueue.create(null);
    }

    public <E> io.mpscope.multiprocessing.queues.SimpleQueue<E> simpleQueue(String name) {
        return io.mpscope.multiprocessing.queues.SimpleQueue.create(name);
    }

    /** A new unbounded joinable queue. Python: {@code ctx.JoinableQueue()}. */
    public <E> io.mpscope.multiprocessing.queues.JoinableQueue<E> joinableQueue() {
        return io.mpscope.multiprocessing.queues.JoinableQueue.create(null, 0);
    }

    public <E> io.mpscope.multiprocessing.queues.JoinableQueue<E> joinableQueue(String name, int maxsize) {
        return io.mpscope.multiprocessing.queues.JoinableQueue.create(name, maxsize);
    }

    /** A new duplex pipe. Python: {@code ctx.Pipe()}. */
    public io.mpscope.multiprocessing.connection.Pipe pipe() {
        return io.mpscope.multiprocessing.connection.Pipe.create(null, true);
    }

    /** A new pipe; not duplex: {@code conn1} receives, {@code conn2} sends. Python: {@code ctx.Pipe(duplex)}. */
    public io.mpscope.multiprocessing.connection.Pipe pipe(boolean duplex) {
        return io.mpscope.multiprocessing.connection.Pipe.create(null, duplex);
    }

    public io.mpscope.multiprocessing.connection.Pipe pipe(String name, boolean duplex) {
        return io.mpscope.multiprocessing.connection.Pipe.create(name, duplex);
    }

    /** A pool of {@code cpuCount()} workers started with this context's method. Python: {@code ctx.Pool()}. */
    public io.mpscope.multiprocessing.pool.Pool pool() {
        return new io.mpscope.multiprocessing.pool.Pool(io.mpscope.multiprocessing.pool.PoolOptions.defaults(), method);
    }

    /** A pool of {@code processes} workers. Python: {@code ctx.Pool(processes)}. */
    public io.mpscope.multiprocessing.pool.Pool pool(int processes) {
        return new io.mpscope.multiprocessing.pool.Pool(
                io.mpscope.multiprocessing.pool.PoolOptions.defaults().withProcesses(processes), method);
    }

    /**
     * A pool as {@code options} say (size, initializer, maxtasksperchild, name). Python:
     * {@code ctx.Pool(processes, initializer, initargs, maxtasksperchild)}.
     */
    public io.mpscope.multiprocessing.pool.Pool pool(io.mpscope.multiprocessing.pool.PoolOptions options) {
        return new io.mpscope.multiprocessing.pool.Pool(options, method);
    }

    // ---- managers (#6)

    /**
     * Starts a manager's server process ({@code SyncManager-1}, started with this context's method) and returns the
     * manager; close it (try-with-resources) to shut the server down. Python: {@code ctx.Manager()}.
     */
    public io.mpscope.multiprocessing.managers.SyncManager manager() {
        io.mpscope.multiprocessing.managers.SyncManager m = new io.mpscope.multiprocessing.managers.SyncManager(
                io.mpscope.multiprocessing.managers.ManagerOptions.defaults(), this);
        m.start();
        return m;
    }

    @Override
    public String toString() {
        return "Context[" + getStartMethod().methodName() + "]";
    }
}
