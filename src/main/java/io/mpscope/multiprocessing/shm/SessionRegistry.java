package io.mpscope.multiprocessing.shm;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The writing side of a session registry: the table of every process of one program, in shared memory, that
 * {@code io.mpscope.multiprocessing.observe} reads. The root process creates it; every child maps the same file
 * and updates its own slot. Byte layout: {@link RegistryLayout}.
 *
 * <p>Process-safe: slots are claimed by compare-and-set, and each later field has a single writer. Nothing here
 * blocks. Not used by observers, which map the file read-only.
 */
public final class SessionRegistry {
    private final MappedRegion region;
    private final boolean owner;
    private final long rootPid;
    private final long rootStartTicks;
    private volatile java.lang.Process tracker;

    private SessionRegistry(MappedRegion region, boolean owner) {
        this.region = region;
        this.owner = owner;
        this.rootPid = region.getLongPlain(ROOT_PID_OFFSET);
        this.rootStartTicks = region.getLongPlain(ROOT_START_TICKS_OFFSET);
    }

    /**
     * Creates the registry of a new session whose root is this process, after sweeping the files of dead sessions.
     * The file is written complete under a temporary name and renamed into place.
     */
    public static SessionRegistry createRoot(String command) throws IOException {
        long pid = ProcessHandle.current().pid();
        long ticks = ProcFs.startTicks(pid);
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Path dir = RuntimeDirectory.create();
            sweep(dir);
            Path target = dir.resolve(fileName(pid, ticks));
            Path tmp = dir.resolve(fileName(pid, ticks) + ".tmp");
            try {
                createFile(tmp);
                try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw")) {
                    raf.setLength(FILE_LENGTH); // sparse on tmpfs
                }
                MappedRegion r = MappedRegion.openReadWrite(tmp, FILE_LENGTH);
                r.setLongPlain(ROOT_PID_OFFSET, pid);
                r.setLongPlain(ROOT_START_TICKS_OFFSET, ticks);
                r.setLongPlain(CREATED_MILLIS_OFFSET, System.currentTimeMillis());
                r.setIntPlain(VERSION_OFFSET, LAYOUT_VERSION);
                r.setIntPlain(SLOT_COUNT_OFFSET, SLOT_COUNT);
                r.putString(COMMAND_OFFSET, COMMAND_LENGTH, command);
                r.setLongRelease(MAGIC_OFFSET, MAGIC);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return new SessionRegistry(MappedRegion.openReadWrite(target, FILE_LENGTH), true);
            } catch (NoSuchFileException e) {
                last = e; // another session removed the empty runtime folder between create() and here: retry
            }
        }
        throw new IOException("cannot create the session registry", last);
    }

    /**
     * A registry that belongs to no session, for a standby JVM's warm-up: the file {@code file} is created, mapped
     * and removed at once (the mapping stays valid and nothing is listed anywhere), and its slot 0 is this process,
     * RUNNING. The warm-up's primitives then take exactly the paths a session's do (waiter rows, owner checks), so
     * the code the JIT compiles there is the code a user's process runs.
     *
     * @return the registry; its slot 0 is this process
     */
    public static SessionRegistry createScratch(Path file) throws IOException {
        long pid = ProcessHandle.current().pid();
        long ticks = ProcFs.startTicks(pid);
        MappedRegion r = MappedRegion.createUnlinked(file, FILE_LENGTH); // sparse: only touched pages take memory
        // Root pid 0: its session id ("0-<ticks>") is no session's, so an arena over it can never name a real
        // session's segment files (this process may be a session's root), and pid 0 is never alive for the sweep.
        r.setLongPlain(ROOT_PID_OFFSET, 0);
        r.setLongPlain(ROOT_START_TICKS_OFFSET, ticks);
        r.setIntPlain(VERSION_OFFSET, LAYOUT_VERSION);
        r.setIntPlain(SLOT_COUNT_OFFSET, SLOT_COUNT);
        r.setLongRelease(MAGIC_OFFSET, MAGIC);
        SessionRegistry reg = new SessionRegistry(r, false);
        int slot = reg.claim(RUNNING, -1, "warm-up", "", 0);
        reg.setLaunched(slot, pid, ticks);
        return reg;
    }

    /** Maps an existing session's registry for a child process of that session. */
    public static SessionRegistry attach(Path path) throws IOException {
        MappedRegion r = MappedRegion.openReadWrite(path, FILE_LENGTH);
        if (r.getLongAcquire(MAGIC_OFFSET) != MAGIC || r.getIntPlain(VERSION_OFFSET) != LAYOUT_VERSION) {
            throw new IOException("not a session registry of this layout: path=" + path);
        }
        return new SessionRegistry(r, false);
    }

    private static void createFile(Path p) throws IOException {
        Files.deleteIfExists(p);
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(p);
        }
    }

    public Path path() {
        return region.path();
    }

    /** The session id: {@code <rootPid>-<rootStartTicks>}. */
    public String sessionId() {
        return rootPid + "-" + rootStartTicks;
    }

    /**
     * Claims a free slot (or the slot of the longest-exited process when none is free) and fills it.
     *
     * @return the slot index
     * @throws IllegalStateException if every slot belongs to a live process
     */
    public int claim(int state, int parentSlot, String name, String identity, int flags) {
        int victim = -1;
        long oldestExit = Long.MAX_VALUE;
        for (int slot = 0; slot < SLOT_COUNT; slot++) {
            int off = slotOffset(slot);
            int s = region.getIntAcquire(off + STATE_OFFSET);
            if (s == FREE && region.compareAndSetInt(off + STATE_OFFSET, FREE, STARTING)) {
                fill(slot, state, parentSlot, name, identity, flags);
                return slot;
            }
            if (s == EXITED) {
                long t = region.getLongPlain(off + EXIT_MILLIS_OFFSET);
                if (t < oldestExit) {
                    oldestExit = t;
                    victim = slot;
                }
            }
        }
        if (victim >= 0 && region.compareAndSetInt(slotOffset(victim) + STATE_OFFSET, EXITED, STARTING)) {
            fill(victim, state, parentSlot, name, identity, flags);
            return victim;
        }
        if (victim >= 0) {
            return claim(state, parentSlot, name, identity, flags); // lost a race for the victim: rescan
        }
        throw new IllegalStateException("session registry is full: slots=" + SLOT_COUNT + " path=" + path());
    }

    private void fill(int slot, int state, int parentSlot, String name, String identity, int flags) {
        int off = slotOffset(slot);
        // The slot is STARTING (ours) while we write; observers skip STARTING rows whose generation moves.
        region.getAndAddInt(off + GENERATION_OFFSET, 1);
        region.setLongPlain(off + PID_OFFSET, 0);
        region.setLongPlain(off + START_TICKS_OFFSET, 0);
        region.setIntPlain(off + PARENT_SLOT_OFFSET, parentSlot);
        region.setIntVolatile(off + FLAGS_OFFSET, flags);
        region.setLongPlain(off + CREATED_OFFSET, System.currentTimeMillis());
        region.setLongPlain(off + STARTED_OFFSET, 0);
        region.setLongPlain(off + HEARTBEAT_OFFSET, 0);
        region.setIntPlain(off + EXIT_CODE_OFFSET, 0);
        region.setIntPlain(off + EXIT_KIND_OFFSET, EXIT_NONE);
        region.setLongPlain(off + EXIT_MILLIS_OFFSET, 0);
        region.setLongPlain(off + CLAIMER_PID_OFFSET, ProcessHandle.current().pid());
        region.putString(off + NAME_OFFSET, NAME_LENGTH, name);
        region.putString(off + IDENTITY_OFFSET, IDENTITY_LENGTH, identity);
        region.setLongPlain(off + STDOUT_WRITTEN_OFFSET, 0);
        region.setLongPlain(off + STDERR_WRITTEN_OFFSET, 0);
        region.setIntRelease(off + STATE_OFFSET, state);
    }

    /** Records the OS identity of the process in {@code slot} once it has been launched. */
    public void setLaunched(int slot, long pid, long startTicks) {
        int off = slotOffset(slot);
        region.setLongPlain(off + PID_OFFSET, pid);
        region.setLongPlain(off + START_TICKS_OFFSET, startTicks);
        region.setLongRelease(off + HEARTBEAT_OFFSET, System.currentTimeMillis());
    }

    /** Turns a standby slot into a user process: new name, identity, parent and flags, state STARTING. */
    public void assign(int slot, int parentSlot, String name, String identity, int flags) {
        int off = slotOffset(slot);
        region.getAndAddInt(off + GENERATION_OFFSET, 1);
        region.setIntPlain(off + PARENT_SLOT_OFFSET, parentSlot);
        region.putString(off + NAME_OFFSET, NAME_LENGTH, name);
        region.putString(off + IDENTITY_OFFSET, IDENTITY_LENGTH, identity);
        region.setLongPlain(off + STARTED_OFFSET, System.currentTimeMillis());
        region.getAndBitwiseOrInt(off + FLAGS_OFFSET, flags);
        region.setIntRelease(off + STATE_OFFSET, STARTING);
    }

    public void setStarted(int slot) {
        region.setLongPlain(slotOffset(slot) + STARTED_OFFSET, System.currentTimeMillis());
    }

    public void setState(int slot, int state) {
        region.setIntRelease(slotOffset(slot) + STATE_OFFSET, state);
    }

    public int state(int slot) {
        return region.getIntAcquire(slotOffset(slot) + STATE_OFFSET);
    }

    public void setFlag(int slot, int flag) {
        region.getAndBitwiseOrInt(slotOffset(slot) + FLAGS_OFFSET, flag);
    }

    public int flags(int slot) {
        return region.getIntAcquire(slotOffset(slot) + FLAGS_OFFSET);
    }

    public void heartbeat(int slot) {
        region.setLongRelease(slotOffset(slot) + HEARTBEAT_OFFSET, System.currentTimeMillis());
    }

    /** The child's own record of how it is ending (EXIT_RETURNED, EXIT_HOOK or EXIT_SIGNAL); first record wins. */
    public void recordChildExit(int slot, int kind, int code) {
        int off = slotOffset(slot);
        if (region.getIntAcquire(off + EXIT_KIND_OFFSET) != EXIT_NONE) {
            return;
        }
        region.setIntPlain(off + EXIT_CODE_OFFSET, code);
        region.setLongPlain(off + EXIT_MILLIS_OFFSET, System.currentTimeMillis());
        region.setIntVolatile(off + EXIT_KIND_OFFSET, kind);
    }

    /**
     * The child's signal handler: the process is about to halt because of {@code signal}. Unlike
     * {@link #recordChildExit}, this replaces an earlier record of a normal exit (a signal that arrives while the
     * child runs its exit path is how it ends); only the parent's final record stays.
     */
    public void recordChildSignal(int slot, int signal) {
        int off = slotOffset(slot);
        if (region.getIntAcquire(off + EXIT_KIND_OFFSET) == EXIT_REAPED) {
            return;
        }
        region.setIntPlain(off + EXIT_CODE_OFFSET, signal);
        region.setLongPlain(off + EXIT_MILLIS_OFFSET, System.currentTimeMillis());
        region.setIntVolatile(off + EXIT_KIND_OFFSET, EXIT_SIGNAL);
    }

    public int exitKind(int slot) {
        return region.getIntAcquire(slotOffset(slot) + EXIT_KIND_OFFSET);
    }

    public int exitCode(int slot) {
        return region.getIntPlain(slotOffset(slot) + EXIT_CODE_OFFSET);
    }

    /** The parent's final record after reaping: the CPython exit code; the slot becomes EXITED. */
    public void recordReaped(int slot, int exitCode) {
        int off = slotOffset(slot);
        region.setIntPlain(off + EXIT_CODE_OFFSET, exitCode);
        region.setLongPlain(off + EXIT_MILLIS_OFFSET, System.currentTimeMillis());
        region.setIntVolatile(off + EXIT_KIND_OFFSET, EXIT_REAPED);
        region.setIntRelease(off + STATE_OFFSET, EXITED);
    }

    /** Releases a slot that never got a process (launch failed). */
    public void free(int slot) {
        region.setIntRelease(slotOffset(slot) + STATE_OFFSET, FREE);
    }

    /**
     * Appends bytes of a child's stdout or stderr to the slot's tail ring. Single writer per (slot, stream):
     * the parent's output pump for that stream.
     */
    public void appendOutput(int slot, int stream, byte[] b, int off, int len) {
        int counter = slotOffset(slot) + writtenOffset(stream);
        long written = region.getLongPlain(counter);
        int base = tailOffset(slot, stream);
        if (len > TAIL_LENGTH) {
            written += len - TAIL_LENGTH;
            off += len - TAIL_LENGTH;
            len = TAIL_LENGTH;
        }
        int pos = (int) (written % TAIL_LENGTH);
        int first = Math.min(len, TAIL_LENGTH - pos);
        region.putBytes(base + pos, b, off, first);
        if (first < len) {
            region.putBytes(base, b, off + first, len - first);
        }
        region.setLongRelease(counter, written + len);
    }

    /** The registry's mapping, for the session's shared-memory primitives (arena counters, directory, waiters). */
    public MappedRegion region() {
        return region;
    }

    /** The generation of {@code slot}: bumped each time the slot is claimed or assigned to a new process. */
    public int generation(int slot) {
        return region.getIntAcquire(slotOffset(slot) + GENERATION_OFFSET);
    }

    /** The pid recorded in {@code slot} (0 while not launched). */
    public long pid(int slot) {
        return region.getLongPlain(slotOffset(slot) + PID_OFFSET);
    }

    /** The start ticks recorded in {@code slot}. */
    public long startTicks(int slot) {
        return region.getLongPlain(slotOffset(slot) + START_TICKS_OFFSET);
    }

    /** The name recorded in {@code slot}. */
    public String name(int slot) {
        return region.getString(slotOffset(slot) + NAME_OFFSET, NAME_LENGTH);
    }

    /**
     * Writes a new primitive directory entry and publishes it.
     *
     * @return its index, or -1 when the directory is full (the primitive then works, unlisted)
     */
    public int registerPrimitive(int kind, int segment, int blockOffset, int length, int creatorSlot, int lockRef,
                                 int extra, int count, String name) {
        int index = region.getAndAddInt(PRIMITIVE_NEXT_OFFSET, 1);
        if (index >= PRIMITIVE_COUNT) {
            return -1;
        }
        int off = primitiveOffset(index);
        region.setIntPlain(off + P_KIND_OFFSET, kind);
        region.setIntPlain(off + P_SEGMENT_OFFSET, segment);
        region.setIntPlain(off + P_BLOCK_OFFSET, blockOffset);
        region.setIntPlain(off + P_LENGTH_OFFSET, length);
        region.setIntPlain(off + P_CREATOR_SLOT_OFFSET, creatorSlot);
        region.setLongPlain(off + P_CREATED_OFFSET, System.currentTimeMillis());
        region.setIntPlain(off + P_LOCK_REF_OFFSET, lockRef);
        region.setIntPlain(off + P_EXTRA_OFFSET, extra);
        region.setIntPlain(off + P_COUNT_OFFSET, count);
        region.putString(off + P_NAME_OFFSET, P_NAME_LENGTH, name);
        region.setIntRelease(off + P_STATE_OFFSET, P_LIVE);
        return index;
    }

    /** The number of directory entries handed out so far (some may still be being written). */
    public int primitiveCount() {
        return Math.min(PRIMITIVE_COUNT, region.getIntAcquire(PRIMITIVE_NEXT_OFFSET));
    }

    /**
     * Records that a thread blocks on primitive {@code primitive}: a row of the waiter table, for observers.
     *
     * @return the row, or -1 if the table is full (the wait works, unlisted)
     */
    public int beginWait(int primitive, long waiterId, int kind, String thread) {
        int start = (int) ((waiterId ^ (waiterId >>> 32)) & 0x7fffffff) % WAITER_COUNT;
        for (int i = 0; i < WAITER_COUNT; i++) {
            int row = (start + i) % WAITER_COUNT;
            int off = waiterOffset(row);
            if (region.getIntPlain(off + W_STATE_OFFSET) == W_FREE
                    && region.compareAndSetInt(off + W_STATE_OFFSET, W_FREE, W_CLAIMED)) {
                region.setIntPlain(off + W_PRIMITIVE_OFFSET, primitive);
                region.setLongPlain(off + W_WAITER_ID_OFFSET, waiterId);
                region.setLongPlain(off + W_SINCE_OFFSET, System.nanoTime());
                region.setIntPlain(off + W_KIND_OFFSET, kind);
                region.putString(off + W_THREAD_OFFSET, W_THREAD_LENGTH, thread);
                region.setIntRelease(off + W_STATE_OFFSET, W_LIVE);
                return row;
            }
        }
        return -1;
    }

    /** Removes a row written by {@link #beginWait}. */
    public void endWait(int row) {
        if (row >= 0) {
            region.setIntRelease(waiterOffset(row) + W_STATE_OFFSET, W_FREE);
        }
    }

    /** Frees the waiter rows of a process that died while blocked (any member may call it). */
    public void freeWaitersOf(int slot, int generation) {
        for (int row = 0; row < WAITER_COUNT; row++) {
            int off = waiterOffset(row);
            if (region.getIntAcquire(off + W_STATE_OFFSET) == W_LIVE) {
                long id = region.getLongPlain(off + W_WAITER_ID_OFFSET);
                if ((int) (id >>> 48) - 1 == slot && (int) ((id >>> 32) & 0xFFFF) == (generation & 0xFFFF)) {
                    region.compareAndSetInt(off + W_STATE_OFFSET, W_LIVE, W_FREE);
                }
            }
        }
    }

    /**
     * Starts a tiny shell guardian that removes this session's files once the root has died (even by SIGKILL) and
     * no member process maps them any more (members map read-write, {@code rw-s}; observers map read-only). Its stdin is a pipe from this process: EOF means the root is gone.
     */
    public void startTracker() {
        if (!owner || !Files.isExecutable(Path.of("/bin/sh")) || !Files.isDirectory(Path.of("/proc/self"))) {
            return;
        }
        // After EOF the shell hands the wait to a background job and exits, so the Java thread waiting for it (in
        // waitpid(), native code) is gone before this JVM exits: such a thread delays a JVM's exit by 300 ms.
        String script = "while read -r _; do :; done; ( "
                + "while grep -qs \"rw-s .*$1\" /proc/[0-9]*/maps; do sleep 1; done; "
                + "rm -f \"$1\" \"${1%.session}\"-*.seg; rmdir \"$(dirname \"$1\")\" 2>/dev/null ) </dev/null >/dev/null 2>&1 & exit 0";
        try {
            tracker = new ProcessBuilder("/bin/sh", "-c", script, "mpscope-tracker", path().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // best effort: the sweep of the next session removes what a crashed root leaves behind
        }
    }

    /**
     * Removes the scratch files of standby JVMs killed in the microseconds between creating and unlinking them (see
     * {@code Warmup.prepare}); a live process's files are left alone. Called by the session sweep, a root's close,
     * and a standby pool that has just killed its standbys.
     */
    public static void sweepScratch() {
        Path dir = RuntimeDirectory.path();
        if (Files.isDirectory(dir)) {
            sweepScratch(dir, new ArrayList<>());
        }
    }

    private static void sweepScratch(Path dir, List<Path> removed) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "warmup-*.tmp")) {
            for (Path p : ds) {
                if (io.mpscope.multiprocessing.synchronize.Warmup.isScratchOfDeadProcess(p.getFileName().toString())) {
                    try {
                        if (Files.deleteIfExists(p)) {
                            removed.add(p);
                        }
                    } catch (IOException ignored) {
                        // someone else swept it
                    }
                }
            }
        } catch (IOException ignored) {
            // no folder yet
        }
    }

    /** The root's normal exit: removes the session file and, if it is empty, the runtime folder. */
    public void close() {
        if (!owner) {
            return;
        }
        try {
            Files.deleteIfExists(path());
        } catch (IOException ignored) {
            // the tracker or the next sweep removes it
        }
        deleteSegments(path().getParent(), sessionId());
        // A standby of this session (or of a child's) killed inside its warm-up's create-map-remove window: the last
        // session to close on a machine would otherwise leave the file, and the folder, until the next one starts.
        sweepScratch(path().getParent(), new ArrayList<>());
        RuntimeDirectory.removeIfEmpty();
        java.lang.Process t = tracker;
        if (t != null) {
            try {
                t.getOutputStream().close();
                t.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (IOException ignored) {
                // the tracker reads EOF either way when we exit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Removes the files of sessions none of whose processes is alive: a session whose root was SIGKILLed leaves its
     * registry behind, and its surviving children keep it alive until they end.
     *
     * @return the removed files
     */
    public static List<Path> sweep(Path dir) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.session")) {
            for (Path p : ds) {
                if (!anyMemberAlive(p)) {
                    try {
                        if (Files.deleteIfExists(p)) {
                            removed.add(p);
                        }
                    } catch (IOException ignored) {
                        // someone else swept it
                    }
                }
            }
        } catch (IOException ignored) {
            // no folder yet: nothing to sweep
        }
        sweepScratch(dir, removed);
        // Segment files of sessions whose registry is gone (removed above, or by the tracker of a crashed root).
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : ds) {
                String sid = SegmentArena.sessionOf(p.getFileName().toString());
                if (sid != null && !Files.exists(dir.resolve(sid + ".session"))) {
                    try {
                        if (Files.deleteIfExists(p)) {
                            removed.add(p);
                        }
                    } catch (IOException ignored) {
                        // someone else swept it
                    }
                }
            }
        } catch (IOException ignored) {
            // no folder yet
        }
        if (!removed.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(SessionRegistry.class)
                    .warn("unlinked leaked session registry: paths={}", removed);
        }
        return removed;
    }

    /**
     * Removes this registry's session's segment files from the runtime folder now (a registry of no session: the
     * large items' files its warm-up wrote and did not read back).
     */
    public void deleteSegmentFiles() {
        deleteSegments(path().getParent(), sessionId());
    }

    /** Removes every segment file of session {@code sessionId} in {@code dir}. */
    static void deleteSegments(Path dir, String sessionId) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, sessionId + "-*.seg")) {
            for (Path p : ds) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the next sweep removes it
                }
            }
        } catch (IOException ignored) {
            // no folder: nothing to remove
        }
    }

    /** True if the root of the session in {@code p}, or any process in its table, is alive (or it cannot be read). */
    static boolean anyMemberAlive(Path p) {
        String n = p.getFileName().toString();
        String[] parts = n.substring(0, n.length() - ".session".length()).split("-");
        try {
            if (parts.length == 2 && ProcFs.isAlive(Long.parseLong(parts[0]), Long.parseLong(parts[1]))) {
                return true;
            }
        } catch (NumberFormatException e) {
            return true; // not ours to judge
        }
        try {
            MappedRegion r = MappedRegion.openReadOnly(p);
            if (r.length() < FILE_LENGTH) {
                return false;
            }
            for (int slot = 0; slot < SLOT_COUNT; slot++) {
                int off = slotOffset(slot);
                int s = r.getIntAcquire(off + STATE_OFFSET);
                if ((s == STANDBY || s == STARTING || s == RUNNING)
                        && ProcFs.isAlive(r.getLongPlain(off + PID_OFFSET), r.getLongPlain(off + START_TICKS_OFFSET))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
