package io.mpscope.multiprocessing.observe;

import java.util.List;

/**
 * One queue or pipe direction of a session at one moment, read without taking its locks or consuming anything.
 * Immutable. Rates come from two snapshots: (puts2 - puts1) / dt.
 *
 * @param id        its directory id
 * @param kind      QUEUE, SIMPLE_QUEUE, JOINABLE_QUEUE or PIPE (one direction)
 * @param name      the program's name for it, or a default like {@code Queue-4}
 * @param items     items waiting in shared memory (not counting those still in a producer's feeder)
 * @param bytes     bytes of records waiting in the ring
 * @param capacity  bytes of the ring
 * @param maxsize   the bound in items (0: unbounded)
 * @param puts      items put since it was made
 * @param gets      items taken since it was made
 * @param bytesIn   payload bytes put
 * @param bytesOut  payload bytes taken
 * @param unfinished JoinableQueue: tasks put and not yet marked done
 * @param waiters   threads blocked on it (get, put, join, or on one of its locks: acquire), longest first
 * @param peek      the first items (up to the number asked), as short text, oldest first
 * @param writers   Pipe: live processes holding the sending end
 * @param readers   Pipe: live processes holding the receiving end
 */
public record QueueSnapshot(int id, PrimitiveKind kind, String name, long items, long bytes, int capacity,
                            int maxsize, long puts, long gets, long bytesIn, long bytesOut, long unfinished,
                            List<PrimitiveSnapshot.Waiter> waiters, List<String> peek, int writers, int readers) {
}
