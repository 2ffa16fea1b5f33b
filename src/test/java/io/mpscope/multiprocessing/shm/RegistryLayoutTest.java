package io.mpscope.multiprocessing.shm;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session registry's byte layout: alignment of atomic words, no overlaps, bounds, page-aligned tails. */
class RegistryLayoutTest {

    /** A field of the slot: offset, width, and whether it is accessed as an atomic word. */
    record Field(String name, int offset, int width) {
    }

    private static final List<Field> SLOT_FIELDS = List.of(
            new Field("state", STATE_OFFSET, 4),
            new Field("generation", GENERATION_OFFSET, 4),
            new Field("pid", PID_OFFSET, 8),
            new Field("startTicks", START_TICKS_OFFSET, 8),
            new Field("parentSlot", PARENT_SLOT_OFFSET, 4),
            new Field("flags", FLAGS_OFFSET, 4),
            new Field("created", CREATED_OFFSET, 8),
            new Field("started", STARTED_OFFSET, 8),
            new Field("heartbeat", HEARTBEAT_OFFSET, 8),
            new Field("exitCode", EXIT_CODE_OFFSET, 4),
            new Field("exitKind", EXIT_KIND_OFFSET, 4),
            new Field("exitMillis", EXIT_MILLIS_OFFSET, 8),
            new Field("claimerPid", CLAIMER_PID_OFFSET, 8),
            new Field("name", NAME_OFFSET, NAME_LENGTH),
            new Field("identity", IDENTITY_OFFSET, IDENTITY_LENGTH),
            new Field("stdoutWritten", STDOUT_WRITTEN_OFFSET, 8),
            new Field("stderrWritten", STDERR_WRITTEN_OFFSET, 8));

    private static final List<Field> HEADER_FIELDS = List.of(
            new Field("magic", MAGIC_OFFSET, 8),
            new Field("version", VERSION_OFFSET, 4),
            new Field("slotCount", SLOT_COUNT_OFFSET, 4),
            new Field("rootPid", ROOT_PID_OFFSET, 8),
            new Field("rootStartTicks", ROOT_START_TICKS_OFFSET, 8),
            new Field("created", CREATED_MILLIS_OFFSET, 8),
            new Field("command", COMMAND_OFFSET, COMMAND_LENGTH),
            new Field("arenaNext", ARENA_NEXT_OFFSET, 8),
            new Field("bigNext", BIG_NEXT_OFFSET, 4),
            new Field("primitiveNext", PRIMITIVE_NEXT_OFFSET, 4));

    private static final List<Field> PRIMITIVE_FIELDS = List.of(
            new Field("state", P_STATE_OFFSET, 4),
            new Field("kind", P_KIND_OFFSET, 4),
            new Field("segment", P_SEGMENT_OFFSET, 4),
            new Field("offset", P_BLOCK_OFFSET, 4),
            new Field("length", P_LENGTH_OFFSET, 4),
            new Field("creatorSlot", P_CREATOR_SLOT_OFFSET, 4),
            new Field("created", P_CREATED_OFFSET, 8),
            new Field("lockRef", P_LOCK_REF_OFFSET, 4),
            new Field("extra", P_EXTRA_OFFSET, 4),
            new Field("count", P_COUNT_OFFSET, 4),
            new Field("name", P_NAME_OFFSET, P_NAME_LENGTH));

    private static final List<Field> WAITER_FIELDS = List.of(
            new Field("state", W_STATE_OFFSET, 4),
            new Field("primitive", W_PRIMITIVE_OFFSET, 4),
            new Field("waiterId", W_WAITER_ID_OFFSET, 8),
            new Field("since", W_SINCE_OFFSET, 8),
            new Field("kind", W_KIND_OFFSET, 4),
            new Field("thread", W_THREAD_OFFSET, W_THREAD_LENGTH));

    @Test
    void atomicWordsAreNaturallyAligned() {
        for (List<Field> fields : List.of(SLOT_FIELDS, HEADER_FIELDS, PRIMITIVE_FIELDS, WAITER_FIELDS)) {
            for (Field f : fields) {
                int align = f.width() == 8 ? 8 : 4; // strings start with an int length
                assertEquals(0, f.offset() % align, f.name() + " at " + f.offset());
            }
        }
        // Slots and the table start on cache-line and page boundaries, so absolute addresses keep the alignment.
        assertEquals(0, SLOT_LENGTH % 64);
        assertEquals(0, TABLE_OFFSET % 4096);
        assertEquals(0, TAILS_OFFSET % 4096);
        assertEquals(0, TAIL_LENGTH % 4096);
    }

    @Test
    void fieldsDoNotOverlapAndFitTheirArea() {
        assertNoOverlap(SLOT_FIELDS, SLOT_LENGTH);
        assertNoOverlap(HEADER_FIELDS, HEADER_LENGTH);
        assertNoOverlap(PRIMITIVE_FIELDS, PRIMITIVE_LENGTH);
        assertNoOverlap(WAITER_FIELDS, WAITER_LENGTH);
    }

    private static void assertNoOverlap(List<Field> fields, int length) {
        List<Field> sorted = new ArrayList<>(fields);
        sorted.sort(Comparator.comparingInt(Field::offset));
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Field a = sorted.get(i);
            Field b = sorted.get(i + 1);
            assertTrue(a.offset() + a.width() <= b.offset(), a + " overlaps " + b);
        }
        Field last = sorted.get(sorted.size() - 1);
        assertTrue(last.offset() + last.width() <= length, last + " beyond " + length);
    }

    @Test
    void areasFollowEachOther() {
        assertEquals(HEADER_LENGTH, TABLE_OFFSET);
        assertEquals(TABLE_OFFSET + SLOT_COUNT * SLOT_LENGTH, TAILS_OFFSET);
        assertEquals(TAILS_OFFSET + SLOT_COUNT * 2 * TAIL_LENGTH, PRIMITIVES_OFFSET);
        assertEquals(PRIMITIVES_OFFSET + PRIMITIVE_COUNT * PRIMITIVE_LENGTH, WAITERS_OFFSET);
        assertEquals(WAITERS_OFFSET + WAITER_COUNT * WAITER_LENGTH, FILE_LENGTH);
        assertEquals(PRIMITIVES_OFFSET, primitiveOffset(0));
        assertEquals(WAITERS_OFFSET, primitiveOffset(PRIMITIVE_COUNT - 1) + PRIMITIVE_LENGTH);
        assertEquals(0, PRIMITIVES_OFFSET % 4096);
        assertEquals(0, WAITERS_OFFSET % 4096);
        assertEquals(TABLE_OFFSET, slotOffset(0));
        assertEquals(TABLE_OFFSET + (SLOT_COUNT - 1) * SLOT_LENGTH, slotOffset(SLOT_COUNT - 1));
        assertEquals(TAILS_OFFSET, tailOffset(0, STDOUT));
        assertEquals(TAILS_OFFSET + TAIL_LENGTH, tailOffset(0, STDERR));
        assertEquals(PRIMITIVES_OFFSET, tailOffset(SLOT_COUNT - 1, STDERR) + TAIL_LENGTH);
        assertEquals(STDOUT_WRITTEN_OFFSET, writtenOffset(STDOUT));
        assertEquals(STDERR_WRITTEN_OFFSET, writtenOffset(STDERR));
    }

    @Test
    void slotOffsetRejectsOutOfRangeSlots() {
        IndexOutOfBoundsException low = assertThrows(IndexOutOfBoundsException.class, () -> slotOffset(-1));
        assertEquals("slot out of range: slot=-1 count=" + SLOT_COUNT, low.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> slotOffset(SLOT_COUNT));
    }

    @Test
    void magicSpellsMpscope1InFileOrder() {
        byte[] b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(MAGIC).array();
        assertEquals("MPSCOPE1", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void fileNameIsRootPidAndStartTicks() {
        assertEquals("4711-123456.session", fileName(4711, 123456));
    }

    @Test
    void statesFlagsAndExitKindsAreDistinct() {
        assertEquals(5, List.of(FREE, STANDBY, STARTING, RUNNING, EXITED).stream().distinct().count());
        int flags = FLAG_DAEMON | FLAG_READY | FLAG_ORPHANED | FLAG_MAIN;
        assertEquals(4, Integer.bitCount(flags));
        assertEquals(5, List.of(EXIT_NONE, EXIT_RETURNED, EXIT_HOOK, EXIT_SIGNAL, EXIT_REAPED).stream()
                .distinct().count());
    }
}
