package io.mpscope.app.viewmodels;

import io.mpscope.multiprocessing.observe.PrimitiveSnapshot;
import io.mpscope.multiprocessing.observe.PrimitiveSnapshot.Party;
import io.mpscope.multiprocessing.observe.PrimitivesSnapshot;
import io.mpscope.multiprocessing.observe.WaitForGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the wait-for graph draws: processes and locks as nodes, "holds" and "waits for" as edges, the deadlock
 * cycles marked. A value: two snapshots with the same holds and waits give equal models, so the view redraws only
 * when who holds or waits for what has changed (times are on the cards, not here).
 *
 * <p>Edges point the way the wait goes: a process waits for a lock (process → lock, dashed), and a lock is held by
 * a process (lock → process, solid), so a deadlock reads as a closed loop of arrows.
 *
 * @param nodes processes by slot, then locks by id
 * @param edges one per (kind, process, lock), even when several threads of a process hold or wait
 */
public record WaitGraphModel(List<GraphNode> nodes, List<GraphEdge> edges) {
    /** No holds, no waits. */
    public static final WaitGraphModel EMPTY = new WaitGraphModel(List.of(), List.of());

    /** Copies the lists. */
    public WaitGraphModel {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A node.
     *
     * @param key     {@code p<slot>} for a process, {@code l<id>} for a lock
     * @param process true for a process, false for a lock
     * @param label   the process's or the lock's name
     * @param detail  "pid 4711" or "Lock", "RLock"
     * @param inCycle part of a deadlock cycle
     * @param dead    a process that has died (its lock is stale)
     */
    public record GraphNode(String key, boolean process, String label, String detail, boolean inCycle,
                            boolean dead) {
    }

    /**
     * An edge.
     *
     * @param from    the key it starts at (the waiting process, or the held lock)
     * @param to      the key it points at (the awaited lock, or the holding process)
     * @param waits   true for "waits for", false for "held by"
     * @param inCycle part of a deadlock cycle
     */
    public record GraphEdge(String from, String to, boolean waits, boolean inCycle) {
    }

    /** True if some edge is part of a deadlock. */
    public boolean hasDeadlock() {
        return edges.stream().anyMatch(GraphEdge::inCycle);
    }

    /** The node with {@code key}, or null. */
    public GraphNode node(String key) {
        for (GraphNode n : nodes) {
            if (n.key().equals(key)) {
                return n;
            }
        }
        return null;
    }

    /** The model of {@code s}'s wait-for graph. */
    public static WaitGraphModel of(PrimitivesSnapshot s) {
        WaitForGraph g = s.graph();
        Set<String> cycleNodes = new HashSet<>();
        Set<String> cycleEdges = new HashSet<>();
        for (WaitForGraph.Cycle c : g.cycles()) {
            int n = c.parties().size();
            for (int i = 0; i < n; i++) {
                String p = processKey(c.parties().get(i));
                String l = lockKey(c.primitives().get(i));
                String next = processKey(c.parties().get((i + 1) % n));
                cycleNodes.add(p);
                cycleNodes.add(l);
                cycleEdges.add(p + ">" + l);
                cycleEdges.add(l + ">" + next);
            }
        }
        Map<Integer, GraphNode> processes = new TreeMap<>();
        Map<Integer, GraphNode> locks = new TreeMap<>();
        Set<GraphEdge> edges = new LinkedHashSet<>();
        for (WaitForGraph.Edge e : g.edges()) {
            Party p = e.party();
            String pk = processKey(p);
            String lk = lockKey(e.primitive());
            processes.putIfAbsent(p.slot(), new GraphNode(pk, true, p.process(), "pid " + p.pid(),
                    cycleNodes.contains(pk), !p.alive()));
            PrimitiveSnapshot prim = s.byId(e.primitive()).orElse(null);
            locks.putIfAbsent(e.primitive(), new GraphNode(lk, false,
                    prim == null ? "#" + e.primitive() : prim.name(),
                    prim == null ? "" : prim.kind().pythonName(), cycleNodes.contains(lk), false));
            boolean waits = e.kind() == WaitForGraph.EdgeKind.WAITS_FOR;
            String from = waits ? pk : lk;
            String to = waits ? lk : pk;
            edges.add(new GraphEdge(from, to, waits, cycleEdges.contains(from + ">" + to)));
        }
        List<GraphNode> nodes = new ArrayList<>(processes.values());
        nodes.addAll(locks.values());
        // edges in a stable order whatever order the threads were listed in
        Map<String, GraphEdge> sorted = new TreeMap<>();
        for (GraphEdge e : edges) {
            sorted.put(e.from() + ">" + e.to(), e);
        }
        return new WaitGraphModel(nodes, new ArrayList<>(sorted.values()));
    }

    static String processKey(Party p) {
        return "p" + p.slot();
    }

    static String lockKey(int id) {
        return "l" + id;
    }

    /** The cycles as lists of node keys, each in the order its arrows run (process, lock, process, ...). */
    List<List<String>> cycles() {
        List<List<String>> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Map<String, List<GraphEdge>> outgoing = new LinkedHashMap<>();
        for (GraphEdge e : edges) {
            if (e.inCycle()) {
                outgoing.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            }
        }
        for (GraphNode n : nodes) {
            if (!n.process() || !n.inCycle() || done.contains(n.key())) {
                continue;
            }
            List<String> loop = new ArrayList<>();
            String at = n.key();
            while (at != null && !done.contains(at)) {
                done.add(at);
                loop.add(at);
                List<GraphEdge> next = outgoing.get(at);
                at = next == null ? null : next.get(0).to();
            }
            if (loop.size() > 1) {
                out.add(loop);
            }
        }
        return out;
    }
}
