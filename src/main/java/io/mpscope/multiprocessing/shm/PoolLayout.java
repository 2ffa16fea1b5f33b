package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a Pool's status block (in a {@link SegmentArena} segment, listed in the session's primitive directory
 * as kind {@code POOL}). One writer: the process that owns the pool, under the pool's own (in-JVM) lock. Observers
 * read it without any lock, as a sequence lock: they read {@code seq} (even), copy the fields, and read {@code seq}
 * again; a change means a write overlapped and the copy is retried. Workers never write here.
 * <pre>
 *  header (HEADER_LENGTH = 128)
 *  offset width field             meaning                                        ordering
 *  0      4     seq               +1 before and +1 after each update (odd: busy)  release stores (writer), acquire loads
 *  4      4     state             RUN, CLOSE, TERMINATE, JOINED                   plain, inside seq
 *  8      4     processes         the pool's size                                 plain, written once
 *  12     4     maxtasks          maxtasksperchild (0: unlimited)                  plain, written once
 *  16     8     ownerPid          pid of the process that made the pool            plain, written once
 *  24     8     tasksSubmitted    tasks (items) handed to the pool                 plain, inside seq
 *  32     8     tasksQueued       tasks not yet sent to a worker                   plain, inside seq
 *  40     8     tasksRunning      tasks sent to a worker, no result yet            plain, inside seq
 *  48     8     tasksDone         tasks finished (with a value or an exception)   plain, inside seq
 *  56     8     tasksFailed       tasks that raised, or whose worker was lost      plain, inside seq
 *  64     4     workersStarted    workers started, replacements included           plain, inside seq
 *  68     4     workersLost       workers that died with work in hand              plain, inside seq
 *  72     8     createdMillis     epoch ms                                         plain, written once
 *  80     4     workerRows        number of worker rows                            plain, written once
 *  84     4     callRows          number of call rows                              plain, written once
 *  88     8     callsStarted      calls made (apply, map, ...): the next call id   plain, inside seq
 *
 *  worker rows, from WORKERS_OFFSET, WORKER_ROW_LENGTH (128) each; a row is reused by a later worker
 *  0      4     state             W_EMPTY, W_STARTING, W_IDLE, W_BUSY, W_EXITED, W_LOST
 *  4      4     exitCode          once W_EXITED or W_LOST (CPython's convention: -N for signal N)
 *  8      8     pid
 *  16     8     tasksDone         tasks this worker finished
 *  24     8     currentCall       call id of the chunk it works on (0: none)
 *  32     8     currentTask       index of that chunk's first task in its call
 *  40     4     outstanding       chunks sent to it without a result yet
 *  44     4     (unused)
 *  48     8     startedMillis     epoch ms
 *  56     8     busySinceMillis   epoch ms the current chunk was started (0: idle)
 *  64     64    name              UTF-8, length-prefixed ({@link MappedRegion#putString})
 *
 *  call rows, from callsOffset(workerRows), CALL_ROW_LENGTH (64) each: the last callRows calls, row = id % callRows
 *  0      8     id                1, 2, ... (0: empty row)
 *  8      4     kind              C_APPLY, C_MAP, C_IMAP, C_IMAP_UNORDERED, C_STARMAP
 *  12     4     state             C_RUNNING, C_DONE, C_FAILED
 *  16     8     total             tasks in the call (-1 while an imap's input is still being read)
 *  24     8     done              tasks finished
 *  32     8     failed            tasks that failed
 *  40     8     startedMillis
 *  48     8     endedMillis       0 while running
 *  56     4     chunksize
 *  60     4     (unused)
 * </pre>
 */
public final class PoolLayout {
    public static final int SEQ_OFFSET = 0;
    public static final int STATE_OFFSET = 4;
    public static final int PROCESSES_OFFSET = 8;
    public static final int MAXTASKS_OFFSET = 12;
    public static final int OWNER_PID_OFFSET = 16;
    public static final int TASKS_SUBMITTED_OFFSET = 24;
    public static final int TASKS_QUEUED_OFFSET = 32;
    public static final int TASKS_RUNNING_OFFSET = 40;
    public static final int TASKS_DONE_OFFSET = 48;
    public static final int TASKS_FAILED_OFFSET = 56;
    public static final int WORKERS_STARTED_OFFSET = 64;
    public static final int WORKERS_LOST_OFFSET = 68;
    public static final int CREATED_MILLIS_OFFSET = 72;
    public static final int WORKER_ROWS_OFFSET = 80;
    public static final int CALL_ROWS_OFFSET = 84;
    public static final int CALLS_STARTED_OFFSET = 88;
    public static final int HEADER_LENGTH = 128;

    public static final int WORKERS_OFFSET = HEADER_LENGTH;
    public static final int WORKER_ROW_LENGTH = 128;
    public static final int W_STATE_OFFSET = 0;
    public static final int W_EXIT_CODE_OFFSET = 4;
    public static final int W_PID_OFFSET = 8;
    public static final int W_TASKS_DONE_OFFSET = 16;
    public static final int W_CURRENT_CALL_OFFSET = 24;
    public static final int W_CURRENT_TASK_OFFSET = 32;
    public static final int W_OUTSTANDING_OFFSET = 40;
    public static final int W_STARTED_MILLIS_OFFSET = 48;
    public static final int W_BUSY_SINCE_OFFSET = 56;
    public static final int W_NAME_OFFSET = 64;
    public static final int W_NAME_LENGTH = 64;

    public static final int CALL_ROW_LENGTH = 64;
    public static final int C_ID_OFFSET = 0;
    public static final int C_KIND_OFFSET = 8;
    public static final int C_STATE_OFFSET = 12;
    public static final int C_TOTAL_OFFSET = 16;
    public static final int C_DONE_OFFSET = 24;
    public static final int C_FAILED_OFFSET = 32;
    public static final int C_STARTED_OFFSET = 40;
    public static final int C_ENDED_OFFSET = 48;
    public static final int C_CHUNKSIZE_OFFSET = 56;

    /** Pool states. */
    public static final int RUN = 0;
    public static final int CLOSE = 1;
    public static final int TERMINATE = 2;
    public static final int JOINED = 3;

    /** Worker row states. */
    public static final int W_EMPTY = 0;
    public static final int W_STARTING = 1;
    public static final int W_IDLE = 2;
    public static final int W_BUSY = 3;
    public static final int W_EXITED = 4;
    public static final int W_LOST = 5;

    /** Call kinds. */
    public static final int C_APPLY = 1;
    public static final int C_MAP = 2;
    public static final int C_IMAP = 3;
    public static final int C_IMAP_UNORDERED = 4;
    public static final int C_STARMAP = 5;

    /** Call states. */
    public static final int C_RUNNING = 1;
    public static final int C_DONE = 2;
    public static final int C_FAILED = 3;

    /** Calls a block remembers. */
    public static final int CALL_ROWS = 32;

    private PoolLayout() {
    }

    /** Worker rows of a pool of {@code processes}: room for replacements that overlap the worker they replace. */
    public static int workerRows(int processes) {
        return processes + Math.max(2, processes);
    }

    public static int workerOffset(int row) {
        return WORKERS_OFFSET + row * WORKER_ROW_LENGTH;
    }

    public static int callsOffset(int workerRows) {
        return WORKERS_OFFSET + workerRows * WORKER_ROW_LENGTH;
    }

    public static int callOffset(int workerRows, int row) {
        return callsOffset(workerRows) + row * CALL_ROW_LENGTH;
    }

    /** Bytes of the block for {@code workerRows} worker rows. */
    public static int length(int workerRows) {
        return callsOffset(workerRows) + CALL_ROWS * CALL_ROW_LENGTH;
    }
}
