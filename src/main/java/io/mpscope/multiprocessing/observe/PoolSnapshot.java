package io.mpscope.multiprocessing.observe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code Pool} of a session at one moment: its workers, its task counts and the progress of its recent calls,
 * read from the pool's status block without taking any lock (see {@code shm.PoolLayout}). Immutable.
 *
 * <p>Task counts are in tasks (items of a map, one per apply), not chunks: {@code queued + running} is what is left,
 * {@code done} includes {@code failed}.
 *
 * @param id              the pool's directory id in its session
 * @param name            the pool's name ({@code Pool-7} unless the program named it)
 * @param ownerPid        pid of the process that made and drives the pool
 * @param state           RUNNING until {@code close()} / {@code terminate()}, then CLOSED / TERMINATED, JOINED after join
 * @param processes       the pool's size
 * @param maxTasksPerChild tasks after which a worker is replaced (0: never)
 * @param tasksSubmitted  tasks handed to the pool so far
 * @param tasksQueued     tasks waiting in the pool for a worker
 * @param tasksRunning    tasks sent to a worker without a result yet
 * @param tasksDone       tasks finished, failed ones included
 * @param tasksFailed     tasks that raised, or whose worker died
 * @param workersStarted  workers started so far, replacements included
 * @param workersLost     workers that died while they held work ({@code WorkerLostException})
 * @param created         when the pool was made
 * @param workers         the current workers and recently ended ones, by row
 * @param calls           the last calls (apply, map, imap, ...), oldest first
 * @param consistent      false if the pool was being updated during every attempt to copy it (counts may disagree)
 * @param taken           when this snapshot was read
 */
public record PoolSnapshot(int id, String name, long ownerPid, State state, int processes, int maxTasksPerChild,
                           long tasksSubmitted, long tasksQueued, long tasksRunning, long tasksDone, long tasksFailed,
                           int workersStarted, int workersLost, Instant created, List<Worker> workers,
                           List<Call> calls, boolean consistent, Instant taken) {

    /** The pool's state. Python: {@code Pool._state} (RUN, CLOSE, TERMINATE). */
    public enum State {
        RUNNING, CLOSED, TERMINATED, JOINED
    }

    /**
     * One worker process of the pool.
     *
     * @param row          its row in the pool's block (a replacement may reuse the row of an ended worker)
     * @param name         its process name, e.g. {@code ForkPoolWorker-3}
     * @param pid          its pid (0 while starting)
     * @param state        STARTING, IDLE (no work in hand), BUSY, EXITED (normally: close, maxtasksperchild) or LOST
     *                     (died with work in hand)
     * @param tasksDone    tasks it finished
     * @param currentCall  the call id of the chunk it works on, if any
     * @param currentTask  index of that chunk's first task within its call (meaningful with {@code currentCall})
     * @param outstanding  chunks sent to it that it has not answered yet (the current one included)
     * @param exitCode     once it ended: 0, N for System.exit(N), -N for signal N
     * @param started      when it was started
     * @param busySince    since when it works on its current chunk
     */
    public record Worker(int row, String name, long pid, WorkerState state, long tasksDone,
                         Optional<Long> currentCall, long currentTask, int outstanding, OptionalInt exitCode,
                         Instant started, Optional<Instant> busySince) {
    }

    /** A worker's state. */
    public enum WorkerState {
        STARTING, IDLE, BUSY, EXITED, LOST
    }

    /**
     * One call on the pool and its progress.
     *
     * @param id        1, 2, ... in the order the calls were made on this pool
     * @param kind      which method made it
     * @param state     RUNNING, DONE or FAILED (the call as a whole: a map with one failed task is FAILED)
     * @param total     tasks in the call; -1 while an imap is still reading its input
     * @param done      tasks finished (failed included)
     * @param failed    tasks that failed
     * @param chunksize tasks per chunk sent to a worker
     * @param started   when the call was made
     * @param ended     when its result was complete
     */
    public record Call(long id, CallKind kind, CallState state, long total, long done, long failed, int chunksize,
                       Instant started, Optional<Instant> ended) {

        /** done / total in [0, 1]; 0 while the total is unknown. */
        public double progress() {
            return total > 0 ? Math.min(1.0, (double) done / total) : total == 0 && state != CallState.RUNNING ? 1 : 0;
        }
    }

    /** The pool method that made a call. Python: apply_async, map_async, imap, imap_unordered, starmap_async. */
    public enum CallKind {
        APPLY, MAP, IMAP, IMAP_UNORDERED, STARMAP
    }

    /** A call's state. */
    public enum CallState {
        RUNNING, DONE, FAILED
    }
}
