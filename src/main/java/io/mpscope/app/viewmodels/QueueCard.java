package io.mpscope.app.viewmodels;

import io.mpscope.app.viewmodels.PrimitiveCard.Line;
import io.mpscope.app.viewmodels.PrimitiveCard.Tone;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Waiter;
import io.mpscope.multiprocessing.observe.QueueSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live card of one queue (Queue, SimpleQueue, JoinableQueue) or one direction of a Pipe: its depth in items
 * and bytes with the last {@value #HISTORY} depths, the put and get rates (from the counters of successive reads),
 * who waits on either side, a JoinableQueue's unfinished tasks, a pipe's ends, and the first items now in it.
 *
 * <p>Two steps per read: {@link #record} keeps the counters and depth of every read (also while the view is frozen,
 * so the history and rates have no gap), {@link #render} shows the latest in the properties, setting each only when
 * its text changes. Identified by the queue's directory id and updated in place. Confined to the FX thread; no Node.
 */
public final class QueueCard {
    /** Depths kept for the sparkline (about 30 s at 2 Hz). */
    public static final int HISTORY = 60;
    /** Waiter lines on the card (the last says "+N more" when there are more). */
    public static final int MAX_LINES = 2;
    /** Rates are taken over about this long, so they read calmly. */
    static final Duration RATE_WINDOW = Duration.ofMillis(2000);

    /**
     * One item now in the queue, as the contents panel shows it.
     *
     * @param position 1 for the next one out
     * @param text     short text of the item ({@code 'task 3'}, {@code 42}, {@code Job (312 bytes)})
     * @param fresh    put since the previous read shown
     */
    public record Item(int position, String text, boolean fresh) {
    }

    /** One read: when, and the depth and counters then. */
    private record Sample(Instant at, long items, long puts, long gets) {
    }

    private final int id;
    private final PrimitiveKind kind;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper direction = new ReadOnlyStringWrapper(this, "direction", "");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper inFlow = new ReadOnlyStringWrapper(this, "inFlow", "");
    private final ReadOnlyStringWrapper outFlow = new ReadOnlyStringWrapper(this, "outFlow", "");
    private final ReadOnlyBooleanWrapper inMoving = new ReadOnlyBooleanWrapper(this, "inMoving");
    private final ReadOnlyBooleanWrapper outMoving = new ReadOnlyBooleanWrapper(this, "outMoving");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper(this, "footer", "");
    private final ReadOnlyStringWrapper contentsDetail = new ReadOnlyStringWrapper(this, "contentsDetail", "");
    private final ReadOnlyStringWrapper more = new ReadOnlyStringWrapper(this, "more", "");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(this, "tone", Tone.NEUTRAL);
    private final ReadOnlyObjectWrapper<Series> history = new ReadOnlyObjectWrapper<>(this, "history", Series.EMPTY);
    private final ReadOnlyDoubleWrapper bound = new ReadOnlyDoubleWrapper(this, "bound");
    private final ReadOnlyBooleanWrapper full = new ReadOnlyBooleanWrapper(this, "full");
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<Line> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Item> readOnlyItems = FXCollections.unmodifiableObservableList(items);

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private QueueSnapshot latest;
    private Instant lastPutAt;
    private Instant lastGetAt;
    /** The puts counter when the items were last shown: items put after it are fresh. -1: nothing shown yet. */
    private long shownPuts = -1;

    QueueCard(int id, PrimitiveKind kind) {
        this.id = id;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    // ---- inputs ----

    /** Keeps one read of the queue taken at {@code at}; shown at the next {@link #render}. */
    void record(QueueSnapshot q, Instant at) {
        Sample last = samples.peekLast();
        if (last != null && (q.puts() < last.puts() || q.gets() < last.gets() || at.isBefore(last.at()))) {
            // counters went back: another queue now has this id (or the clock stepped); start afresh
            samples.clear();
            lastPutAt = null;
            lastGetAt = null;
            shownPuts = -1;
            last = null;
        }
        if (last != null && at.equals(last.at())) {
            samples.pollLast(); // the same tick read twice (a read-at-once right after a tick)
            last = samples.peekLast();
        }
        if (last != null) {
            if (q.puts() > last.puts()) {
                lastPutAt = at;
            }
            if (q.gets() > last.gets()) {
                lastGetAt = at;
            }
        }
        samples.addLast(new Sample(at, q.items(), q.puts(), q.gets()));
        while (samples.size() > HISTORY) {
            samples.pollFirst();
        }
        latest = q;
    }

    /** Shows the latest read in the properties. */
    void render() {
        QueueSnapshot q = latest;
        if (q == null) {
            return;
        }
        boolean pipe = kind == PrimitiveKind.PIPE;
        String[] nd = splitDirection(q.name());
        set(name, nd[0]);
        set(direction, nd[1]);
        boolean bounded = q.maxsize() > 0;
        // an unbounded queue or a pipe is full when its ring is (a record is padded, so "nearly" is as full)
        boolean isFull = bounded ? q.items() >= q.maxsize() : q.capacity() > 0 && q.bytes() * 10 >= q.capacity() * 9L;
        boolean eof = pipe && q.writers() == 0 && q.items() == 0;
        long putWaiters = q.waiters().stream().filter(w -> w.kind().equals("put")).count();

        String head;
        if (eof) {
            head = "EOF: nothing left to receive";
        } else if (q.items() == 0) {
            head = "empty";
        } else if (pipe) {
            head = plural(q.items(), "message") + " waiting";
        } else if (bounded) {
            head = q.items() + " of " + q.maxsize() + (q.maxsize() == 1 ? " item" : " items")
                    + (isFull ? " \u00b7 full" : "");
        } else {
            head = plural(q.items(), "item");
        }
        set(headline, head);

        List<String> parts = new ArrayList<>();
        if (pipe) {
            parts.add(nd[1].isEmpty() ? "one way" : nd[1]);
            parts.add(q.writers() == 0 ? "no writer" : plural(q.writers(), "writer"));
            parts.add(q.readers() == 0 ? "no reader" : plural(q.readers(), "reader"));
        } else {
            if (kind == PrimitiveKind.JOINABLE_QUEUE) {
                parts.add(q.unfinished() + " unfinished");
            }
            parts.add(bounded ? "maxsize " + q.maxsize() : "unbounded");
            parts.add(bytes(q.bytes()) + " of " + bytes(q.capacity()));
        }
        set(detail, String.join(" \u00b7 ", parts));

        Instant now = samples.getLast().at();
        double inRate = rate(true);
        double outRate = rate(false);
        set(inFlow, flow(pipe ? "sent" : "put", inRate, lastPutAt, now));
        set(outFlow, flow(pipe ? "received" : "got", outRate, lastGetAt, now));
        setIfChanged(inMoving, inRate > 0);
        setIfChanged(outMoving, outRate > 0);

        String warn = "";
        Tone t;
        if (pipe && q.readers() == 0 && q.items() > 0) {
            t = Tone.ALERT;
            warn = "no process holds the receiving end: " + plural(q.items(), "message") + " will not be read";
        } else if (pipe && q.writers() == 0 && !eof) {
            t = Tone.BUSY;
            warn = "sending end closed: EOF once these are received";
        } else if (isFull || putWaiters > 0) {
            t = Tone.CONTENDED;
            if (putWaiters > 0) {
                String who = pipe ? "sender" : "producer";
                warn = "full: " + (putWaiters == 1 ? "1 " + who + " waits" : putWaiters + " " + who + "s wait")
                        + " for room";
            }
        } else if (q.items() > 0) {
            t = Tone.BUSY;
        } else {
            t = Tone.NEUTRAL;
        }
        set(note, warn);
        if (tone.get() != t) {
            tone.set(t);
        }
        if (full.get() != isFull) {
            full.set(isFull);
        }
        double b = bounded ? q.maxsize() : 0;
        if (bound.get() != b) {
            bound.set(b);
        }
        double[] depths = new double[samples.size()];
        int i = 0;
        for (Sample s : samples) {
            depths[i++] = s.items();
        }
        Series h = Series.wrap(depths);
        if (!h.equals(history.get())) {
            history.set(h);
        }

        String foot = (pipe ? "sent " : "put ") + count(q.puts()) + " \u00b7 " + (pipe ? "received " : "got ")
                + count(q.gets());
        if (kind == PrimitiveKind.JOINABLE_QUEUE) {
            foot += " \u00b7 done " + count(Math.max(0, q.puts() - q.unfinished()));
        }
        set(footer, foot);

        List<Line> next = new ArrayList<>();
        for (Waiter w : q.waiters()) {
            String thread = w.party().thread();
            String who = w.party().label() + (thread.isEmpty() || thread.equals("main") ? "" : " " + thread);
            next.add(new Line("waits", who, waitText(w, pipe), !w.party().alive()));
        }
        List<Line> shown = next;
        if (next.size() > MAX_LINES) {
            shown = new ArrayList<>(next.subList(0, MAX_LINES - 1));
            shown.add(new Line("", "+" + (next.size() - MAX_LINES + 1) + " more waiting", "", false));
        }
        if (!shown.equals(lines)) {
            lines.setAll(shown);
        }

        // Item k of the peek is the (gets + k + 1)th item ever put: a FIFO ring hands items out in put order.
        List<Item> now2 = new ArrayList<>(q.peek().size());
        for (int k = 0; k < q.peek().size(); k++) {
            long seq = q.gets() + k + 1;
            now2.add(new Item(k + 1, q.peek().get(k), shownPuts >= 0 && seq > shownPuts));
        }
        shownPuts = q.puts();
        if (!now2.equals(items)) {
            items.setAll(now2);
        }
        long notShown = q.items() - q.peek().size();
        set(more, notShown > 0 ? "+ " + count(notShown) + " more " + (notShown == 1 ? (pipe ? "message" : "item")
                : (pipe ? "messages" : "items")) + " after these" : "");
        set(contentsDetail, contentsText(q, pipe, eof));
    }

    private static String contentsText(QueueSnapshot q, boolean pipe, boolean eof) {
        if (eof) {
            return "empty, and no process can send any more";
        }
        if (q.items() == 0) {
            return "empty";
        }
        String n = plural(q.items(), pipe ? "message" : "item");
        return n + (q.peek().isEmpty() ? "" : " \u00b7 next out at the top");
    }

    /** The rate of puts (or gets) per second over the last {@link #RATE_WINDOW}; NaN before two reads. */
    private double rate(boolean puts) {
        Sample newest = samples.peekLast();
        Sample from = null;
        Iterator<Sample> back = samples.descendingIterator();
        back.next();
        while (back.hasNext()) {
            Sample s = back.next();
            if (Duration.between(s.at(), newest.at()).compareTo(RATE_WINDOW.plusMillis(250)) > 0) {
                break;
            }
            from = s;
        }
        if (from == null) {
            return Double.NaN; // one read, or reads too far apart (the view was hidden): no rate yet
        }
        double seconds = Duration.between(from.at(), newest.at()).toNanos() / 1e9;
        long delta = puts ? newest.puts() - from.puts() : newest.gets() - from.gets();
        return seconds <= 0 ? Double.NaN : delta / seconds;
    }

    /** "put 4.0/s"; when nothing moves, for how long: "got idle 12s"; before a rate: "put …". */
    static String flow(String verb, double rate, Instant last, Instant now) {
        if (Double.isNaN(rate)) {
            return verb + " \u2026";
        }
        if (rate > 0) {
            return verb + " " + perSecond(rate);
        }
        if (last == null) {
            return verb + " 0/s";
        }
        return verb + " idle " + PrimitiveCard.duration(Duration.between(last, now));
    }

    /** "0.5/s", "4.0/s", "12/s", "1.2k/s". */
    static String perSecond(double r) {
        if (r >= 1000) {
            return String.format(Locale.ROOT, "%.1fk/s", r / 1000);
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.0f/s", r);
        }
        return String.format(Locale.ROOT, "%.1f/s", r);
    }

    private static String waitText(Waiter w, boolean pipe) {
        String d = PrimitiveCard.duration(w.waiting());
        switch (w.kind()) {
            case "get":
                return (pipe ? "waits to receive " : "waits to get ") + d;
            case "put":
                return (pipe ? "waits to send " : "waits for room ") + d;
            case "join":
                return "joins " + d;
            case "acquire": // for the put (or get) lock, held by a producer (consumer) ahead of it
                return "waits its turn " + d;
            default:
                return "waits " + d;
        }
    }

    /** A pipe direction's name split into the pipe's name and the way it goes: "ping (to conn1)" → ping, to conn1. */
    static String[] splitDirection(String name) {
        for (String end : new String[] {" (to conn1)", " (to conn2)"}) {
            if (name.endsWith(end)) {
                return new String[] {name.substring(0, name.length() - end.length()),
                        end.substring(2, end.length() - 1)};
            }
        }
        return new String[] {name, ""};
    }

    /** "512 B", "1.5 KiB", "64 KiB", "3.2 MiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double k = n / 1024.0;
        if (k < 1024) {
            return trim(k) + " KiB";
        }
        return trim(k / 1024) + " MiB";
    }

    private static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String plural(long n, String what) {
        return count(n) + " " + what + (n == 1 ? "" : "s");
    }

    private static void set(ReadOnlyStringWrapper p, String v) {
        if (!v.equals(p.get())) {
            p.set(v);
        }
    }

    private static void setIfChanged(ReadOnlyBooleanWrapper p, boolean v) {
        if (p.get() != v) {
            p.set(v);
        }
    }

    // ---- outputs ----

    /** The queue's directory id in its session. */
    public int getId() {
        return id;
    }

    /** Its CPython class name: {@code Queue}, {@code SimpleQueue}, {@code JoinableQueue}, {@code Pipe}. */
    public String getKind() {
        return kind.pythonName();
    }

    /** True for one direction of a pipe. */
    public boolean isPipe() {
        return kind == PrimitiveKind.PIPE;
    }

    /** The program's name for it ({@code tasks}, or a default like {@code Queue-4}); a pipe's without its way. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** A pipe direction's way: "to conn1", "to conn2", or empty (a one-way or unnamed pipe, a queue). */
    public ReadOnlyStringProperty directionProperty() {
        return direction.getReadOnlyProperty();
    }

    /** "7 of 10 items · full", "12 items", "empty", "3 messages waiting", "EOF: nothing left to receive". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** "maxsize 10 · 1.2 KiB of 64 KiB", "4 unfinished · unbounded · ...", "to conn1 · 2 writers · 1 reader". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The way in: "put 4.0/s", "put idle 12s" (nothing put for 12 s), "put 0/s" (nothing put yet), "sent 2.0/s". */
    public ReadOnlyStringProperty inFlowProperty() {
        return inFlow.getReadOnlyProperty();
    }

    /** The way out: "got 2.0/s", "received idle 3s". */
    public ReadOnlyStringProperty outFlowProperty() {
        return outFlow.getReadOnlyProperty();
    }

    /** True while items come in (puts in the last couple of seconds). */
    public ReadOnlyBooleanProperty inMovingProperty() {
        return inMoving.getReadOnlyProperty();
    }

    /** True while items go out. */
    public ReadOnlyBooleanProperty outMovingProperty() {
        return outMoving.getReadOnlyProperty();
    }

    /** "full: 2 producers wait for room", "no process holds the receiving end: ...", or empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Counters: "put 1,234 · got 1,222", "... · done 1,210", "sent 40 · received 40". */
    public ReadOnlyStringProperty footerProperty() {
        return footer.getReadOnlyProperty();
    }

    /** For the contents panel: "12 items · next out at the top", "empty". */
    public ReadOnlyStringProperty contentsDetailProperty() {
        return contentsDetail.getReadOnlyProperty();
    }

    /** "+ 80 more items after these" when the queue holds more than the items read, else empty. */
    public ReadOnlyStringProperty moreProperty() {
        return more.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** The depths of the last reads (at most {@value #HISTORY}), oldest first. */
    public ReadOnlyObjectProperty<Series> historyProperty() {
        return history.getReadOnlyProperty();
    }

    /** The bound in items (maxsize), or 0 for an unbounded queue: the sparkline's top. */
    public ReadOnlyDoubleProperty boundProperty() {
        return bound.getReadOnlyProperty();
    }

    /** True while it holds maxsize items (or its ring is full). */
    public ReadOnlyBooleanProperty fullProperty() {
        return full.getReadOnlyProperty();
    }

    /** Who waits on either side, longest first; at most {@value #MAX_LINES}. */
    public ObservableList<Line> getLines() {
        return readOnlyLines;
    }

    /** The first items now in it (up to what the sampler peeks at), the next one out first. */
    public ObservableList<Item> getItems() {
        return readOnlyItems;
    }

    public String getName() {
        return name.get();
    }

    public String getDirection() {
        return direction.get();
    }

    public String getHeadline() {
        return headline.get();
    }

    public String getDetail() {
        return detail.get();
    }

    public String getInFlow() {
        return inFlow.get();
    }

    public String getOutFlow() {
        return outFlow.get();
    }

    public String getNote() {
        return note.get();
    }

    public String getFooter() {
        return footer.get();
    }

    public String getMore() {
        return more.get();
    }

    public Tone getTone() {
        return tone.get();
    }

    public Series getHistory() {
        return history.get();
    }

    /** The full name as the library lists it ({@code ping (to conn1)}). */
    public String getFullName() {
        return latest == null ? "" : latest.name();
    }

    @Override
    public String toString() {
        return "QueueCard[" + kind.pythonName() + " '" + getFullName() + "' " + getHeadline() + "]";
    }
}
