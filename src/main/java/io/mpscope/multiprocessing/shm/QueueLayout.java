package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a queue (Queue, SimpleQueue, JoinableQueue, and one direction of a Pipe): a header of hot words,
 * each group on its own cache line, then a ring of records. Producers serialize on the put lock, consumers on the
 * get lock; between the two lock holders the ring is single-producer single-consumer, and a record exists for a
 * consumer only once the producer's release store of {@code tail} has published it.
 * <pre>
 *  offset width field            written by                                ordering
 *  0      4     capacity         creator (a power of two, bytes of ring)   plain, before the entry is published
 *  4      4     maxsize          creator (items; 0 = unbounded)            "
 *  8      4     flags            creator: JOINABLE, SIMPLE, PIPE           "
 *  64     8     tail             the put-lock holder                       release store: THE commit of a record
 *  72     8     puts             the put-lock holder, after its commit     plain (items = puts - gets: qsize, maxsize,
 *  80     8     bytesIn          the put-lock holder                       observers; a producer killed between
 *                                                                          commit and count leaves it one short)
 *  128    8     head             the get-lock holder                       release store: a record is consumed
 *  136    8     gets             the get-lock holder                       plain
 *  144    8     bytesOut         the get-lock holder                       plain
 *                                (each side writes only its own line: a put does not pull the consumer's cache
 *                                line and the other way round; each side keeps the other's index it last read
 *                                and reads it again only when the ring looks full or empty)
 *  196    4     notFullWaiters   producers blocked on space or maxsize     getAndAdd
 *  200    4     spaceSeq         a consumer that freed space: +1           getAndAdd, FUTEX_WAKE (the not-full word)
 *  204    4     spacePending     a consumer: 0 -> 1 before it wakes the    CAS; the woken producer stores 0 before it
 *                                producer                                  re-checks: one wake-up in flight, not one
 *                                                                          system call per get
 *  208    4     spaceWakerCpu    the consumer that wakes a producer: its    release store before the wake; the woken
 *                                CPU + 1 (0: not known)                    producer that finds itself on that CPU
 *                                                                          moves to another (shm.CpuHop)
 *  256    4     notEmptySeq      a producer after its commit: +1 if        getAndAdd, FUTEX_WAKE (the not-empty word)
 *                                someone waits
 *  260    4     notEmptyWaiters  consumers blocked on an empty ring        getAndAdd
 *  264    4     notEmptyPending  a producer: 0 -> 1 before it wakes the    CAS; cleared by the woken consumer
 *                                consumer
 *  268    4     notEmptyWakerCpu the producer that wakes a consumer: its    the same, the other way round
 *                                CPU + 1
 *  320    64    putLock          a Lock block (LockLayout), embedded       robust: a producer killed inside put is
 *  384    64    getLock          a Lock block (LockLayout), embedded       taken over, and its uncommitted bytes are
 *                                                                          invisible and overwritten
 *  448    8     tasksPut         JoinableQueue: +1 before each put         getAndAdd (unfinished = tasksPut -
 *  512    8     tasksDone        JoinableQueue: +1 per taskDone            CAS        tasksDone; on two lines: a put
 *                                                                                     and a taskDone do not contend)
 *  640    4     allDoneSeq       taskDone reaching 0 unfinished: +1        getAndAdd, FUTEX_WAKE
 *  644    4     allDoneWaiters   join() callers                            getAndAdd
 *  576    4     pendingWriters   Pipe: write ends serialized to another    getAndAdd: +1 when a handle is written,
 *                                process and not yet opened there          -1 when the receiver opens it
 *  580    4     pendingReaders   Pipe: the same for read ends              getAndAdd
 *  1024   8x16  writers          Pipe: the processes (slot+1 << 48 |       CAS 0 -> id when a process opens its first
 *                                generation << 32) with the write end open write end, 0 when it closes its last; a
 *                                                                          dead process's row counts as closed
 *  1152   8x16  readers          Pipe: the same for the read end           CAS
 *  4096   cap   ring             records, 8-aligned: [int length][int tag][payload][pad]; tag PAD skips to the
 *                                ring's start; tag BLOB's payload is {long length, int segment, int tag}: the item
 *                                is in a file of its own, read and removed by the consumer
 * </pre>
 */
public final class QueueLayout {
    public static final int CAPACITY_OFFSET = 0;
    public static final int MAXSIZE_OFFSET = 4;
    public static final int FLAGS_OFFSET = 8;
    public static final int TAIL_OFFSET = 64;
    public static final int HEAD_OFFSET = 128;
    public static final int NOT_FULL_WAITERS_OFFSET = 196;
    public static final int SPACE_SEQ_OFFSET = 200;
    public static final int SPACE_PENDING_OFFSET = 204;
    public static final int NOT_EMPTY_SEQ_OFFSET = 256;
    public static final int NOT_EMPTY_WAITERS_OFFSET = 260;
    public static final int NOT_EMPTY_PENDING_OFFSET = 264;
    public static final int PUT_LOCK_OFFSET = 320;
    public static final int GET_LOCK_OFFSET = 384;
    public static final int PUTS_OFFSET = 72;
    public static final int BYTES_IN_OFFSET = 80;
    public static final int GETS_OFFSET = 136;
    public static final int BYTES_OUT_OFFSET = 144;
    public static final int TASKS_PUT_OFFSET = 448;
    public static final int TASKS_DONE_OFFSET = 512;
    public static final int ALL_DONE_SEQ_OFFSET = 640;
    public static final int ALL_DONE_WAITERS_OFFSET = 644;
    public static final int PENDING_WRITERS_OFFSET = 576;
    public static final int PENDING_READERS_OFFSET = 580;
    public static final int WRITERS_OFFSET = 1024;
    public static final int READERS_OFFSET = 1152;
    public static final int SPACE_WAKER_CPU_OFFSET = 208;
    public static final int NOT_EMPTY_WAKER_CPU_OFFSET = 268;
    public static final int END_ROWS = 16;
    public static final int HEADER_LENGTH = 4096;
    public static final int RECORD_HEADER = 8;

    /** Record tags beyond the item codec's (which are below 64). */
    public static final int TAG_PAD = 100;
    public static final int TAG_BLOB = 101;

    public static final int FLAG_JOINABLE = 1;
    public static final int FLAG_SIMPLE = 2;
    public static final int FLAG_PIPE = 4;


    /** The default ring: 1 MiB (sparse until used). Items above an eighth of it go to a file of their own. */
    public static final int DEFAULT_CAPACITY = 1 << 20;

    private QueueLayout() {
    }

    /**
     * Items in the ring at {@code base} (committed puts minus gets; a moment's figure, never negative). Reads the
     * consumer's count first, so a get racing with the read cannot make it negative for long.
     */
    public static int items(MappedRegion r, int base) {
        long gets = r.getLongVolatile(base + GETS_OFFSET);
        long puts = r.getLongVolatile(base + PUTS_OFFSET);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, puts - gets));
    }

    /** A JoinableQueue's tasks put and not yet marked done (a moment's figure, never negative). */
    public static long unfinished(MappedRegion r, int base) {
        long done = r.getLongVolatile(base + TASKS_DONE_OFFSET);
        return Math.max(0, r.getLongVolatile(base + TASKS_PUT_OFFSET) - done);
    }

    /** Bytes a record with a payload of {@code payload} bytes takes in the ring. */
    public static int recordLength(int payload) {
        return RECORD_HEADER + ((payload + 7) & ~7);
    }

    /** The largest payload kept in the ring; larger ones become BLOB records. */
    public static int maxInline(int capacity) {
        return capacity / 8 - RECORD_HEADER;
    }
}
