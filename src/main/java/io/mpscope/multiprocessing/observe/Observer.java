package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;

import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.RuntimeDirectory;
import io.mpscope.multiprocessing.shm.StatLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Read-only observation of every mpscope session of this user on this machine: whether a program was launched by
 * the app or from a terminal, its processes are in its session registry, which this class maps read-only
 * ({@code PROT_READ}: a bug here cannot write into the observed program) and reads with acquire loads. It never
 * takes a lock or sends a signal, so a stuck program cannot make it block.
 *
 * <p>Thread-safe: snapshots may be taken from any thread. Not a CPython API: CPython has no way to see this.
 */
public final class Observer implements AutoCloseable {
    private final Path dir;
    private final Map<Path, MappedRegion> mapped = new HashMap<>();
    private PrimitiveReader primitiveReader;
    /** Whether the listed processes run: pidfds polled once per snapshot where Linux has them, else stat lines. */
    private final Liveness liveness = new Liveness();
    /** The decoded string fields of each mapped registry. */
    private final Map<Path, RegionStrings> strings = new HashMap<>();
    private static final DirectoryStream.Filter<Path> SESSION_FILES =
            p -> p.getFileName().toString().endsWith(".session");

    /** An observer of the runtime folder of this user ({@code /dev/shm/mpscope-<user>}). */
    public Observer() {
        this(RuntimeDirectory.path());
    }

    /** An observer of the session registries in {@code dir}. */
    public Observer(Path dir) {
        this.dir = dir;
    }

    /** The folder being watched. */
    public Path directory() {
        return dir;
    }

    /**
     * Snapshots of every live session: one whose root, or any of whose processes, is alive. Sessions are ordered by
     * creation time. Never blocks on the observed programs.
     */
    public synchronized List<SessionSnapshot> sessions() {
        liveness.beginRound();
        List<SessionSnapshot> out = new ArrayList<>();
        List<Path> present = new ArrayList<>();
        // A filter, not the glob "*.session": a glob is compiled to a regex on every call, ten times a second.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, SESSION_FILES)) {
            for (Path p : ds) {
                present.add(p);
            }
        } catch (IOException e) {
            mapped.clear(); // no folder: no session
            strings.clear();
            liveness.endRound();
            return out;
        }
        mapped.keySet().retainAll(present);
        for (Path p : present) {
            SessionSnapshot s = read(p);
            if (s != null && (s.rootAlive() || s.processes().stream().anyMatch(ProcessSnapshot::alive))) {
                out.add(s);
            } else {
                mapped.remove(p); // a dead session: let its mapping go, so its file can be removed
            }
        }
        liveness.endRound(); // lets go of the processes no longer listed
        strings.keySet().retainAll(mapped.keySet());
        out.sort(Comparator.comparing(SessionSnapshot::created));
        return out;
    }

    /** The session with id {@code id}, if it is live. */
    public Optional<SessionSnapshot> session(String id) {
        return sessions().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The last bytes a process wrote to stdout ({@code stream} 0) or stderr (1), up to 8 KiB, decoded as UTF-8.
     * Empty if the session or slot is gone.
     */
    public synchronized String outputTail(String sessionId, int slot, int stream) {
        MappedRegion r = region(dir.resolve(sessionId + ".session"));
        if (r == null || slot < 0 || slot >= SLOT_COUNT || (stream != STDOUT && stream != STDERR)) {
            return "";
        }
        int counter = slotOffset(slot) + writtenOffset(stream);
        for (int attempt = 0; attempt < 3; attempt++) {
            long end = r.getLongAcquire(counter);
            int n = (int) Math.min(end, TAIL_LENGTH);
            byte[] b = new byte[n];
            int base = tailOffset(slot, stream);
            long start = end - n;
            for (int i = 0; i < n; ) {
                int pos = (int) ((start + i) % TAIL_LENGTH);
                int run = Math.min(n - i, TAIL_LENGTH - pos);
                r.getBytes(base + pos, b, i, run);
                i += run;
            }
            long after = r.getLongAcquire(counter);
            int overwritten = (int) Math.min(n, after - end); // bytes the writer lapped while we copied
            if (overwritten < n) {
                int from = overwritten;
                if (start + overwritten > 0) {
                    // The ring's edge may cut a character: skip its continuation bytes (up to 3), which would
                    // otherwise decode as one replacement character each.
                    for (int k = 0; k < 3 && from < n && (b[from] & 0xC0) == 0x80; k++) {
                        from++;
                    }
                }
                return new String(b, from, n - from, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private MappedRegion region(Path p) {
        MappedRegion r = mapped.get(p);
        if (r == null) {
            try {
                r = MappedRegion.openReadOnly(p);
            } catch (IOException e) {
                return null;
            }
            if (r.length() < FILE_LENGTH || r.getLongAcquire(MAGIC_OFFSET) != MAGIC
                    || r.getIntPlain(VERSION_OFFSET) != LAYOUT_VERSION) {
                return null; // not ours, or another layout version
            }
            mapped.put(p, r);
        }
        return r;
    }

    private SessionSnapshot read(Path p) {
        MappedRegion r = region(p);
        if (r == null) {
            return null;
        }
        long rootPid = r.getLongPlain(ROOT_PID_OFFSET);
        long rootTicks = r.getLongPlain(ROOT_START_TICKS_OFFSET);
        String id = rootPid + "-" + rootTicks;
        RegionStrings text = strings.computeIfAbsent(p, k -> new RegionStrings());
        List<ProcessSnapshot> procs = new ArrayList<>();
        for (int slot = 0; slot < SLOT_COUNT; slot++) {
            ProcessSnapshot ps = readSlot(r, slot, text);
            if (ps != null) {
                procs.add(ps);
            }
        }
        procs.sort(Comparator.comparing((ProcessSnapshot x) -> !x.main()).thenComparingInt(ProcessSnapshot::slot));
        return new SessionSnapshot(id, rootPid, text.get(r, RegionStrings.COMMAND, COMMAND_OFFSET, COMMAND_LENGTH),
                Instant.ofEpochMilli(r.getLongPlain(CREATED_MILLIS_OFFSET)), isAlive(rootPid, rootTicks),
                List.copyOf(procs), Instant.now());
    }

    /** Whether the process runs and is neither a zombie nor dead. */
    private boolean isAlive(long pid, long startTicks) {
        return liveness.alive(pid, startTicks);
    }

    /** Reads one slot consistently: retried if its generation changed while it was copied. */
    private ProcessSnapshot readSlot(MappedRegion r, int slot, RegionStrings text) {
        int off = slotOffset(slot);
        for (int attempt = 0; attempt < 3; attempt++) {
            int gen = r.getIntAcquire(off + GENERATION_OFFSET);
            int state = r.getIntAcquire(off + STATE_OFFSET);
            if (state == FREE) {
                return null;
            }
            long pid = r.getLongPlain(off + PID_OFFSET);
            long ticks = r.getLongPlain(off + START_TICKS_OFFSET);
            int parentSlot = r.getIntPlain(off + PARENT_SLOT_OFFSET);
            int flags = r.getIntAcquire(off + FLAGS_OFFSET);
            long created = r.getLongPlain(off + CREATED_OFFSET);
            long started = r.getLongPlain(off + STARTED_OFFSET);
            long heartbeat = r.getLongAcquire(off + HEARTBEAT_OFFSET);
            int exitKind = r.getIntAcquire(off + EXIT_KIND_OFFSET);
            int exitCode = r.getIntPlain(off + EXIT_CODE_OFFSET);
            long exitMillis = r.getLongPlain(off + EXIT_MILLIS_OFFSET);
            String name = text.get(r, RegionStrings.slotField(slot, RegionStrings.NAME), off + NAME_OFFSET,
                    NAME_LENGTH);
            String identity = text.get(r, RegionStrings.slotField(slot, RegionStrings.IDENTITY),
                    off + IDENTITY_OFFSET, IDENTITY_LENGTH);
            if (r.getIntAcquire(off + GENERATION_OFFSET) != gen) {
                continue; // the slot was reused while we read it
            }
            if (state == STARTING && pid == 0) {
                return null; // claimed, not launched yet
            }
            boolean alive = pid > 0 && isAlive(pid, ticks);
            StatLine line = liveness.line();
            Optional<OsStat> os = alive && liveness.lineRead() ? Optional.of(new OsStat(line.state(),
                    line.startTicks(), line.userTicks(), line.systemTicks(), line.threads(), line.rssPages(),
                    line.processor())) : Optional.empty();
            ProcessStatus status = switch (state) {
                case STANDBY -> ProcessStatus.STANDBY;
                case STARTING -> ProcessStatus.STARTING;
                case RUNNING -> ProcessStatus.RUNNING;
                case EXITED -> ProcessStatus.EXITED;
                default -> null;
            };
            if (status == null) {
                return null;
            }
            if (status != ProcessStatus.EXITED && !alive) {
                status = ProcessStatus.VANISHED;
            }
            OptionalInt code = exitKind == EXIT_REAPED ? OptionalInt.of(exitCode)
                    : exitKind == EXIT_SIGNAL ? OptionalInt.of(-exitCode)
                    : exitKind == EXIT_RETURNED && !alive ? OptionalInt.of(exitCode) : OptionalInt.empty();
            return new ProcessSnapshot(slot, pid, name, identity, parentSlot, (flags & FLAG_DAEMON) != 0,
                    (flags & FLAG_MAIN) != 0, status, code, alive, (flags & FLAG_ORPHANED) != 0,
                    Instant.ofEpochMilli(created),
                    started > 0 ? Optional.of(Instant.ofEpochMilli(started)) : Optional.empty(),
                    heartbeat > 0 ? Optional.of(Instant.ofEpochMilli(heartbeat)) : Optional.empty(),
                    exitMillis > 0 && exitKind != EXIT_NONE ? Optional.of(Instant.ofEpochMilli(exitMillis))
                            : Optional.empty(), os);
        }
        return null;
    }

    /**
     * Every shared primitive of session {@code sessionId} (Lock, RLock, Semaphore, Event, Condition, Barrier, Value,
     * Array) with its live state, who holds and who waits for it, and the wait-for graph with its deadlock cycles.
     * Reads the primitives' words without taking their locks, so a stuck program cannot make it block.
     *
     * @return empty if the session is gone
     */
    public synchronized Optional<PrimitivesSnapshot> primitives(String sessionId) {
        MappedRegion r = region(dir.resolve(sessionId + ".session"));
        if (r == null) {
            return Optional.empty();
        }
        if (primitiveReader == null) {
            primitiveReader = new PrimitiveReader(dir);
        }
        java.util.Set<String> live = new java.util.HashSet<>();
        for (Path p : mapped.keySet()) {
            String n = p.getFileName().toString();
            live.add(n.substring(0, n.length() - ".session".length()));
        }
        primitiveReader.retainSessions(live);
        return Optional.of(primitiveReader.read(sessionId, r));
    }

    /**
     * Every queue and pipe direction of session {@code sessionId}: depth in items and bytes, counters (for rates),
     * unfinished tasks, who waits on either side, and the first {@code peek} items as short text, read without
     * consuming anything or taking any lock.
     *
     * @return empty if the session is gone
     */
    public synchronized Optional<List<QueueSnapshot>> queues(String sessionId, int peek) {
        MappedRegion r = region(dir.resolve(sessionId + ".session"));
        if (r == null) {
            return Optional.empty();
        }
        if (primitiveReader == null) {
            primitiveReader = new PrimitiveReader(dir);
        }
        primitiveReader.peekLimit = Math.max(0, peek);
        try {
            primitiveReader.read(sessionId, r);
            return Optional.of(List.copyOf(primitiveReader.queues));
        } finally {
            primitiveReader.peekLimit = 8;
        }
    }

    /**
     * Every {@code Pool} of session {@code sessionId}: its workers (pid, name, current task, tasks done), its queued,
     * running and finished task counts and the progress of its recent calls. Reads the pools' status blocks only: it
     * never connects to the program or takes a lock, so a stuck pool cannot make it block.
     *
     * @return empty if the session is gone
     */
    public synchronized Optional<List<PoolSnapshot>> pools(String sessionId) {
        MappedRegion r = region(dir.resolve(sessionId + ".session"));
        if (r == null) {
            return Optional.empty();
        }
        if (primitiveReader == null) {
            primitiveReader = new PrimitiveReader(dir);
        }
        primitiveReader.read(sessionId, r);
        return Optional.of(List.copyOf(primitiveReader.pools));
    }

    /**
     * Every manager of session {@code sessionId} with the objects its server holds: a dict's or Namespace's keys and
     * values and a list's items as short text, and who changed each object last. Read from the summary each server
     * publishes in shared memory: the observer never connects to a server and never takes a lock.
     *
     * @return empty if the session is gone
     */
    public synchronized Optional<List<ManagerSnapshot>> managers(String sessionId) {
        MappedRegion r = region(dir.resolve(sessionId + ".session"));
        if (r == null) {
            return Optional.empty();
        }
        if (primitiveReader == null) {
            primitiveReader = new PrimitiveReader(dir);
        }
        return Optional.of(List.copyOf(primitiveReader.readManagers(sessionId, r)));
    }

    /** Forgets the mappings (they are released when garbage-collected) and closes the stat files it kept open. */
    @Override
    public synchronized void close() {
        mapped.clear();
        strings.clear();
        liveness.close();
        primitiveReader = null;
    }
}
