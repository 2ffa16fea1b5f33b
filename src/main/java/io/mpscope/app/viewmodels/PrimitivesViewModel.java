package io.mpscope.app.viewmodels;

import io.mpscope.app.services.DialogService;
import io.mpscope.app.services.PrimitivesUpdate;
import io.mpscope.multiprocessing.observe.PrimitiveKind;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.WaitForGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Primitives view of one session: a live {@link PrimitiveCard} per shared primitive (Lock, RLock, Semaphore,
 * BoundedSemaphore, Event, Condition, Barrier, Value, Array), the wait-for graph, and the deadlocks in it.
 *
 * <p>Which session: the one chosen on the left ({@link SessionsViewModel#scopeProperty()}); else the session of the
 * process selected in the table; else the only session, if only one runs. The sampler is told which session to read
 * and whether the view shows ({@link Watcher}); its reads arrive through {@link #apply}. While the window is frozen
 * ({@link SessionsViewModel#frozenProperty()}) the cards and graph hold still, as the tables do; a new deadlock is
 * still announced.
 *
 * <p>The locks a Value, Array, Condition or Barrier made for itself ({@code progress.lock}, {@code seated.cond}) are
 * shown on their owner's card, not as cards of their own, unless they are part of a deadlock.
 *
 * <p>Queues and pipe directions get cards of their own in {@link #queues()}, with their depth history, rates and
 * items; they are not among the primitive cards.
 *
 * <p>Confined to the FX thread (or, in tests, to one thread); never blocks; no Node.
 */
public final class PrimitivesViewModel {
    /** Tells the sampler what to read: a session id (empty: none) and whether the view shows. */
    @FunctionalInterface
    public interface Watcher {
        void watch(String sessionId, boolean shown);
    }

    private final DialogService dialogs;
    private final Watcher watcher;
    private final ObservableList<PrimitiveCard> cards = FXCollections.observableArrayList();
    private final ObservableList<PrimitiveCard> readOnlyCards = FXCollections.unmodifiableObservableList(cards);
    private final Map<Integer, PrimitiveCard> byId = new HashMap<>();
    private final ReadOnlyObjectWrapper<WaitGraphModel> graph = new ReadOnlyObjectWrapper<>(this, "graph",
            WaitGraphModel.EMPTY);
    private final ReadOnlyStringWrapper sessionId = new ReadOnlyStringWrapper(this, "sessionId", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Primitives");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder", "");
    private final ReadOnlyStringWrapper tabText = new ReadOnlyStringWrapper(this, "tabText", "Primitives");
    private final ReadOnlyBooleanWrapper deadlock = new ReadOnlyBooleanWrapper(this, "deadlock");
    private final ReadOnlyStringWrapper deadlockText = new ReadOnlyStringWrapper(this, "deadlockText", "");
    private final ReadOnlyStringWrapper deadlockDetail = new ReadOnlyStringWrapper(this, "deadlockDetail", "");
    private final ReadOnlyBooleanWrapper frozen = new ReadOnlyBooleanWrapper(this, "frozen");
    private final QueuesViewModel queues = new QueuesViewModel();

    private SessionsViewModel sessions;
    private Row selectedRow;
    private boolean shown;
    private String sessionName = "";
    private PrimitivesUpdate received;
    private PrimitivesUpdate rendered;
    /** The cycles announced for the current session (by their members), so each is announced once. */
    private Set<String> announced = new HashSet<>();

    /**
     * @param dialogs announces deadlocks ({@link DialogService#warn})
     * @param watcher tells the sampler what to read
     */
    public PrimitivesViewModel(DialogService dialogs, Watcher watcher) {
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        resolve();
    }

    // ---- inputs ----

    /** Follows the sessions, the chosen session and the freeze of {@code s}. */
    public void follow(SessionsViewModel s) {
        this.sessions = Objects.requireNonNull(s, "sessions");
        InvalidationListener again = o -> resolve();
        s.scopeProperty().addListener(again);
        s.getSessions().addListener((ListChangeListener<SessionRow>) c -> resolve());
        s.frozenProperty().addListener((o, was, is) -> setFrozen(is));
        setFrozen(s.isFrozen());
        resolve();
    }

    /** The row selected in the process table (its session is shown when none is chosen on the left), or null. */
    public void selectRow(Row row) {
        selectedRow = row;
        resolve();
    }

    /** Whether the view is on screen (the sampler then reads at full rate). */
    public void setShown(boolean on) {
        if (shown != on) {
            shown = on;
            watcher.watch(sessionId.get(), shown);
        }
    }

    /** Takes one read of the sampler; a read of another session than the shown one is dropped. */
    public void apply(PrimitivesUpdate u) {
        if (!u.sessionId().equals(sessionId.get())) {
            return;
        }
        received = u;
        u.snapshot().ifPresent(this::announce);
        u.queues().ifPresent(q -> queues.record(q, u.takenAt())); // also while frozen: no gap in the history
        if (!frozen.get()) {
            render(u);
        }
    }

    private void setFrozen(boolean on) {
        if (frozen.get() == on) {
            return;
        }
        frozen.set(on);
        if (!on && received != null && received != rendered) {
            render(received);
        } else if (!on && received == null) {
            resolve();
        }
    }

    // ---- which session ----

    private void resolve() {
        SessionRow s = null;
        if (sessions != null) {
            s = sessions.scopeProperty().get();
            if (s == null && selectedRow != null) {
                String id = selectedRow instanceof SessionRow ? ((SessionRow) selectedRow).getId()
                        : ((ProcessRow) selectedRow).getSessionId();
                s = sessions.session(id);
            }
            if (s == null && sessions.getSessions().size() == 1) {
                s = sessions.getSessions().get(0);
            }
        }
        String id = s == null ? "" : s.getId();
        String name = s == null ? "" : sessionLabel(s);
        if (id.equals(sessionId.get())) {
            if (id.isEmpty()) {
                placeholder.set(noSession());
            } else if (!name.equals(sessionName)) {
                sessionName = name;
                title.set("Primitives of " + name);
            }
            return;
        }
        sessionId.set(id);
        sessionName = name;
        received = null;
        rendered = null;
        announced = new HashSet<>();
        byId.clear();
        cards.clear();
        queues.clear();
        graph.set(WaitGraphModel.EMPTY);
        setDeadlock(List.of(), null);
        tabText.set("Primitives");
        if (id.isEmpty()) {
            title.set("Primitives");
            status.set("");
            placeholder.set(noSession());
        } else {
            title.set("Primitives of " + name);
            status.set(frozen.get() ? "Frozen: resume live to read this session's primitives" : "Reading\u2026");
            placeholder.set(status.get());
        }
        watcher.watch(id, shown);
    }

    private String noSession() {
        return sessions == null || sessions.getSessions().isEmpty()
                ? "No session is running. Locks, semaphores, events, barriers and shared values appear here once a"
                + " program using io.mpscope.multiprocessing makes them."
                : "Several sessions are running: choose one on the left, or select one of its processes, to see its"
                + " locks, semaphores, events, barriers and shared values.";
    }

    // ---- rendering ----

    private void render(PrimitivesUpdate u) {
        rendered = u;
        if (u.failure().isPresent()) {
            status.set("Primitives unavailable: " + u.failure().get());
            if (cards.isEmpty()) {
                placeholder.set(status.get());
            }
            return;
        }
        if (u.snapshot().isEmpty()) {
            byId.clear();
            cards.clear();
            queues.clear();
            graph.set(WaitGraphModel.EMPTY);
            setDeadlock(List.of(), null);
            status.set("The session has ended");
            placeholder.set("The session has ended.");
            return;
        }
        PrimitivesSnapshot s = u.snapshot().get();
        Map<Integer, PrimitiveSnapshot> companions = companions(s);
        Set<Integer> inCycles = new HashSet<>();
        for (WaitForGraph.Cycle c : s.graph().cycles()) {
            inCycles.addAll(c.primitives());
        }
        Map<String, String> threadNames = new HashMap<>();
        for (PrimitiveSnapshot p : s.primitives()) {
            for (PrimitiveSnapshot.Waiter w : p.waiters()) {
                if (!w.party().thread().isEmpty()) {
                    threadNames.put(w.party().slot() + ":" + w.party().threadId(), w.party().thread());
                }
            }
        }
        Set<Integer> folded = new HashSet<>();
        for (PrimitiveSnapshot c : companions.values()) {
            folded.add(c.id());
        }
        int queueCount = 0;
        int pipeCount = 0;
        List<PrimitiveCard> target = new ArrayList<>();
        Map<Integer, PrimitiveCard> seen = new HashMap<>();
        for (PrimitiveSnapshot p : s.primitives()) {
            if (PrimitivesUpdate.isQueue(p.kind())) { // on a queue card of its own
                queueCount += p.kind() == PrimitiveKind.PIPE ? 0 : 1;
                pipeCount += p.kind() == PrimitiveKind.PIPE ? 1 : 0;
                continue;
            }
            boolean cycle = inCycles.contains(p.id());
            if (folded.contains(p.id()) && !cycle) {
                continue;
            }
            PrimitiveCard card = byId.get(p.id());
            if (card == null || !card.getKind().equals(p.kind().pythonName())) {
                card = new PrimitiveCard(p.id(), p.kind());
            }
            PrimitiveSnapshot lock = p.lockRef() < 0 ? null : s.byId(p.lockRef()).orElse(null);
            card.update(p, new PrimitiveCard.Context(lock, cycle, threadNames));
            target.add(card);
            seen.put(p.id(), card);
        }
        byId.clear();
        byId.putAll(seen);
        ListDiff.reconcile(cards, target);

        WaitGraphModel g = WaitGraphModel.of(s);
        if (!g.equals(graph.get())) {
            graph.set(g);
        }
        setDeadlock(s.graph().cycles(), s);
        queues.render();
        int hidden = s.primitives().size() - target.size() - queueCount - pipeCount;
        List<String> counts = new ArrayList<>();
        if (queueCount > 0) {
            counts.add(SessionsViewModel.plural(queueCount, "queue"));
        }
        if (pipeCount > 0) {
            counts.add(SessionsViewModel.plural(pipeCount, "pipe direction"));
        }
        if (!target.isEmpty() || counts.isEmpty()) {
            counts.add(SessionsViewModel.plural(target.size(), "primitive"));
        }
        status.set(String.join(" \u00b7 ", counts)
                + (hidden > 0 ? " \u00b7 " + hidden + " internal " + (hidden == 1 ? "lock" : "locks")
                + " shown on their owners' cards" : ""));
        placeholder.set(!target.isEmpty() || queueCount + pipeCount > 0 ? "" : "This session has made no locks,"
                + " semaphores, events, barriers, shared values or queues yet.");
        tabText.set(deadlock.get() ? "Primitives \u00b7 DEADLOCK"
                : "Primitives (" + (target.size() + queueCount + pipeCount) + ")");
    }

    private void setDeadlock(List<WaitForGraph.Cycle> cycles, PrimitivesSnapshot s) {
        deadlock.set(!cycles.isEmpty());
        deadlockText.set(cycles.stream().map(c -> "Deadlock: " + chain(c, s)).collect(Collectors.joining("\n")));
        deadlockDetail.set(cycles.stream().map(WaitForGraph.Cycle::description)
                .collect(Collectors.joining("\n")));
        if (!cycles.isEmpty()) {
            tabText.set("Primitives \u00b7 DEADLOCK");
        }
    }

    /**
     * A cycle as a chain of names, as the graph's arrows run: {@code philosopher-1 → fork-2 → philosopher-2 →
     * fork-1 → philosopher-1} (a process waits for a lock, the lock is held by the next process).
     */
    static String chain(WaitForGraph.Cycle c, PrimitivesSnapshot s) {
        int n = c.parties().size();
        int first = 0; // start where the graph's ring starts: at the process in the lowest slot
        for (int i = 1; i < n; i++) {
            if (c.parties().get(i).slot() < c.parties().get(first).slot()) {
                first = i;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            int i = (first + k) % n;
            int id = c.primitives().get(i);
            String lock = s == null ? "#" + id : s.byId(id).map(PrimitiveSnapshot::name).orElse("#" + id);
            sb.append(c.parties().get(i).process()).append(" \u2192 ").append(lock).append(" \u2192 ");
        }
        return sb.append(c.parties().get(first).process()).toString();
    }

    /** Announces each new deadlock cycle once (again if it goes away and comes back). */
    private void announce(PrimitivesSnapshot s) {
        Set<String> now = new HashSet<>();
        for (WaitForGraph.Cycle c : s.graph().cycles()) {
            String key = cycleKey(c);
            now.add(key);
            if (!announced.contains(key)) {
                dialogs.warn("Deadlock in " + (sessionName.isEmpty() ? s.sessionId() : sessionName),
                        c.description());
            }
        }
        announced = now;
    }

    private static String cycleKey(WaitForGraph.Cycle c) {
        TreeSet<String> members = new TreeSet<>();
        for (PrimitiveSnapshot.Party p : c.parties()) {
            members.add(p.slot() + ":" + p.threadId());
        }
        for (Integer id : c.primitives()) {
            members.add("#" + id);
        }
        return String.join(",", members);
    }

    /**
     * The internal locks (and a barrier's condition) shown on their owner's card, by the owner's id: a lock a
     * Value, Array or Condition made for itself, a condition a Barrier made for itself. Made-for-itself means: only
     * this owner refers to it, and it is named after the owner ({@code progress.lock}, {@code seated.cond}), or both
     * have default names and it was made just before the owner by the same process.
     */
    static Map<Integer, PrimitiveSnapshot> companions(PrimitivesSnapshot s) {
        Map<Integer, Integer> refs = new HashMap<>();
        for (PrimitiveSnapshot p : s.primitives()) {
            if (p.lockRef() >= 0) {
                refs.merge(p.lockRef(), 1, Integer::sum);
            }
        }
        Map<Integer, PrimitiveSnapshot> out = new HashMap<>();
        for (PrimitiveSnapshot owner : s.primitives()) {
            if (owner.lockRef() < 0 || refs.getOrDefault(owner.lockRef(), 0) != 1) {
                continue;
            }
            PrimitiveSnapshot c = s.byId(owner.lockRef()).orElse(null);
            if (c == null) {
                continue;
            }
            boolean ownLock = c.kind() == PrimitiveKind.RLOCK && (owner.kind() == PrimitiveKind.VALUE
                    || owner.kind() == PrimitiveKind.ARRAY || owner.kind() == PrimitiveKind.CONDITION);
            boolean ownCondition = c.kind() == PrimitiveKind.CONDITION && owner.kind() == PrimitiveKind.BARRIER;
            if (!ownLock && !ownCondition) {
                continue;
            }
            String suffix = ownLock ? ".lock" : ".cond";
            boolean named = c.name().equals(owner.name() + suffix);
            boolean defaults = isDefaultName(c) && isDefaultName(owner) && c.id() == owner.id() - 1
                    && c.creatorSlot() == owner.creatorSlot();
            if (named || defaults) {
                out.put(owner.id(), c);
            }
        }
        return out; // a barrier's condition is folded into the barrier, and the condition's lock into the condition
    }

    /** "PrimitivesDemo · 4711": the main class without its package, and the root pid. */
    static String sessionLabel(SessionRow s) {
        String n = s.getName();
        int dot = n.endsWith(".jar") ? -1 : n.lastIndexOf('.');
        return (dot >= 0 && dot < n.length() - 1 ? n.substring(dot + 1) : n) + " \u00b7 " + s.getPid();
    }

    private static boolean isDefaultName(PrimitiveSnapshot p) {
        return p.name().equals(p.kind().pythonName() + "-" + p.id());
    }

    // ---- outputs ----

    /** A card per primitive shown, in creation order; updated in place. */
    public ObservableList<PrimitiveCard> getCards() {
        return readOnlyCards;
    }

    /** The session's queues and pipe directions: their cards and the one whose items are listed. */
    public QueuesViewModel queues() {
        return queues;
    }

    /** The wait-for graph (replaced only when holds or waits change). */
    public ReadOnlyObjectProperty<WaitGraphModel> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** The session shown, or empty. */
    public ReadOnlyStringProperty sessionIdProperty() {
        return sessionId.getReadOnlyProperty();
    }

    /** "Primitives of PrimitivesDemo · 4711". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** "12 primitives · 5 internal locks shown on their owners' cards", "Reading…", or why not. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What to say where there are no cards (no session, reading, none made yet), or empty. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The tab's text: "Primitives (12)", "Primitives · DEADLOCK". */
    public ReadOnlyStringProperty tabTextProperty() {
        return tabText.getReadOnlyProperty();
    }

    /** True while the shown session has a deadlock. */
    public ReadOnlyBooleanProperty deadlockProperty() {
        return deadlock.getReadOnlyProperty();
    }

    /** "Deadlock: philosopher-1 → fork-2 → philosopher-2 → fork-1 → philosopher-1", a line per cycle, or empty. */
    public ReadOnlyStringProperty deadlockTextProperty() {
        return deadlockText.getReadOnlyProperty();
    }

    /**
     * The cycles in full, a line each: "philosopher-1 (pid 10) waits for Lock 'fork-2' held by philosopher-2
     * (pid 11), which waits for ...", or empty.
     */
    public ReadOnlyStringProperty deadlockDetailProperty() {
        return deadlockDetail.getReadOnlyProperty();
    }

    /** True while the cards and graph hold still. */
    public ReadOnlyBooleanProperty frozenProperty() {
        return frozen.getReadOnlyProperty();
    }

    public String getSessionId() {
        return sessionId.get();
    }

    public String getStatus() {
        return status.get();
    }

    public String getTabText() {
        return tabText.get();
    }

    public boolean isDeadlock() {
        return deadlock.get();
    }

    public String getDeadlockText() {
        return deadlockText.get();
    }

    public String getDeadlockDetail() {
        return deadlockDetail.get();
    }

    public String getPlaceholder() {
        return placeholder.get();
    }

    /** The card of the primitive named {@code name}, or null. */
    public PrimitiveCard card(String name) {
        for (PrimitiveCard c : cards) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
