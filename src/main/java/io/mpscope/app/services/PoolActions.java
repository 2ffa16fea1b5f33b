package io.mpscope.app.services;

import java.util.concurrent.CompletableFuture;

/**
 * What the window can do to a pool: only to pools it made itself (it holds their {@code Pool} objects), never to
 * pools of other programs. Each action runs in the background; the future completes when it has been done (not when
 * the workers have started or ended) or fails with the reason.
 */
public interface PoolActions {
    /** No pool can be acted on. */
    PoolActions NONE = new PoolActions() {
        @Override
        public boolean owns(long ownerPid, String poolName) {
            return false;
        }

        @Override
        public CompletableFuture<Void> resize(String poolName, int processes) {
            return CompletableFuture.failedFuture(new IllegalStateException("pool not launched from mpscope: name="
                    + poolName));
        }

        @Override
        public CompletableFuture<Void> restartWorkers(String poolName) {
            return resize(poolName, 0);
        }

        @Override
        public CompletableFuture<Void> terminate(String poolName) {
            return resize(poolName, 0);
        }
    };

    /** Whether the pool {@code poolName} of process {@code ownerPid} was made by this window and is still held. */
    boolean owns(long ownerPid, String poolName);

    /** Grows or shrinks the pool to {@code processes} workers. */
    CompletableFuture<Void> resize(String poolName, int processes);

    /** Replaces each worker after its current chunk. */
    CompletableFuture<Void> restartWorkers(String poolName);

    /** Terminates the pool (its unfinished calls fail) and forgets it. */
    CompletableFuture<Void> terminate(String poolName);
}
