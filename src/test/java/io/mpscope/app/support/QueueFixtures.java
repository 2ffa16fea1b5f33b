package io.mpscope.app.support;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Waiter;
import io.mpscope.multiprocessing.observe.QueueSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made queue snapshots for tests without processes, filled the way the library fills them: a queue's entry in
 * the primitives list ({@link #entry}) and its {@link QueueSnapshot} with depth, counters and the first items.
 */
public final class QueueFixtures {
    /** The ring's size, as the library makes it. */
    public static final int CAPACITY = 1 << 20;

    private QueueFixtures() {
    }

    /** A builder of one queue or pipe direction. */
    public static Builder queue(int id, PrimitiveKind kind, String name) {
        return new Builder(id, kind, name);
    }

    /** The primitives-list entry of {@code q}, as the library lists a queue beside the locks. */
    public static PrimitiveSnapshot entry(QueueSnapshot q) {
        return PrimitiveFixtures.of(q.id(), q.kind(), q.name()).value(q.items()).maxValue(q.maxsize())
                .waiters(q.waiters().toArray(new Waiter[0])).data("", (int) q.items(), String.join(", ", q.peek()))
                .contended(q.puts()).build();
    }

    /** Fills one queue snapshot. */
    public static final class Builder {
        private final int id;
        private final PrimitiveKind kind;
        private final String name;
        private int maxsize;
        private long puts;
        private long gets;
        private long unfinished;
        private List<Waiter> waiters = List.of();
        private List<String> peek = List.of();
        private long items = -1;
        private long bytesPerItem = 40;
        private int writers = 1;
        private int readers = 1;

        Builder(int id, PrimitiveKind kind, String name) {
            this.id = id;
            this.kind = kind;
            this.name = name;
        }

        public Builder maxsize(int n) {
            maxsize = n;
            return this;
        }

        /** {@code puts} items put and {@code gets} taken: {@code puts - gets} in it, unless {@link #items} says. */
        public Builder counters(long puts, long gets) {
            this.puts = puts;
            this.gets = gets;
            return this;
        }

        public Builder items(long n) {
            items = n;
            return this;
        }

        public Builder unfinished(long n) {
            unfinished = n;
            return this;
        }

        public Builder waiters(Waiter... ws) {
            waiters = List.of(ws);
            return this;
        }

        public Builder peek(String... texts) {
            peek = List.of(texts);
            return this;
        }

        /** Items {@code 'task <gets+1>'} ... as the peek reads them: the next {@code n} after the taken ones. */
        public Builder peekTasks(int n) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add("'task " + (gets + i + 1) + "'");
            }
            peek = List.copyOf(out);
            return this;
        }

        public Builder ends(int writerCount, int readerCount) {
            writers = writerCount;
            readers = readerCount;
            return this;
        }

        public Builder bytesPerItem(long n) {
            bytesPerItem = n;
            return this;
        }

        public QueueSnapshot build() {
            long n = items >= 0 ? items : Math.max(0, puts - gets);
            return new QueueSnapshot(id, kind, name, n, n * bytesPerItem, CAPACITY, maxsize, puts, gets,
                    puts * 32, gets * 32, unfinished, waiters, peek, kind == PrimitiveKind.PIPE ? writers : 0,
                    kind == PrimitiveKind.PIPE ? readers : 0);
        }
    }
}
