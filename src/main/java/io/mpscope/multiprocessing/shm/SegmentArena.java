package io.mpscope.multiprocessing.shm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where a session's primitives keep their words: 64-byte aligned blocks in shared segment files next to the session
 * registry. Small blocks are cut from arena segments of {@link #SEGMENT_LENGTH} bytes ({@code <sessionId>-<k>.seg},
 * sparse, so untouched space costs nothing); a block larger than {@link #DEDICATED_THRESHOLD} gets a segment of its
 * own ({@code <sessionId>-b<k>.seg}). Any member process may allocate: the cursor is a {@code getAndAdd} on the
 * registry header ({@link RegistryLayout#ARENA_NEXT_OFFSET}), so no two blocks overlap, and a block never straddles
 * two segments.
 *
 * <p>Blocks live as long as the session: the root removes the segment files at its exit, the registry's guardian
 * after a crash, and the next session's sweep whatever is left (a segment without its registry file).
 *
 * <p>Process-safe and thread-safe. Segments are mapped once per process and kept.
 */
public final class SegmentArena {
    /** Bytes per arena segment. */
    public static final int SEGMENT_LENGTH = 4 << 20;
    /** Blocks above this size get a dedicated segment. */
    public static final int DEDICATED_THRESHOLD = 1 << 20;
    /** Every block starts at a multiple of this (a cache line; long words need 8). */
    public static final int ALIGNMENT = 64;

    private final SessionRegistry registry;
    private final Path dir;
    private final String sessionId;
    private final ConcurrentMap<Integer, MappedRegion> mapped = new ConcurrentHashMap<>();

    /** A block: {@code length} bytes at {@code offset} of {@code region}; {@code segment} names the file. */
    public record Block(int segment, int offset, int length, MappedRegion region) {
    }

    public SegmentArena(SessionRegistry registry) {
        this.registry = registry;
        this.dir = registry.path().getParent();
        this.sessionId = registry.sessionId();
    }

    /**
     * Allocates a zeroed block of at least {@code length} bytes.
     *
     * @throws IOException if the segment file cannot be created or mapped
     */
    public Block allocate(int length) throws IOException {
        if (length <= 0) {
            throw new IllegalArgumentException("block length must be positive: length=" + length);
        }
        int len = (int) ((length + (long) ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
        if (len > DEDICATED_THRESHOLD) {
            int k = registry.region().getAndAddInt(RegistryLayout.BIG_NEXT_OFFSET, 1);
            int segment = -(k + 1);
            return new Block(segment, 0, len, map(segment, len, true));
        }
        MappedRegion header = registry.region();
        while (true) {
            long start = header.getAndAddLong(RegistryLayout.ARENA_NEXT_OFFSET, len);
            long end = start + len - 1;
            if (start / SEGMENT_LENGTH != end / SEGMENT_LENGTH) {
                continue; // would straddle two segments: the tail of this one stays unused
            }
            if (start / SEGMENT_LENGTH > Integer.MAX_VALUE / 2) {
                throw new IOException("session arena exhausted: bytes=" + start);
            }
            int segment = (int) (start / SEGMENT_LENGTH);
            return new Block(segment, (int) (start % SEGMENT_LENGTH), len, map(segment, SEGMENT_LENGTH, true));
        }
    }

    /**
     * Uses {@code region} as segment {@code segment} of this arena instead of a file of the session: for the warm-up's
     * registry of no session, whose blocks live on a private mapping that is already unlinked (nothing is made in
     * the runtime folder). Call before anything is allocated in that segment.
     */
    public void adopt(int segment, MappedRegion region) {
        mapped.put(segment, region);
    }

    /** The block at {@code offset} of {@code segment}, as a directory entry describes it; maps the segment once. */
    public Block attach(int segment, int offset, int length) throws IOException {
        int segLength = segment >= 0 ? SEGMENT_LENGTH : length;
        return new Block(segment, offset, length, map(segment, segLength, false));
    }

    private MappedRegion map(int segment, int segLength, boolean create) throws IOException {
        MappedRegion r = mapped.get(segment);
        if (r != null) {
            return r;
        }
        synchronized (mapped) {
            r = mapped.get(segment);
            if (r == null) {
                Path p = dir.resolve(fileName(sessionId, segment));
                if (create || segment >= 0) {
                    ensureFile(p, segLength);
                }
                r = MappedRegion.openReadWrite(p, segLength);
                mapped.put(segment, r);
            }
            return r;
        }
    }

    /**
     * Creates the file 0600 if needed and extends it to {@code length}. Two processes may race here: both extend to
     * the same length with {@code ftruncate}, which never touches bytes below the old end, so a block already in
     * use keeps its contents.
     */
    private static void ensureFile(Path p, int length) throws IOException {
        try {
            if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(p);
            }
        } catch (FileAlreadyExistsException e) {
            // another member made it
        }
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            if (raf.length() < length) {
                raf.setLength(length);
            }
        }
    }

    /**
     * A path for a new file of its own (a queue item too large for its ring), named like a dedicated segment so
     * that the session's clean-up removes it if nobody else does.
     *
     * @return its segment number (negative, as dedicated segments are) and path
     */
    public Blob newBlob() {
        int k = registry.region().getAndAddInt(RegistryLayout.BIG_NEXT_OFFSET, 1);
        int segment = -(k + 1);
        return new Blob(segment, dir.resolve(fileName(sessionId, segment)));
    }

    /** The path of blob {@code segment} made by {@link #newBlob()}. */
    public Path blobPath(int segment) {
        return dir.resolve(fileName(sessionId, segment));
    }

    /** A blob file. */
    public record Blob(int segment, Path path) {
    }

    /** The file name of {@code segment} of session {@code sessionId}. */
    public static String fileName(String sessionId, int segment) {
        return segment >= 0 ? sessionId + "-" + segment + ".seg" : sessionId + "-b" + (-segment - 1) + ".seg";
    }

    /** The session id a segment file name belongs to ({@code <pid>-<ticks>}), or null if it is not a segment's. */
    public static String sessionOf(String fileName) {
        if (!fileName.endsWith(".seg")) {
            return null;
        }
        String[] parts = fileName.substring(0, fileName.length() - 4).split("-");
        return parts.length == 3 ? parts[0] + "-" + parts[1] : null;
    }
}
