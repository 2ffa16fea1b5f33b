package io.mpscope.multiprocessing;

import io.mpscope.multiprocessing.process.Process;
import io.mpscope.multiprocessing.process.ProcessTarget;

/**
 * The library's API bound to one start method: what it creates starts its processes that way. Later issues add
 * queues, locks and pools to it.
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

    @Override
    public String toString() {
        return "Context[" + getStartMethod().methodName() + "]";
    }
}
