package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.PoolLayout.*;

import io.mpscope.multiprocessing.shm.MappedRegion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Copies a pool's status block ({@link io.mpscope.multiprocessing.shm.PoolLayout}) into a {@link PoolSnapshot}, as a
 * sequence-lock reader: retried while the owner writes, never waiting for it.
 */
final class PoolReader {
    private static final int ATTEMPTS = 4;

    private PoolReader() {
    }

    /** The pool in the block at {@code base}, or null if the block does not look like one. */
    static PoolSnapshot read(MappedRegion seg, int base, int blockLength, int id, String name) {
        int workerRows = seg.getIntPlain(base + WORKER_ROWS_OFFSET);
        if (workerRows <= 0 || workerRows > 4096 || length(workerRows) > blockLength
                || (long) base + length(workerRows) > seg.length()) {
            return null; // not initialized yet, or not a pool block
        }
        PoolSnapshot last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int seq = seg.getIntAcquire(base + SEQ_OFFSET);
            PoolSnapshot s = copy(seg, base, workerRows, id, name, (seq & 1) == 0);
            java.lang.invoke.VarHandle.acquireFence(); // the copy's loads are done before seq is read again
            if ((seq & 1) == 0 && seg.getIntAcquire(base + SEQ_OFFSET) == seq) {
                return s;
            }
            last = s;
            Thread.onSpinWait();
        }
        return new PoolSnapshot(last.id(), last.name(), last.ownerPid(), last.state(), last.processes(),
                last.maxTasksPerChild(), last.tasksSubmitted(), last.tasksQueued(), last.tasksRunning(),
                last.tasksDone(), last.tasksFailed(), last.workersStarted(), last.workersLost(), last.created(),
                last.workers(), last.calls(), false, last.taken());
    }

    private static PoolSnapshot copy(MappedRegion seg, int base, int workerRows, int id, String name,
                                     boolean consistent) {
        PoolSnapshot.State state = switch (seg.getIntPlain(base + STATE_OFFSET)) {
            case CLOSE -> PoolSnapshot.State.CLOSED;
            case TERMINATE -> PoolSnapshot.State.TERMINATED;
            case JOINED -> PoolSnapshot.State.JOINED;
            default -> PoolSnapshot.State.RUNNING;
        };
        List<PoolSnapshot.Worker> workers = new ArrayList<>();
        for (int row = 0; row < workerRows; row++) {
            int w = base + workerOffset(row);
            int ws = seg.getIntPlain(w + W_STATE_OFFSET);
            PoolSnapshot.WorkerState wstate = switch (ws) {
                case W_STARTING -> PoolSnapshot.WorkerState.STARTING;
                case W_IDLE -> PoolSnapshot.WorkerState.IDLE;
                case W_BUSY -> PoolSnapshot.WorkerState.BUSY;
                case W_EXITED -> PoolSnapshot.WorkerState.EXITED;
                case W_LOST -> PoolSnapshot.WorkerState.LOST;
                default -> null;
            };
            if (wstate == null) {
                continue;
            }
            long call = seg.getLongPlain(w + W_CURRENT_CALL_OFFSET);
            long busy = seg.getLongPlain(w + W_BUSY_SINCE_OFFSET);
            boolean ended = wstate == PoolSnapshot.WorkerState.EXITED || wstate == PoolSnapshot.WorkerState.LOST;
            workers.add(new PoolSnapshot.Worker(row, seg.getString(w + W_NAME_OFFSET, W_NAME_LENGTH),
                    seg.getLongPlain(w + W_PID_OFFSET), wstate, seg.getLongPlain(w + W_TASKS_DONE_OFFSET),
                    call > 0 ? Optional.of(call) : Optional.empty(), seg.getLongPlain(w + W_CURRENT_TASK_OFFSET),
                    seg.getIntPlain(w + W_OUTSTANDING_OFFSET),
                    ended ? OptionalInt.of(seg.getIntPlain(w + W_EXIT_CODE_OFFSET)) : OptionalInt.empty(),
                    Instant.ofEpochMilli(seg.getLongPlain(w + W_STARTED_MILLIS_OFFSET)),
                    busy > 0 ? Optional.of(Instant.ofEpochMilli(busy)) : Optional.empty()));
        }
        List<PoolSnapshot.Call> calls = new ArrayList<>();
        for (int row = 0; row < CALL_ROWS; row++) {
            int c = base + callOffset(workerRows, row);
            long cid = seg.getLongPlain(c + C_ID_OFFSET);
            if (cid <= 0) {
                continue;
            }
            PoolSnapshot.CallKind kind = switch (seg.getIntPlain(c + C_KIND_OFFSET)) {
                case C_MAP -> PoolSnapshot.CallKind.MAP;
                case C_IMAP -> PoolSnapshot.CallKind.IMAP;
                case C_IMAP_UNORDERED -> PoolSnapshot.CallKind.IMAP_UNORDERED;
                case C_STARMAP -> PoolSnapshot.CallKind.STARMAP;
                default -> PoolSnapshot.CallKind.APPLY;
            };
            PoolSnapshot.CallState cs = switch (seg.getIntPlain(c + C_STATE_OFFSET)) {
                case C_DONE -> PoolSnapshot.CallState.DONE;
                case C_FAILED -> PoolSnapshot.CallState.FAILED;
                default -> PoolSnapshot.CallState.RUNNING;
            };
            long endedAt = seg.getLongPlain(c + C_ENDED_OFFSET);
            calls.add(new PoolSnapshot.Call(cid, kind, cs, seg.getLongPlain(c + C_TOTAL_OFFSET),
                    seg.getLongPlain(c + C_DONE_OFFSET), seg.getLongPlain(c + C_FAILED_OFFSET),
                    seg.getIntPlain(c + C_CHUNKSIZE_OFFSET),
                    Instant.ofEpochMilli(seg.getLongPlain(c + C_STARTED_OFFSET)),
                    endedAt > 0 ? Optional.of(Instant.ofEpochMilli(endedAt)) : Optional.empty()));
        }
        calls.sort(Comparator.comparingLong(PoolSnapshot.Call::id));
        return new PoolSnapshot(id, name, seg.getLongPlain(base + OWNER_PID_OFFSET), state,
                seg.getIntPlain(base + PROCESSES_OFFSET), seg.getIntPlain(base + MAXTASKS_OFFSET),
                seg.getLongPlain(base + TASKS_SUBMITTED_OFFSET), seg.getLongPlain(base + TASKS_QUEUED_OFFSET),
                seg.getLongPlain(base + TASKS_RUNNING_OFFSET), seg.getLongPlain(base + TASKS_DONE_OFFSET),
                seg.getLongPlain(base + TASKS_FAILED_OFFSET), seg.getIntPlain(base + WORKERS_STARTED_OFFSET),
                seg.getIntPlain(base + WORKERS_LOST_OFFSET),
                Instant.ofEpochMilli(seg.getLongPlain(base + CREATED_MILLIS_OFFSET)), List.copyOf(workers),
                List.copyOf(calls), consistent, Instant.now());
    }
}
