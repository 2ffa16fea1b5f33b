package io.mpscope.app.services;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the locks and semaphore permits that processes hold, for the warning before they are terminated or
 * killed. Returns at once; the read runs off the FX thread. Best effort: a failed read completes with an empty list.
 */
@FunctionalInterface
public interface HeldLocks {
    /** Finds nothing (no primitives are observed). */
    HeldLocks NONE = targets -> CompletableFuture.completedFuture(List.of());

    /** What {@code targets} hold now, holder by holder in the order of {@code targets}. */
    CompletableFuture<List<HeldLock>> find(List<ActionTarget> targets);
}
