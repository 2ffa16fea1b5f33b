package io.mpscope.multiprocessing.observe;

/** The kinds of shared primitive a session's directory lists. */
public enum PrimitiveKind {
    LOCK("Lock"),
    RLOCK("RLock"),
    SEMAPHORE("Semaphore"),
    BOUNDED_SEMAPHORE("BoundedSemaphore"),
    CONDITION("Condition"),
    EVENT("Event"),
    BARRIER("Barrier"),
    VALUE("Value"),
    ARRAY("Array"),
    QUEUE("Queue"),
    SIMPLE_QUEUE("SimpleQueue"),
    JOINABLE_QUEUE("JoinableQueue"),
    /** One direction of a Pipe (a duplex pipe has two). */
    PIPE("Pipe"),
    /** A Pool's status block (workers, task counts, calls); not a primitive a program uses: see {@code Observer.pools}. */
    POOL("Pool"),
    /** A manager's summary block (read by {@code Observer.managers}, not listed as a primitive). */
    MANAGER("Manager");

    private final String pythonName;

    PrimitiveKind(String pythonName) {
        this.pythonName = pythonName;
    }

    /** CPython's class name: {@code Lock}, {@code BoundedSemaphore}, ... */
    public String pythonName() {
        return pythonName;
    }

    /** The code stored in the registry's primitive directory. */
    public int code() {
        return ordinal() + 1;
    }

    /** The kind with directory code {@code code}, or null for an unknown code. */
    public static PrimitiveKind ofCode(int code) {
        PrimitiveKind[] all = values();
        return code >= 1 && code <= all.length ? all[code - 1] : null;
    }
}
