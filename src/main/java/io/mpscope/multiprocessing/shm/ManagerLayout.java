package io.mpscope.multiprocessing.shm;

/**
 * Byte layout of a manager's summary block (64 KiB): what the server of a {@code BaseManager} publishes about the
 * objects it owns, for observers that never connect to it. A seqlock: the server makes the sequence word odd,
 * rewrites the data, and makes it even again; a reader copies the data between two equal, even reads of the word.
 * <pre>
 *  offset width field             written by                                  ordering
 *  0      8     seq               server: +1 before and +1 after a rewrite     volatile store (odd while writing)
 *  8      8     publishedMillis   server, inside the rewrite                   plain (covered by seq)
 *  16     8     serverPid         server, once                                 plain, before the entry is listed
 *  24     4     objectCount       server: live objects (may exceed the listed) plain (covered by seq)
 *  28     4     dataLength        server: bytes used of the data area          plain (covered by seq)
 *  32     4     flags             server: FLAG_TRUNCATED, FLAG_SHUT_DOWN        plain (covered by seq)
 *  64     ...   data              server: the summary, {@link #DATA_CAPACITY} bytes at most
 * </pre>
 * The data, in {@code java.io.DataOutput} form: {@code UTF address, int listed}, then per object {@code long id,
 * UTF typeid, int refs, int size, long changedMillis, long changedPid, UTF changedBy, UTF operation, int entries},
 * then per entry {@code UTF key, UTF value}. Strings are cut to {@link #TEXT_LIMIT} characters; entries beyond
 * {@link #ENTRY_LIMIT} per object, and objects that no longer fit, are left out (FLAG_TRUNCATED).
 */
public final class ManagerLayout {
    public static final int SEQ_OFFSET = 0;
    public static final int PUBLISHED_MILLIS_OFFSET = 8;
    public static final int SERVER_PID_OFFSET = 16;
    public static final int OBJECT_COUNT_OFFSET = 24;
    public static final int DATA_LENGTH_OFFSET = 28;
    public static final int FLAGS_OFFSET = 32;
    public static final int DATA_OFFSET = 64;
    public static final int LENGTH = 64 * 1024;
    public static final int DATA_CAPACITY = LENGTH - DATA_OFFSET;

    /** Some objects or entries were left out. */
    public static final int FLAG_TRUNCATED = 1;
    /** The server has shut down; the data is its last state. */
    public static final int FLAG_SHUT_DOWN = 2;

    /** Longest key or value text, in characters. */
    public static final int TEXT_LIMIT = 80;
    /** Most entries listed per object. */
    public static final int ENTRY_LIMIT = 64;

    private ManagerLayout() {
    }
}
