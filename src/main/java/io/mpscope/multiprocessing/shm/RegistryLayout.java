package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a session registry file ({@code <runtime dir>/<rootPid>-<rootStartTicks>.session}).
 *
 * <p>The file is created complete (header written) under a temporary name and renamed into place, so an
 * observer never sees half a header. It is sparse on tmpfs: untouched output tails cost no memory.
 * <pre>
 * file:   [ header 4096 B ][ process table: SLOT_COUNT x 256 B ][ output tails: SLOT_COUNT x 2 x TAIL_LENGTH ]
 *         [ primitive directory: PRIMITIVE_COUNT x 128 B ][ waiter table: WAITER_COUNT x 64 B ]
 *
 * The primitives' own words live in segment files beside the registry ({@code <sessionId>-<k>.seg}, see
 * {@link SegmentArena}); the directory says where.
 *
 * header
 *  offset width field            written by        ordering
 *  0      8     magic "MPSCOPE1" creator           before the rename that publishes the file
 *  8      4     layoutVersion    creator           "
 *  12     4     slotCount        creator           "
 *  16     8     rootPid          creator           "
 *  24     8     rootStartTicks   creator           "
 *  32     8     createdMillis    creator           "   (epoch ms)
 *  64     260   command          creator           "   (int length + UTF-8: the root's main class or jar)
 *  328    8     arenaNext        any member        getAndAdd: bytes handed out of the arena segments
 *  336    4     bigNext          any member        getAndAdd: number of dedicated (large) segments made
 *  340    4     primitiveNext    any member        getAndAdd: directory entries handed out
 *
 * process slot (one per process, reused after exit; hot words of one slot share its own cache lines)
 *  offset width field            written by                       ordering
 *  0      4     state            claimer CAS, then owners         CAS FREE->STANDBY|STARTING; release stores after
 *  4      4     generation       claimer, +1 per claim            plain, before the claiming CAS is published
 *  8      8     pid              launcher (the parent)            plain, then release store of state
 *  16     8     startTicks       launcher                         "   (/proc/pid/stat field 22: pid + ticks = identity)
 *  24     4     parentSlot       claimer (-1 = none)              "
 *  28     4     flags            anyone: DAEMON|READY|ORPHANED|MAIN   atomic OR
 *  32     8     createdMillis    claimer                          plain
 *  40     8     startedMillis    launcher                         plain
 *  48     8     heartbeatMillis  the process itself, every second release
 *  56     4     exitCode         child (its own record) / parent (final)   plain, then release of exitKind
 *  60     4     exitKind         NONE|RETURNED|EXIT_HOOK|SIGNAL|REAPED     release
 *  64     8     exitMillis       whoever writes exitKind          plain
 *  72     8     claimerPid       claimer                          plain (a dead claimer's STARTING slot is reclaimable)
 *  96     64    name             claimer / launcher               string field: int length + UTF-8
 *  160    32    identity         claimer                          string field, e.g. "1:2"
 *  192    8     stdoutWritten    launcher's output pump           release, after the bytes (total ever written)
 *  200    8     stderrWritten    launcher's output pump           release, after the bytes
 *  208    48    reserved
 *
 * primitive directory entry (one per Lock, Semaphore, ... of the session; never reused within a session)
 *  offset width field            written by        ordering
 *  0      4     state            creator           release store of LIVE after every other field (0 = being written)
 *  4      4     kind             creator           plain  (PrimitiveKind ordinal + 1)
 *  8      4     segment          creator           plain  (arena segment k >= 0; dedicated segment -(k+1))
 *  12     4     offset           creator           plain  (byte offset of the block in that segment)
 *  16     4     length           creator           plain  (block length in bytes)
 *  20     4     creatorSlot      creator           plain
 *  24     8     createdMillis    creator           plain
 *  32     4     lockRef          creator           plain  (directory index of its lock: Condition, Value, Array; -1)
 *  36     4     extra            creator           plain  (typecode of a Value/Array, 0 otherwise)
 *  40     4     count            creator           plain  (Array length, Barrier parties, Semaphore maximum)
 *  48     80    name             creator           string field
 *
 * waiter entry (a thread blocked on a primitive: written only on slow paths, so fast paths stay free of it)
 *  0      4     state            the waiter        CAS FREE->CLAIMED, fields, release store of LIVE; FREE when done
 *  4      4     primitive        the waiter        plain  (directory index)
 *  8      8     waiterId         the waiter        plain  (owner-style id: slot+1 | generation | thread id)
 *  16     8     sinceNanos       the waiter        plain  (System.nanoTime: CLOCK_MONOTONIC, machine-wide on Linux)
 *  24     4     kind             the waiter        plain  (WAIT_ACQUIRE, WAIT_CONDITION, WAIT_EVENT, WAIT_BARRIER,
 *                                                    WAIT_GET, WAIT_PUT, WAIT_JOIN)
 *  32     32    thread           the waiter        string field: the thread's name
 *
 * output tail i (stream s: 0 stdout, 1 stderr) at TAILS_OFFSET + (slot*2 + s) * TAIL_LENGTH: a byte ring;
 * byte n of the stream is at n % TAIL_LENGTH. Readers copy, then re-read the counter to drop overwritten bytes.
 * </pre>
 */
public final class RegistryLayout {
    public static final long MAGIC = 0x3145504f4353504dL; // "MPSCOPE1" little-endian
    public static final int LAYOUT_VERSION = 2;
    public static final int SLOT_COUNT = 1024;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int SLOT_COUNT_OFFSET = 12;
    public static final int ROOT_PID_OFFSET = 16;
    public static final int ROOT_START_TICKS_OFFSET = 24;
    public static final int CREATED_MILLIS_OFFSET = 32;
    public static final int COMMAND_OFFSET = 64;
    public static final int COMMAND_LENGTH = 260;
    public static final int ARENA_NEXT_OFFSET = 328;
    public static final int BIG_NEXT_OFFSET = 336;
    public static final int PRIMITIVE_NEXT_OFFSET = 340;
    public static final int HEADER_LENGTH = 4096;

    public static final int SLOT_LENGTH = 256;
    public static final int STATE_OFFSET = 0;
    public static final int GENERATION_OFFSET = 4;
    public static final int PID_OFFSET = 8;
    public static final int START_TICKS_OFFSET = 16;
    public static final int PARENT_SLOT_OFFSET = 24;
    public static final int FLAGS_OFFSET = 28;
    public static final int CREATED_OFFSET = 32;
    public static final int STARTED_OFFSET = 40;
    public static final int HEARTBEAT_OFFSET = 48;
    public static final int EXIT_CODE_OFFSET = 56;
    public static final int EXIT_KIND_OFFSET = 60;
    public static final int EXIT_MILLIS_OFFSET = 64;
    public static final int CLAIMER_PID_OFFSET = 72;
    public static final int NAME_OFFSET = 96;
    public static final int NAME_LENGTH = 64;
    public static final int IDENTITY_OFFSET = 160;
    public static final int IDENTITY_LENGTH = 32;
    public static final int STDOUT_WRITTEN_OFFSET = 192;
    public static final int STDERR_WRITTEN_OFFSET = 200;

    public static final int TABLE_OFFSET = HEADER_LENGTH;
    public static final int TAIL_LENGTH = 8192;
    public static final int TAILS_OFFSET = TABLE_OFFSET + SLOT_COUNT * SLOT_LENGTH;

    public static final int PRIMITIVE_COUNT = 4096;
    public static final int PRIMITIVE_LENGTH = 128;
    public static final int PRIMITIVES_OFFSET = TAILS_OFFSET + SLOT_COUNT * 2 * TAIL_LENGTH;
    public static final int P_STATE_OFFSET = 0;
    public static final int P_KIND_OFFSET = 4;
    public static final int P_SEGMENT_OFFSET = 8;
    public static final int P_BLOCK_OFFSET = 12;
    public static final int P_LENGTH_OFFSET = 16;
    public static final int P_CREATOR_SLOT_OFFSET = 20;
    public static final int P_CREATED_OFFSET = 24;
    public static final int P_LOCK_REF_OFFSET = 32;
    public static final int P_EXTRA_OFFSET = 36;
    public static final int P_COUNT_OFFSET = 40;
    public static final int P_NAME_OFFSET = 48;
    public static final int P_NAME_LENGTH = 80;
    public static final int P_LIVE = 1;

    public static final int WAITER_COUNT = 2048;
    public static final int WAITER_LENGTH = 64;
    public static final int WAITERS_OFFSET = PRIMITIVES_OFFSET + PRIMITIVE_COUNT * PRIMITIVE_LENGTH;
    public static final int W_STATE_OFFSET = 0;
    public static final int W_PRIMITIVE_OFFSET = 4;
    public static final int W_WAITER_ID_OFFSET = 8;
    public static final int W_SINCE_OFFSET = 16;
    public static final int W_KIND_OFFSET = 24;
    public static final int W_THREAD_OFFSET = 32;
    public static final int W_THREAD_LENGTH = 32;
    public static final int W_FREE = 0;
    public static final int W_CLAIMED = 1;
    public static final int W_LIVE = 2;
    /** Waiter kinds. */
    public static final int WAIT_ACQUIRE = 1;
    public static final int WAIT_CONDITION = 2;
    public static final int WAIT_EVENT = 3;
    public static final int WAIT_BARRIER = 4;
    public static final int WAIT_GET = 5;
    public static final int WAIT_PUT = 6;
    public static final int WAIT_JOIN = 7;

    public static final int FILE_LENGTH = WAITERS_OFFSET + WAITER_COUNT * WAITER_LENGTH;

    /** Slot states. */
    public static final int FREE = 0;
    public static final int STANDBY = 1;
    public static final int STARTING = 2;
    public static final int RUNNING = 3;
    public static final int EXITED = 4;

    /** Slot flags. */
    public static final int FLAG_DAEMON = 1;
    public static final int FLAG_READY = 2;
    public static final int FLAG_ORPHANED = 4;
    public static final int FLAG_MAIN = 8;

    /** How the exit code in a slot was learnt. */
    public static final int EXIT_NONE = 0;
    /** The child's bootstrap is about to exit with exitCode (run() returned or raised). */
    public static final int EXIT_RETURNED = 1;
    /** The child's shutdown hook ran: the program called System.exit (code known only to the parent). */
    public static final int EXIT_HOOK = 2;
    /** The child's signal handler ran: exitCode holds the signal number. */
    public static final int EXIT_SIGNAL = 3;
    /** The parent reaped the child: exitCode is final, in CPython's convention (-N for signal N). */
    public static final int EXIT_REAPED = 4;

    public static final int STDOUT = 0;
    public static final int STDERR = 1;

    static {
        if (TAILS_OFFSET % 4096 != 0 || SLOT_LENGTH % 64 != 0) {
            throw new AssertionError("registry layout misaligned: tails=" + TAILS_OFFSET + " slot=" + SLOT_LENGTH);
        }
    }

    private RegistryLayout() {
    }

    /** Byte offset of slot {@code slot} in the file. */
    public static int slotOffset(int slot) {
        if (slot < 0 || slot >= SLOT_COUNT) {
            throw new IndexOutOfBoundsException("slot out of range: slot=" + slot + " count=" + SLOT_COUNT);
        }
        return TABLE_OFFSET + slot * SLOT_LENGTH;
    }

    /** Byte offset of the output tail of {@code stream} (STDOUT or STDERR) of {@code slot}. */
    public static int tailOffset(int slot, int stream) {
        return TAILS_OFFSET + (slot * 2 + stream) * TAIL_LENGTH;
    }

    /** Offset of the written-bytes counter of {@code stream} inside a slot. */
    public static int writtenOffset(int stream) {
        return stream == STDOUT ? STDOUT_WRITTEN_OFFSET : STDERR_WRITTEN_OFFSET;
    }

    /** Byte offset of primitive directory entry {@code index}. */
    public static int primitiveOffset(int index) {
        if (index < 0 || index >= PRIMITIVE_COUNT) {
            throw new IndexOutOfBoundsException("primitive index out of range: index=" + index
                    + " count=" + PRIMITIVE_COUNT);
        }
        return PRIMITIVES_OFFSET + index * PRIMITIVE_LENGTH;
    }

    /** Byte offset of waiter entry {@code index}. */
    public static int waiterOffset(int index) {
        return WAITERS_OFFSET + index * WAITER_LENGTH;
    }

    /** The session file name for a root identified by pid and start ticks. */
    public static String fileName(long rootPid, long rootStartTicks) {
        return rootPid + "-" + rootStartTicks + ".session";
    }
}
