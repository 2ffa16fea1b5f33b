package io.mpscope.multiprocessing.shm;

import static io.mpscope.multiprocessing.shm.QueueLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A queue's header layout: no overlaps, alignment, and the cache-line split that keeps a producer and a consumer
 * from writing the same line on every item.
 */
class QueueLayoutTest {
    record Field(String name, int offset, int width) {
        int line() {
            return offset / 64;
        }
    }

    private static final Field TAIL = new Field("tail", TAIL_OFFSET, 8);
    private static final Field PUTS = new Field("puts", PUTS_OFFSET, 8);
    private static final Field BYTES_IN = new Field("bytesIn", BYTES_IN_OFFSET, 8);
    private static final Field HEAD = new Field("head", HEAD_OFFSET, 8);
    private static final Field GETS = new Field("gets", GETS_OFFSET, 8);
    private static final Field BYTES_OUT = new Field("bytesOut", BYTES_OUT_OFFSET, 8);
    private static final Field TASKS_PUT = new Field("tasksPut", TASKS_PUT_OFFSET, 8);
    private static final Field TASKS_DONE = new Field("tasksDone", TASKS_DONE_OFFSET, 8);

    private static final List<Field> FIELDS = List.of(
            new Field("capacity", CAPACITY_OFFSET, 4), new Field("maxsize", MAXSIZE_OFFSET, 4),
            new Field("flags", FLAGS_OFFSET, 4), TAIL, PUTS, BYTES_IN, HEAD, GETS, BYTES_OUT,
            new Field("notFullWaiters", NOT_FULL_WAITERS_OFFSET, 4), new Field("spaceSeq", SPACE_SEQ_OFFSET, 4),
            new Field("spacePending", SPACE_PENDING_OFFSET, 4), new Field("notEmptySeq", NOT_EMPTY_SEQ_OFFSET, 4),
            new Field("notEmptyWaiters", NOT_EMPTY_WAITERS_OFFSET, 4),
            new Field("notEmptyPending", NOT_EMPTY_PENDING_OFFSET, 4),
            new Field("spaceWakerCpu", SPACE_WAKER_CPU_OFFSET, 4),
            new Field("notEmptyWakerCpu", NOT_EMPTY_WAKER_CPU_OFFSET, 4),
            new Field("putLock", PUT_LOCK_OFFSET, 64), new Field("getLock", GET_LOCK_OFFSET, 64), TASKS_PUT,
            TASKS_DONE, new Field("allDoneSeq", ALL_DONE_SEQ_OFFSET, 4),
            new Field("allDoneWaiters", ALL_DONE_WAITERS_OFFSET, 4),
            new Field("pendingWriters", PENDING_WRITERS_OFFSET, 4),
            new Field("pendingReaders", PENDING_READERS_OFFSET, 4),
            new Field("writers", WRITERS_OFFSET, 8 * END_ROWS), new Field("readers", READERS_OFFSET, 8 * END_ROWS));

    @Test
    void fieldsAreAlignedDoNotOverlapAndFitTheHeader() {
        List<Field> sorted = new ArrayList<>(FIELDS);
        sorted.sort(Comparator.comparingInt(Field::offset));
        for (int i = 0; i < sorted.size(); i++) {
            Field f = sorted.get(i);
            assertEquals(0, f.offset % Math.min(8, f.width), f.name + " is not naturally aligned");
            assertTrue(f.offset + f.width <= HEADER_LENGTH, f.name + " runs past the header");
            if (i + 1 < sorted.size()) {
                assertTrue(f.offset + f.width <= sorted.get(i + 1).offset, f.name + " overlaps " + sorted.get(i + 1).name);
            }
        }
    }

    @Test
    void theProducersAndTheConsumersWordsAreOnLinesOfTheirOwn() {
        assertEquals(Set.of(TAIL.line()), Stream.of(TAIL, PUTS, BYTES_IN).map(Field::line).collect(Collectors.toSet()));
        assertEquals(Set.of(HEAD.line()), Stream.of(HEAD, GETS, BYTES_OUT).map(Field::line).collect(Collectors.toSet()));
        assertNotEquals(TAIL.line(), HEAD.line());
        assertNotEquals(TASKS_PUT.line(), TASKS_DONE.line());
        Set<Integer> shared = FIELDS.stream()
                .filter(f -> f != TAIL && f != PUTS && f != BYTES_IN && f != HEAD && f != GETS && f != BYTES_OUT)
                .map(Field::line).collect(Collectors.toSet());
        assertTrue(!shared.contains(TAIL.line()) && !shared.contains(HEAD.line()),
                "another word shares the tail's or the head's line");
    }

    @Test
    void aRecordIsEightAlignedAndLargeItemsLeaveTheRing() {
        assertEquals(8, recordLength(0));
        assertEquals(16, recordLength(1));
        assertEquals(16, recordLength(8));
        assertEquals(DEFAULT_CAPACITY / 8 - RECORD_HEADER, maxInline(DEFAULT_CAPACITY));
    }
}
