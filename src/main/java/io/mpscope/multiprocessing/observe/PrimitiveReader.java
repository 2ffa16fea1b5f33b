package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.RegistryLayout.*;

import io.mpscope.multiprocessing.shm.BarrierLayout;
import io.mpscope.multiprocessing.shm.ConditionLayout;
import io.mpscope.multiprocessing.shm.EventLayout;
import io.mpscope.multiprocessing.shm.LockLayout;
import io.mpscope.multiprocessing.shm.MappedRegion;
import io.mpscope.multiprocessing.shm.ProcFs;
import io.mpscope.multiprocessing.shm.QueueLayout;
import io.mpscope.multiprocessing.shm.SegmentArena;
import io.mpscope.multiprocessing.shm.SemaphoreLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the primitives of one session: the registry's directory and waiter table, and each primitive's block in its
 * segment, all mapped read-only and read with acquire loads. Never takes a primitive's lock. Not thread-safe: the
 * {@link Observer} calls it under its own lock.
 */
final class PrimitiveReader {
    private final Path dir;
    private final Map<String, MappedRegion> segments = new HashMap<>();
    /** First time a snapshot saw (primitive, owner): the hold time of an owner that did not have to wait. */
    private final Map<Long, Long> firstSeen = new HashMap<>();

    /** The queues read by the last {@link #read}, in directory order. */
    List<QueueSnapshot> queues = new ArrayList<>();
    /** The pools read by the last {@link #read}, in directory order. */
    List<PoolSnapshot> pools = new ArrayList<>();
    /** How many items a queue snapshot shows. */
    int peekLimit = 8;

    PrimitiveReader(Path dir) {
        this.dir = dir;
    }

    /** What a snapshot knows about the processes of the session: name, pid, liveness, per slot. */
    private static final class Procs {
        final MappedRegion r;
        final Map<Integer, PrimitiveSnapshot.Party> bySlot = new HashMap<>();

        Procs(MappedRegion r) {
            this.r = r;
        }

        PrimitiveSnapshot.Party party(long id, String thread, int count) {
            int slot = (int) (id >>> 48) - 1;
            if (slot < 0 || slot >= SLOT_COUNT) {
                return new PrimitiveSnapshot.Party(-1, 0, "unknown", id & 0xFFFFFFFFL, thread, false, count);
            }
            PrimitiveSnapshot.Party p = bySlot.computeIfAbsent(slot, s -> {
                int off = slotOffset(s);
                int gen = r.getIntAcquire(off + GENERATION_OFFSET);
                long pid = r.getLongPlain(off + PID_OFFSET);
                boolean sameProcess = (gen & 0xFFFF) == (int) ((id >>> 32) & 0xFFFF);
                int state = r.getIntAcquire(off + STATE_OFFSET);
                boolean alive = sameProcess && state != EXITED && state != FREE
                        && ProcFs.isAlive(pid, r.getLongPlain(off + START_TICKS_OFFSET));
                return new PrimitiveSnapshot.Party(s, pid, r.getString(off + NAME_OFFSET, NAME_LENGTH), 0, "", alive,
                        1);
            });
            boolean same = (r.getIntAcquire(slotOffset(slot) + GENERATION_OFFSET) & 0xFFFF)
                    == (int) ((id >>> 32) & 0xFFFF);
            return new PrimitiveSnapshot.Party(slot, p.pid(), same ? p.process() : "(ended process)",
                    id & 0xFFFFFFFFL, thread, same && p.alive(), count);
        }
    }

    PrimitivesSnapshot read(String sessionId, MappedRegion r) {
        Procs procs = new Procs(r);
        long nowNanos = System.nanoTime();
        Map<Integer, List<PrimitiveSnapshot.Waiter>> waiters = readWaiters(r, procs, nowNanos);
        List<PrimitiveSnapshot> out = new ArrayList<>();
        queues = new ArrayList<>();
        pools = new ArrayList<>();
        int n = Math.min(PRIMITIVE_COUNT, r.getIntAcquire(PRIMITIVE_NEXT_OFFSET));
        Set<Long> seenKeys = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int off = primitiveOffset(i);
            if (r.getIntAcquire(off + P_STATE_OFFSET) != P_LIVE) {
                continue;
            }
            PrimitiveKind kind = PrimitiveKind.ofCode(r.getIntPlain(off + P_KIND_OFFSET));
            if (kind == null || kind == PrimitiveKind.MANAGER) {
                continue; // managers are read by readManagers
            }
            MappedRegion seg = segment(sessionId, r.getIntPlain(off + P_SEGMENT_OFFSET),
                    r.getIntPlain(off + P_LENGTH_OFFSET));
            if (seg == null) {
                continue;
            }
            int base = r.getIntPlain(off + P_BLOCK_OFFSET);
            if (kind == PrimitiveKind.POOL) {
                // not a primitive a program uses: listed apart (Observer.pools), not as a card among the locks
                PoolSnapshot pool = PoolReader.read(seg, base, r.getIntPlain(off + P_LENGTH_OFFSET), i,
                        r.getString(off + P_NAME_OFFSET, P_NAME_LENGTH));
                if (pool != null) {
                    pools.add(pool);
                }
                continue;
            }
            Builder b = new Builder(i, kind, r.getString(off + P_NAME_OFFSET, P_NAME_LENGTH),
                    r.getIntPlain(off + P_CREATOR_SLOT_OFFSET),
                    Instant.ofEpochMilli(r.getLongPlain(off + P_CREATED_OFFSET)));
            b.lockRef = r.getIntPlain(off + P_LOCK_REF_OFFSET);
            b.waiters = waiters.getOrDefault(i, List.of());
            int extra = r.getIntPlain(off + P_EXTRA_OFFSET);
            int count = r.getIntPlain(off + P_COUNT_OFFSET);
            switch (kind) {
                case LOCK, RLOCK -> readLock(seg, base, b, procs, nowNanos, seenKeys);
                case SEMAPHORE, BOUNDED_SEMAPHORE -> readSemaphore(seg, base, b, procs, kind);
                case EVENT -> {
                    b.flag = seg.getIntAcquire(base + EventLayout.FLAG_OFFSET) != 0;
                    b.contended = seg.getLongAcquire(base + EventLayout.SETS_OFFSET);
                }
                case CONDITION -> {
                    b.value = ConditionLayout.waiting(seg.getLongAcquire(base + ConditionLayout.COUNTERS_OFFSET));
                    b.contended = seg.getLongAcquire(base + ConditionLayout.SIGNALS_OFFSET);
                }
                case BARRIER -> readBarrier(seg, base, b, procs, count);
                case QUEUE, SIMPLE_QUEUE, JOINABLE_QUEUE, PIPE -> {
                    QueueSnapshot q = readQueue(seg, base, i, kind, b.name, b.waiters, procs);
                    b.value = q.items();
                    b.maxValue = q.maxsize();
                    b.length = (int) Math.min(Integer.MAX_VALUE, q.items());
                    b.contents = String.join(", ", q.peek());
                    b.contended = q.puts();
                    queues.add(q);
                }
                case VALUE, ARRAY -> {
                    b.typeCode = String.valueOf((char) extra);
                    b.length = count;
                    b.contents = Contents.render(seg, base, (char) extra, count);
                }
                default -> {
                }
            }
            out.add(b.build());
        }
        firstSeen.keySet().retainAll(seenKeys);
        return new PrimitivesSnapshot(sessionId, List.copyOf(out), WaitForGraphs.build(out), Instant.now());
    }

    private void readLock(MappedRegion seg, int base, Builder b, Procs procs, long nowNanos, Set<Long> seenKeys) {
        long owner = seg.getLongAcquire(base + LockLayout.OWNER_OFFSET);
        if (owner != 0) {
            b.owner = Optional.of(procs.party(owner, "", 1));
            b.recursion = seg.getIntPlain(base + LockLayout.RECURSION_OFFSET);
            long acquiredAt = seg.getLongPlain(base + LockLayout.ACQUIRED_AT_OFFSET);
            long key = ((long) b.id << 48) ^ owner;
            seenKeys.add(key);
            long since = acquiredAt != 0 ? acquiredAt : firstSeen.computeIfAbsent(key, k -> nowNanos);
            b.heldFor = Optional.of(Duration.ofNanos(Math.max(0, nowNanos - since)));
            b.recovered = (seg.getIntPlain(base + LockLayout.FLAGS_OFFSET) & LockLayout.FLAG_RECOVERED) != 0;
        }
        b.recoveries = seg.getIntAcquire(base + LockLayout.RECOVERIES_OFFSET);
        if (b.recoveries > 0) {
            long recoveredAt = seg.getLongAcquire(base + LockLayout.RECOVERED_AT_OFFSET);
            b.deadOwner = Optional.of(procs.party(seg.getLongPlain(base + LockLayout.DEAD_OWNER_OFFSET), "", 1));
            b.recoveredAt = recoveredAt > 0 ? Optional.of(Instant.ofEpochMilli(recoveredAt)) : Optional.empty();
        }
        b.contended = seg.getLongAcquire(base + LockLayout.CONTENDED_OFFSET);
    }

    private static void readSemaphore(MappedRegion seg, int base, Builder b, Procs procs, PrimitiveKind kind) {
        b.value = seg.getIntAcquire(base + SemaphoreLayout.VALUE_OFFSET);
        b.maxValue = kind == PrimitiveKind.BOUNDED_SEMAPHORE ? seg.getIntPlain(base + SemaphoreLayout.MAX_VALUE_OFFSET)
                : -1;
        b.recoveries = seg.getIntAcquire(base + SemaphoreLayout.RETURNED_OFFSET);
        b.contended = seg.getLongAcquire(base + SemaphoreLayout.CONTENDED_OFFSET);
        Map<Long, Integer> netByProcess = new java.util.LinkedHashMap<>();
        for (int i = 0; i < SemaphoreLayout.HOLDERS; i++) {
            int off = base + SemaphoreLayout.holderOffset(i);
            long thread = seg.getLongAcquire(off);
            if (thread != 0) {
                netByProcess.merge(thread & 0xFFFFFFFF00000000L,
                        seg.getIntAcquire(off + SemaphoreLayout.HOLDER_NET_OFFSET), Integer::sum);
            }
        }
        List<PrimitiveSnapshot.Party> holders = new ArrayList<>();
        netByProcess.forEach((process, net) -> {
            if (net > 0) {
                holders.add(procs.party(process, "", net));
            }
        });
        b.holders = List.copyOf(holders);
    }

    private static void readBarrier(MappedRegion seg, int base, Builder b, Procs procs, int parties) {
        int state = seg.getIntAcquire(base + BarrierLayout.STATE_OFFSET);
        b.value = state == BarrierLayout.FILLING ? seg.getIntAcquire(base + BarrierLayout.COUNT_OFFSET) : 0;
        b.maxValue = parties;
        b.flag = state == BarrierLayout.BROKEN;
        b.contended = seg.getIntAcquire(base + BarrierLayout.CYCLES_OFFSET);
        long by = seg.getLongAcquire(base + BarrierLayout.BROKEN_BY_OFFSET);
        if (by != 0) {
            b.deadOwner = Optional.of(procs.party(by, "", 1));
        }
        List<PrimitiveSnapshot.Party> in = new ArrayList<>();
        for (int i = 0; i < parties; i++) {
            long id = seg.getLongAcquire(base + BarrierLayout.arrivedOffset(i));
            if (id != 0) {
                in.add(procs.party(id, "", 1));
            }
        }
        b.holders = List.copyOf(in);
    }

    /**
     * Reads a queue's header and the first {@code peekLimit} records without consuming them. Records are validated
     * after they are copied: if the head moved past one while it was read, a producer may have overwritten it, so
     * the peek stops there.
     */
    private QueueSnapshot readQueue(MappedRegion seg, int base, int id, PrimitiveKind kind, String name,
                                    List<PrimitiveSnapshot.Waiter> waiters, Procs procs) {
        int capacity = seg.getIntPlain(base + QueueLayout.CAPACITY_OFFSET);
        int maxsize = seg.getIntPlain(base + QueueLayout.MAXSIZE_OFFSET);
        long head = seg.getLongAcquire(base + QueueLayout.HEAD_OFFSET);
        long tail = seg.getLongAcquire(base + QueueLayout.TAIL_OFFSET);
        List<String> peek = new ArrayList<>();
        if (Integer.bitCount(capacity) == 1 && capacity >= 4096
                && (long) base + QueueLayout.HEADER_LENGTH + capacity <= seg.length()) {
            int data = base + QueueLayout.HEADER_LENGTH;
            long pos = head;
            while (pos < tail && peek.size() < peekLimit) {
                int at = (int) (pos & (capacity - 1));
                int len = seg.getIntPlain(data + at);
                int tag = seg.getIntPlain(data + at + 4);
                if (len < 0 || len > capacity - QueueLayout.RECORD_HEADER) {
                    break;
                }
                long next = pos + QueueLayout.RECORD_HEADER + (tag == QueueLayout.TAG_PAD ? len : ((len + 7) & ~7));
                String text = null;
                if (tag != QueueLayout.TAG_PAD) {
                    byte[] p = new byte[Math.min(len, 256)];
                    seg.getBytes(data + at + QueueLayout.RECORD_HEADER, p, 0, p.length);
                    if (tag == QueueLayout.TAG_BLOB && p.length >= 16) {
                        java.nio.ByteBuffer d = java.nio.ByteBuffer.wrap(p).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        long length = d.getLong();
                        d.getInt();
                        int realTag = d.getInt();
                        text = realTag == io.mpscope.multiprocessing.serialization.ItemCodec.JAVA
                                ? "object (" + length + " bytes, in a file)"
                                : io.mpscope.multiprocessing.serialization.ItemCodec.describe(realTag, new byte[0],
                                (int) length) + " (in a file)";
                    } else {
                        text = io.mpscope.multiprocessing.serialization.ItemCodec.describe(tag, p, len);
                    }
                }
                if (seg.getLongAcquire(base + QueueLayout.HEAD_OFFSET) > pos) {
                    break; // consumed (and maybe overwritten) while we read it
                }
                if (text != null) {
                    peek.add(text);
                }
                pos = next;
            }
        }
        int writers = 0;
        int readers = 0;
        if (kind == PrimitiveKind.PIPE) {
            for (int i = 0; i < QueueLayout.END_ROWS; i++) {
                long w = seg.getLongAcquire(base + QueueLayout.WRITERS_OFFSET + 8 * i);
                long rd = seg.getLongAcquire(base + QueueLayout.READERS_OFFSET + 8 * i);
                writers += w != 0 && procs.party(w, "", 1).alive() ? 1 : 0;
                readers += rd != 0 && procs.party(rd, "", 1).alive() ? 1 : 0;
            }
        }
        return new QueueSnapshot(id, kind, name, QueueLayout.items(seg, base),
                Math.max(0, tail - head), capacity, maxsize, seg.getLongPlain(base + QueueLayout.PUTS_OFFSET),
                seg.getLongPlain(base + QueueLayout.GETS_OFFSET), seg.getLongPlain(base + QueueLayout.BYTES_IN_OFFSET),
                seg.getLongPlain(base + QueueLayout.BYTES_OUT_OFFSET),
                QueueLayout.unfinished(seg, base), waiters, List.copyOf(peek),
                writers, readers);
    }

    private static Map<Integer, List<PrimitiveSnapshot.Waiter>> readWaiters(MappedRegion r, Procs procs, long now) {
        Map<Integer, List<PrimitiveSnapshot.Waiter>> out = new HashMap<>();
        for (int row = 0; row < WAITER_COUNT; row++) {
            int off = waiterOffset(row);
            if (r.getIntAcquire(off + W_STATE_OFFSET) != W_LIVE) {
                continue;
            }
            int primitive = r.getIntPlain(off + W_PRIMITIVE_OFFSET);
            long id = r.getLongPlain(off + W_WAITER_ID_OFFSET);
            long since = r.getLongPlain(off + W_SINCE_OFFSET);
            int kind = r.getIntPlain(off + W_KIND_OFFSET);
            String thread = r.getString(off + W_THREAD_OFFSET, W_THREAD_LENGTH);
            if (r.getIntAcquire(off + W_STATE_OFFSET) != W_LIVE) {
                continue; // ended while we read it
            }
            PrimitiveSnapshot.Party p = procs.party(id, thread, 1);
            if (!p.alive()) {
                continue; // a process killed while it waited leaves its row behind
            }
            String what = switch (kind) {
                case WAIT_ACQUIRE -> "acquire";
                case WAIT_CONDITION -> "wait";
                case WAIT_EVENT -> "event";
                case WAIT_BARRIER -> "barrier";
                case WAIT_GET -> "get";
                case WAIT_PUT -> "put";
                case WAIT_JOIN -> "join";
                default -> "wait";
            };
            out.computeIfAbsent(primitive, k -> new ArrayList<>())
                    .add(new PrimitiveSnapshot.Waiter(p, what, Duration.ofNanos(Math.max(0, now - since))));
        }
        out.replaceAll((k, v) -> {
            v.sort(Comparator.comparing(PrimitiveSnapshot.Waiter::waiting).reversed());
            return List.copyOf(v);
        });
        return out;
    }

    /** The summaries of every manager of the session (seqlock reads; a block being rewritten is retried). */
    List<ManagerSnapshot> readManagers(String sessionId, MappedRegion r) {
        List<ManagerSnapshot> out = new ArrayList<>();
        int n = Math.min(PRIMITIVE_COUNT, r.getIntAcquire(PRIMITIVE_NEXT_OFFSET));
        for (int i = 0; i < n; i++) {
            int off = primitiveOffset(i);
            if (r.getIntAcquire(off + P_STATE_OFFSET) != P_LIVE
                    || PrimitiveKind.ofCode(r.getIntPlain(off + P_KIND_OFFSET)) != PrimitiveKind.MANAGER) {
                continue;
            }
            MappedRegion seg = segment(sessionId, r.getIntPlain(off + P_SEGMENT_OFFSET),
                    r.getIntPlain(off + P_LENGTH_OFFSET));
            if (seg == null) {
                continue;
            }
            ManagerSnapshot m = ManagerReader.read(i, r.getString(off + P_NAME_OFFSET, P_NAME_LENGTH), seg,
                    r.getIntPlain(off + P_BLOCK_OFFSET));
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private MappedRegion segment(String sessionId, int segment, int length) {
        String name = SegmentArena.fileName(sessionId, segment);
        MappedRegion m = segments.get(name);
        if (m == null) {
            try {
                m = MappedRegion.openReadOnly(dir.resolve(name));
            } catch (IOException e) {
                return null;
            }
            segments.put(name, m);
        }
        return m;
    }

    /** Forgets the segments of sessions not in {@code live}, so their files can go. */
    void retainSessions(Set<String> live) {
        segments.keySet().removeIf(n -> !live.contains(SegmentArena.sessionOf(n)));
    }

    /** Mutable fields of one primitive while it is read. */
    private static final class Builder {
        final int id;
        final PrimitiveKind kind;
        final String name;
        final int creatorSlot;
        final Instant created;
        Optional<PrimitiveSnapshot.Party> owner = Optional.empty();
        int recursion;
        Optional<Duration> heldFor = Optional.empty();
        List<PrimitiveSnapshot.Waiter> waiters = List.of();
        long value;
        long maxValue;
        boolean flag;
        List<PrimitiveSnapshot.Party> holders = List.of();
        int lockRef = -1;
        String typeCode = "";
        int length;
        String contents = "";
        int recoveries;
        Optional<PrimitiveSnapshot.Party> deadOwner = Optional.empty();
        Optional<Instant> recoveredAt = Optional.empty();
        boolean recovered;
        long contended;

        Builder(int id, PrimitiveKind kind, String name, int creatorSlot, Instant created) {
            this.id = id;
            this.kind = kind;
            this.name = name;
            this.creatorSlot = creatorSlot;
            this.created = created;
        }

        PrimitiveSnapshot build() {
            return new PrimitiveSnapshot(id, kind, name, creatorSlot, created, owner, recursion, heldFor, waiters,
                    value, maxValue, flag, holders, lockRef, typeCode, length, contents, recoveries, deadOwner,
                    recoveredAt, recovered, contended);
        }
    }
}
