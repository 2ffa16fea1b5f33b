package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Party;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live card of one shared primitive: what it is, its state in one headline ("held by philosopher-1",
 * "SET", "1 of 2 free", "2 of 3 arrived", "3.5"), a detail line, its permits or parties as slots, up to
 * {@value #MAX_LINES} lines of holders and waiters, a warning note, and a footer with counters. Identified by the
 * primitive's directory id and updated in place, tick by tick, so the view keeps its nodes; a property is set only
 * when its text changes. Confined to the FX thread; no Node.
 */
public final class PrimitiveCard {
    /** How many holder and waiter lines a card shows (the last says "+N more" when there are more). */
    public static final int MAX_LINES = 3;
    /** The most slots drawn (permits or parties); beyond that the headline says the numbers. */
    public static final int MAX_SLOTS = 12;

    /** The colour a card takes. */
    public enum Tone {
        /** Nothing to say: free lock, clear event, a value. */
        NEUTRAL,
        /** Free, set, permits left. */
        GOOD,
        /** Held or full, nobody waits. */
        BUSY,
        /** Held or full, and someone waits. */
        CONTENDED,
        /** Held by a lock taken over from a dead owner. */
        RECOVERED,
        /** A deadlock, a dead owner, a broken barrier. */
        ALERT
    }

    /**
     * One line under the headline.
     *
     * @param role   {@code holds}, {@code waits}, {@code arrived}, {@code lock}, or empty for "+N more"
     * @param who    "clerk-2 (pid 4711)", with the thread's name unless it is {@code main}
     * @param detail what it does and for how long: "waits 3s", "holds 2" (permits), "arrived" (at a barrier)
     * @param alert  shown in red (a dead process, a deadlock)
     */
    public record Line(String role, String who, String detail, boolean alert) {
    }

    private final int id;
    private final PrimitiveKind kind;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper(this, "note", "");
    private final ReadOnlyStringWrapper footer = new ReadOnlyStringWrapper(this, "footer", "");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(this, "tone", Tone.NEUTRAL);
    private final ReadOnlyIntegerWrapper slots = new ReadOnlyIntegerWrapper(this, "slots");
    private final ReadOnlyIntegerWrapper filled = new ReadOnlyIntegerWrapper(this, "filled");
    private final ReadOnlyBooleanWrapper inCycle = new ReadOnlyBooleanWrapper(this, "inCycle");
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<Line> readOnlyLines = FXCollections.unmodifiableObservableList(lines);

    /**
     * What a card needs to know besides its own snapshot.
     *
     * @param companion   the primitive its {@code lockRef} names (a Value's, Array's or Condition's lock, a
     *                    Barrier's condition), or null
     * @param inCycle     whether it is in a deadlock cycle
     * @param threadNames thread names by "slot:threadId", from the session's wait rows (owners come without)
     */
    record Context(PrimitiveSnapshot companion, boolean inCycle, Map<String, String> threadNames) {
    }

    PrimitiveCard(int id, PrimitiveKind kind) {
        this.id = id;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Takes the primitive's state at one moment. */
    void update(PrimitiveSnapshot p, Context ctx) {
        set(name, p.name());
        inCycle.set(ctx.inCycle());
        List<Line> next = new ArrayList<>();
        int slotCount = 0;
        int filledCount = 0;
        String head;
        String det = "";
        String warn = "";
        String foot;
        Tone t;
        switch (kind) {
            case LOCK, RLOCK -> {
                if (p.owner().isPresent()) {
                    Party o = p.owner().get();
                    head = "held by " + o.process();
                    List<String> parts = new ArrayList<>();
                    parts.add("pid " + o.pid());
                    String thread = threadName(o, ctx);
                    if (!thread.isEmpty()) {
                        parts.add("thread " + thread);
                    }
                    p.heldFor().ifPresent(d -> parts.add("for " + duration(d)));
                    if (kind == PrimitiveKind.RLOCK) {
                        parts.add("recursion " + p.recursion());
                    }
                    det = String.join(" \u00b7 ", parts);
                    if (!o.alive()) {
                        t = Tone.ALERT;
                        warn = "owner pid " + o.pid() + " has died: the next waiter takes the lock over";
                    } else if (p.recovered()) {
                        t = Tone.RECOVERED;
                        warn = "recovered from dead owner" + p.deadOwner().map(d -> " (pid " + d.pid() + ")")
                                .orElse("") + ": the data it guards may be inconsistent";
                    } else {
                        t = p.waiters().isEmpty() ? Tone.BUSY : Tone.CONTENDED;
                    }
                } else {
                    head = "free";
                    t = Tone.GOOD;
                }
                waiters(p.waiters(), next, ctx.inCycle());
                foot = "contended " + p.contended() + "\u00d7";
                if (p.recoveries() > 0 && !p.recovered()) {
                    foot += " \u00b7 taken over from dead owners " + p.recoveries() + "\u00d7"
                            + p.deadOwner().map(d -> " (last pid " + d.pid() + ")").orElse("");
                }
            }
            case SEMAPHORE, BOUNDED_SEMAPHORE -> {
                int taken = p.holders().stream().mapToInt(Party::count).sum();
                long free = Math.max(0, p.value());
                boolean bounded = kind == PrimitiveKind.BOUNDED_SEMAPHORE && p.maxValue() > 0;
                long total = bounded ? p.maxValue() : free + taken;
                head = free + " of " + total + " free";
                det = bounded ? "bounded: at most " + p.maxValue() + " permits"
                        : "permits now: " + free + " free, " + taken + " taken";
                if (total <= MAX_SLOTS) {
                    slotCount = (int) total;
                    filledCount = (int) Math.min(total, Math.max(0, total - free));
                }
                for (Party h : p.holders()) {
                    next.add(new Line("holds", h.label(), h.count() == 1 ? "holds 1" : "holds " + h.count(),
                            !h.alive()));
                }
                waiters(p.waiters(), next, false);
                t = free > 0 ? Tone.GOOD : p.waiters().isEmpty() ? Tone.BUSY : Tone.CONTENDED;
                foot = "contended " + p.contended() + "\u00d7";
                if (p.recoveries() > 0) {
                    warn = p.recoveries() + (p.recoveries() == 1 ? " permit" : " permits")
                            + " returned from dead holders";
                }
            }
            case EVENT -> {
                head = p.flag() ? "SET" : "CLEAR";
                det = waiting(p.waiters().size());
                t = p.flag() ? Tone.GOOD : p.waiters().isEmpty() ? Tone.NEUTRAL : Tone.BUSY;
                waiters(p.waiters(), next, false);
                foot = "set " + p.contended() + "\u00d7";
            }
            case CONDITION -> {
                head = waiting(Math.max(p.waiters().size(), (int) p.value()));
                det = ctx.companion() == null ? "" : lockState(ctx.companion());
                t = p.waiters().isEmpty() ? Tone.NEUTRAL : Tone.BUSY;
                waiters(p.waiters(), next, false);
                foot = "woke a waiter " + p.contended() + "\u00d7";
            }
            case BARRIER -> {
                int parties = (int) p.maxValue();
                int arrived = (int) Math.max(0, p.value());
                if (parties <= MAX_SLOTS) {
                    slotCount = parties;
                    filledCount = Math.min(parties, arrived);
                }
                if (p.flag()) {
                    head = "BROKEN";
                    t = Tone.ALERT;
                    warn = "broken" + p.deadOwner().map(d -> ": party " + d.label() + " died").orElse("")
                            + "; waiters get BrokenBarrierException";
                } else {
                    head = arrived + " of " + parties + " arrived";
                    t = arrived > 0 ? Tone.BUSY : Tone.NEUTRAL;
                }
                det = parties + (parties == 1 ? " party" : " parties");
                // (how long a party has waited is not known: it waits on the condition in short slices)
                for (Party h : p.holders()) {
                    next.add(new Line("arrived", h.label(), h.alive() ? "arrived" : "died", !h.alive()));
                }
                foot = "cycles completed " + p.contended();
            }
            default -> { // VALUE, ARRAY
                head = p.contents().isEmpty() ? "(unreadable)" : p.contents();
                String type = typeName(p.typeCode());
                det = kind == PrimitiveKind.ARRAY ? type + "[" + p.length() + "]" : type;
                det += "  \u00b7  typecode '" + p.typeCode() + "'";
                t = Tone.NEUTRAL;
                if (ctx.companion() != null) {
                    PrimitiveSnapshot l = ctx.companion();
                    if (l.owner().isPresent()) {
                        next.add(new Line("lock", "lock held by " + l.owner().get().label(),
                                l.heldFor().map(d -> "for " + duration(d)).orElse(""), !l.owner().get().alive()));
                    }
                    waiters(l.waiters(), next, false);
                    foot = "lock " + (l.owner().isPresent() ? "held" : "free") + " \u00b7 contended "
                            + l.contended() + "\u00d7";
                } else {
                    foot = "no lock (raw)";
                }
            }
        }
        if (ctx.inCycle()) {
            t = Tone.ALERT;
            warn = "in a deadlock (see the graph)";
        }
        set(headline, head);
        set(detail, det);
        set(note, warn);
        set(footer, foot);
        if (tone.get() != t) {
            tone.set(t);
        }
        if (slots.get() != slotCount) {
            slots.set(slotCount);
        }
        if (filled.get() != filledCount) {
            filled.set(filledCount);
        }
        List<Line> shown = next;
        if (next.size() > MAX_LINES) {
            shown = new ArrayList<>(next.subList(0, MAX_LINES - 1));
            shown.add(new Line("", "+" + (next.size() - MAX_LINES + 1) + " more", "", false));
        }
        if (!shown.equals(lines)) {
            lines.setAll(shown);
        }
    }

    private static void waiters(List<Waiter> waiters, List<Line> out, boolean alert) {
        for (Waiter w : waiters) {
            String thread = w.party().thread();
            String who = w.party().label() + (thread.isEmpty() || thread.equals("main") ? "" : " " + thread);
            out.add(new Line("waits", who, "waits " + duration(w.waiting()), alert || !w.party().alive()));
        }
    }

    private static String lockState(PrimitiveSnapshot lock) {
        String n = "lock '" + lock.name() + "'";
        return lock.owner().map(o -> n + " held by " + o.label()).orElse(n + " free");
    }

    private static String threadName(Party o, Context ctx) {
        if (!o.thread().isEmpty()) {
            return o.thread();
        }
        String known = ctx.threadNames().get(o.slot() + ":" + o.threadId());
        return known != null ? known : o.threadId() > 0 ? "id " + o.threadId() : "";
    }

    private static String waiting(int n) {
        return n == 0 ? "nobody waiting" : n + " waiting";
    }

    /** A wait or hold in whole seconds, as the process table's ages: {@code <1s}, {@code 42s}, {@code 3m 05s}. */
    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 1) {
            return "<1s";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    /** CPython's C type for a typecode letter. */
    static String typeName(String typeCode) {
        switch (typeCode) {
            case "c": return "char";
            case "b": return "signed char";
            case "B": return "unsigned char";
            case "h": return "short";
            case "H": return "unsigned short";
            case "i": return "int";
            case "I": return "unsigned int";
            case "l": return "long";
            case "L": return "unsigned long";
            case "q": return "long long";
            case "Q": return "unsigned long long";
            case "f": return "float";
            case "d": return "double";
            default: return typeCode;
        }
    }

    private static void set(ReadOnlyStringWrapper p, String v) {
        if (!v.equals(p.get())) {
            p.set(v);
        }
    }

    /** The primitive's directory id in its session. */
    public int getId() {
        return id;
    }

    /** Its CPython class name: {@code Lock}, {@code BoundedSemaphore}, ... */
    public String getKind() {
        return kind.pythonName();
    }

    /** True for a Value or Array: the headline is its contents (shown in a fixed-width font). */
    public boolean isData() {
        return kind == PrimitiveKind.VALUE || kind == PrimitiveKind.ARRAY;
    }

    /** True for an Event: the headline is its flag (shown big). */
    public boolean isFlag() {
        return kind == PrimitiveKind.EVENT;
    }

    /** The program's name for it, or a default such as {@code Lock-3}. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** "held by philosopher-1", "free", "SET", "1 of 2 free", "2 of 3 arrived", "[1, 2, 3]". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** "pid 4711 · thread main · for 12s · recursion 2", "bounded: at most 3 permits", "int[8] · typecode 'i'". */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** A warning ("recovered from dead owner (pid 4711)...", "in a deadlock..."), or empty. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Counters: "contended 3×", "set 2×", "cycles completed 1". */
    public ReadOnlyStringProperty footerProperty() {
        return footer.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** Semaphores: permits; barriers: parties; else 0 (no slots drawn). */
    public ReadOnlyIntegerProperty slotsProperty() {
        return slots.getReadOnlyProperty();
    }

    /** How many slots are taken (permits held, parties arrived). */
    public ReadOnlyIntegerProperty filledProperty() {
        return filled.getReadOnlyProperty();
    }

    /** True while it is part of a deadlock cycle. */
    public ReadOnlyBooleanProperty inCycleProperty() {
        return inCycle.getReadOnlyProperty();
    }

    /** Holders, arrivals and waiters, longest wait first; at most {@value #MAX_LINES}. */
    public ObservableList<Line> getLines() {
        return readOnlyLines;
    }

    public String getName() {
        return name.get();
    }

    public String getHeadline() {
        return headline.get();
    }

    public String getDetail() {
        return detail.get();
    }

    public String getNote() {
        return note.get();
    }

    public String getFooter() {
        return footer.get();
    }

    public Tone getTone() {
        return tone.get();
    }

    public int getSlots() {
        return slots.get();
    }

    public int getFilled() {
        return filled.get();
    }

    public boolean isInCycle() {
        return inCycle.get();
    }

    @Override
    public String toString() {
        return "PrimitiveCard[" + kind.pythonName() + " '" + getName() + "' " + getHeadline() + "]";
    }
}
