package io.mpscope.multiprocessing.observe;

import static io.mpscope.multiprocessing.shm.ManagerLayout.*;

import io.mpscope.multiprocessing.shm.MappedRegion;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a manager's summary block ({@link io.mpscope.multiprocessing.shm.ManagerLayout}) as a seqlock reader. */
final class ManagerReader {
    private ManagerReader() {
    }

    /** The block at {@code base} of {@code seg}, or null if the server kept rewriting it while we read. */
    static ManagerSnapshot read(int id, String name, MappedRegion seg, int base) {
        for (int attempt = 0; attempt < 20; attempt++) {
            long seq = seg.getLongAcquire(base + SEQ_OFFSET);
            if ((seq & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long pid = seg.getLongPlain(base + SERVER_PID_OFFSET);
            long published = seg.getLongPlain(base + PUBLISHED_MILLIS_OFFSET);
            int count = seg.getIntPlain(base + OBJECT_COUNT_OFFSET);
            int length = seg.getIntPlain(base + DATA_LENGTH_OFFSET);
            int flags = seg.getIntPlain(base + FLAGS_OFFSET);
            if (length < 0 || length > DATA_CAPACITY) {
                continue;
            }
            byte[] data = new byte[length];
            seg.getBytes(base + DATA_OFFSET, data, 0, length);
            VarHandle.acquireFence(); // the copies above happen before the re-read of seq below
            if (seg.getLongAcquire(base + SEQ_OFFSET) != seq) {
                continue;
            }
            if (seq == 0) {
                return null; // never published
            }
            try {
                return decode(id, name, pid, published, count, flags, data);
            } catch (IOException e) {
                return null; // cannot happen for a consistent copy; an observer shows nothing rather than fail
            }
        }
        return null;
    }

    private static ManagerSnapshot decode(int id, String name, long pid, long published, int count, int flags,
                                          byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        String address = in.readUTF();
        int listed = in.readInt();
        List<ManagerSnapshot.ManagedObject> objects = new ArrayList<>(listed);
        for (int i = 0; i < listed; i++) {
            long oid = in.readLong();
            String typeid = in.readUTF();
            int refs = in.readInt();
            int size = in.readInt();
            long changed = in.readLong();
            long changedPid = in.readLong();
            String by = in.readUTF();
            String op = in.readUTF();
            int n = in.readInt();
            List<ManagerSnapshot.Entry> entries = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                entries.add(new ManagerSnapshot.Entry(in.readUTF(), in.readUTF()));
            }
            Optional<ManagerSnapshot.Change> change = changed > 0
                    ? Optional.of(new ManagerSnapshot.Change(changedPid, by, op, Instant.ofEpochMilli(changed)))
                    : Optional.empty();
            objects.add(new ManagerSnapshot.ManagedObject(oid, typeid, refs, size, List.copyOf(entries), change));
        }
        boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return new ManagerSnapshot(id, name, pid, alive, address, (flags & FLAG_SHUT_DOWN) != 0,
                Instant.ofEpochMilli(published), count, (flags & FLAG_TRUNCATED) != 0, List.copyOf(objects));
    }
}
