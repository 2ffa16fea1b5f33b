package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.PoolLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mpscope.multiprocessing.shm.MappedRegion;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a pool's status block: fields, rows, and the sequence lock (a block being written reads as such). */
class PoolReaderTest {
    @TempDir
    Path tmp;

    @Test
    void layoutRowsDoNotOverlap() {
        int rows = workerRows(4);
        assertEquals(8, rows);
        assertTrue(W_NAME_OFFSET + W_NAME_LENGTH <= WORKER_ROW_LENGTH);
        assertTrue(C_CHUNKSIZE_OFFSET + 4 <= CALL_ROW_LENGTH);
        assertTrue(CALLS_STARTED_OFFSET + 8 <= HEADER_LENGTH);
        assertEquals(callsOffset(rows) + CALL_ROWS * CALL_ROW_LENGTH, length(rows));
        assertEquals(workerOffset(rows), callsOffset(rows));
    }

    @Test
    void readsHeaderWorkersAndCalls() throws Exception {
        int rows = workerRows(2);
        Path file = tmp.resolve("pool");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length(rows) + 64);
        }
        MappedRegion r = MappedRegion.openReadWrite(file, length(rows) + 64);
        int base = 64;
        assertNull(PoolReader.read(r, base, length(rows), 3, "p"), "an uninitialized block is not a pool");
        r.setIntPlain(base + PROCESSES_OFFSET, 2);
        r.setLongPlain(base + OWNER_PID_OFFSET, 4711);
        r.setLongPlain(base + TASKS_SUBMITTED_OFFSET, 10);
        r.setLongPlain(base + TASKS_QUEUED_OFFSET, 5);
        r.setLongPlain(base + TASKS_RUNNING_OFFSET, 2);
        r.setLongPlain(base + TASKS_DONE_OFFSET, 3);
        r.setLongPlain(base + TASKS_FAILED_OFFSET, 1);
        r.setIntPlain(base + STATE_OFFSET, CLOSE);
        r.setIntPlain(base + WORKERS_LOST_OFFSET, 1);
        r.setIntRelease(base + WORKER_ROWS_OFFSET, rows);
        int w = base + workerOffset(1);
        r.setIntPlain(w + W_STATE_OFFSET, W_BUSY);
        r.setLongPlain(w + W_PID_OFFSET, 99);
        r.setLongPlain(w + W_CURRENT_CALL_OFFSET, 7);
        r.setLongPlain(w + W_CURRENT_TASK_OFFSET, 4);
        r.setLongPlain(w + W_BUSY_SINCE_OFFSET, 1000);
        r.putString(w + W_NAME_OFFSET, W_NAME_LENGTH, "ForkPoolWorker-2");
        int lost = base + workerOffset(0);
        r.setIntPlain(lost + W_STATE_OFFSET, W_LOST);
        r.setIntPlain(lost + W_EXIT_CODE_OFFSET, -9);
        int c = base + callOffset(rows, 7 % CALL_ROWS);
        r.setLongPlain(c + C_ID_OFFSET, 7);
        r.setIntPlain(c + C_KIND_OFFSET, C_IMAP_UNORDERED);
        r.setIntPlain(c + C_STATE_OFFSET, C_RUNNING);
        r.setLongPlain(c + C_TOTAL_OFFSET, 10);
        r.setLongPlain(c + C_DONE_OFFSET, 4);
        r.setIntPlain(c + C_CHUNKSIZE_OFFSET, 1);

        PoolSnapshot s = PoolReader.read(r, base, length(rows), 3, "p");
        assertTrue(s.consistent());
        assertEquals(PoolSnapshot.State.CLOSED, s.state());
        assertEquals(4711, s.ownerPid());
        assertEquals(10, s.tasksSubmitted());
        assertEquals(1, s.tasksFailed());
        assertEquals(2, s.workers().size());
        PoolSnapshot.Worker busy = s.workers().get(1);
        assertEquals("ForkPoolWorker-2", busy.name());
        assertEquals(PoolSnapshot.WorkerState.BUSY, busy.state());
        assertEquals(Optional.of(7L), busy.currentCall());
        assertEquals(4, busy.currentTask());
        assertFalse(busy.exitCode().isPresent());
        assertEquals(-9, s.workers().get(0).exitCode().getAsInt());
        PoolSnapshot.Call call = s.calls().get(0);
        assertEquals(PoolSnapshot.CallKind.IMAP_UNORDERED, call.kind());
        assertEquals(0.4, call.progress(), 1e-9);
        assertFalse(call.ended().isPresent());

        r.setIntRelease(base + SEQ_OFFSET, 1); // the owner is writing, and stays so
        assertFalse(PoolReader.read(r, base, length(rows), 3, "p").consistent());
    }
}
