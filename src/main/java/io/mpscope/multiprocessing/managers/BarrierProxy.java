package io.mpscope.multiprocessing.managers;

import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A Barrier living in a manager's server.
 *
 * <p>Python: {@code multiprocessing.managers.BarrierProxy} ({@code manager.Barrier(parties)}).
 */
public final class BarrierProxy extends BaseProxy {
    private static final long serialVersionUID = 1L;

    BarrierProxy(Token token, byte[] authkey) {
        super(token, authkey, "Barrier");
    }

    /**
     * Waits for every party; returns this party's index (0 for the last to arrive... as CPython: unique per party).
     *
     * @throws BrokenBarrierException if the barrier is reset, aborted or broken while waiting
     */
    public int await() throws BrokenBarrierException {
        return waitCall(null);
    }

    /** As {@link #await()}; a timeout breaks the barrier. Python: {@code wait(timeout)}. */
    public int await(Duration timeout) throws BrokenBarrierException {
        return waitCall(timeout.toNanos() / 1e9);
    }

    private int waitCall(Double seconds) throws BrokenBarrierException {
        try {
            return this.<Integer>call("wait", seconds);
        } catch (RemoteException e) {
            if (e.getCause() instanceof BrokenBarrierException b) {
                BrokenBarrierException local = new BrokenBarrierException(b.getMessage());
                local.initCause(b);
                throw local;
            }
            throw e;
        }
    }

    /** Python: {@code abort()}. */
    public void abort() {
        call("abort");
    }

    /** Python: {@code reset()}. */
    public void reset() {
        call("reset");
    }

    /** Python: {@code parties}. */
    public int getParties() {
        return this.<Integer>call("parties");
    }

    /** Python: {@code n_waiting}. */
    public int getNumberWaiting() {
        return this.<Integer>call("n_waiting");
    }

    /** Python: {@code broken}. */
    public boolean isBroken() {
        return this.<Boolean>call("broken");
    }
}
