package io.mpscope.multiprocessing.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One shared primitive of a session at one moment, read without taking its lock. Immutable. Which fields mean
 * something depends on the kind; the others are zero, empty or false.
 *
 * @param id            its index in the session's primitive directory (stable for the session)
 * @param kind          Lock, RLock, Semaphore, ...
 * @param name          the program's name for it ({@code ctx.lock("printer")}) or a default like {@code Lock-3}
 * @param creatorSlot   the registry slot of the process that made it
 * @param created       when it was made
 * @param owner         Lock/RLock: the thread holding it
 * @param recursion     RLock: how many times the owner holds it
 * @param heldFor       Lock/RLock: how long the owner has held it; when the owner took it without waiting this is
 *                      measured from the first snapshot that saw that owner (a lower bound)
 * @param waiters       threads blocked on it now (acquire, condition wait, event wait, barrier), longest first
 * @param value         Semaphore: free permits; Barrier: parties inside await; Condition: threads waiting
 * @param maxValue      BoundedSemaphore: its maximum; Semaphore: -1 (unbounded); Barrier: parties
 * @param flag          Event: set; Barrier: broken
 * @param holders       Semaphore: the processes that hold permits (count = net permits taken); Barrier: the parties
 *                      inside await
 * @param lockRef       Condition, Barrier, Value, Array: the id of its lock (or a Barrier's condition); -1 if none
 * @param typeCode      Value/Array: CPython's typecode letter, else empty
 * @param length        Array: its length; Value: 1
 * @param contents      Value/Array: its contents as short text ({@code 3.5}, {@code [1, 2, 3, ... 997 more]})
 * @param recoveries    Lock/RLock: takeovers from a dead owner; Semaphore: permits returned from dead holders
 * @param deadOwner     Lock/RLock: the owner the last takeover was from; Barrier: the party whose death broke it
 * @param recoveredAt   Lock/RLock: when the last takeover happened
 * @param recovered     Lock/RLock: the current holding was taken over from a dead owner (data may be inconsistent)
 * @param contended     how many times a thread had to wait for it (Lock, RLock, Semaphore); Event: how many sets;
 *                      Condition: signals that woke someone; Barrier: cycles completed
 */
public record PrimitiveSnapshot(int id, PrimitiveKind kind, String name, int creatorSlot, Instant created,
                                Optional<Party> owner, int recursion, Optional<Duration> heldFor,
                                List<Waiter> waiters, long value, long maxValue, boolean flag, List<Party> holders,
                                int lockRef, String typeCode, int length, String contents, int recoveries,
                                Optional<Party> deadOwner, Optional<Instant> recoveredAt, boolean recovered,
                                long contended) {

    /**
     * A thread (or, for semaphore holders and barrier parties, a process) that holds or waits for a primitive.
     *
     * @param slot     its process's registry slot
     * @param pid      its process's pid (0 if unknown)
     * @param process  its process's name
     * @param threadId the thread's id in its JVM (0 for a whole process)
     * @param thread   the thread's name when known (waiters), else empty
     * @param alive    whether its process is alive (same pid and start time); a dead owner is a stale lock
     * @param count    semaphore holders: net permits held; otherwise 1
     */
    public record Party(int slot, long pid, String process, long threadId, String thread, boolean alive, int count) {
        /** "Process-2 (pid 4711)" */
        public String label() {
            return process + " (pid " + pid + ")";
        }
    }

    /**
     * A thread blocked on a primitive.
     *
     * @param party   who waits
     * @param kind    what for: {@code acquire}, {@code wait} (condition), {@code event}, {@code barrier}
     * @param waiting how long it has waited
     */
    public record Waiter(Party party, String kind, Duration waiting) {
    }
}
