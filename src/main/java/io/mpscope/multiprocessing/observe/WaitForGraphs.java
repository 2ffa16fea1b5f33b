package io.mpscope.multiprocessing.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a session's wait-for graph from its primitives and finds the deadlock cycles. A thread waits for at most one
 * lock and a lock has at most one owner, so following "waits for lock, held by thread" from each waiting thread either
 * ends or comes back: each cycle is found once, from its smallest member.
 */
final class WaitForGraphs {
    private WaitForGraphs() {
    }

    /** A thread's identity in the graph: its process slot and thread id. */
    private record Node(int slot, long threadId) {
        static Node of(PrimitiveSnapshot.Party p) {
            return new Node(p.slot(), p.threadId());
        }
    }

    static WaitForGraph build(List<PrimitiveSnapshot> primitives) {
        List<WaitForGraph.Edge> edges = new ArrayList<>();
        Map<Integer, PrimitiveSnapshot> locks = new HashMap<>();
        Map<Node, PrimitiveSnapshot.Party> parties = new HashMap<>();
        Map<Node, Integer> waitsFor = new HashMap<>();
        for (PrimitiveSnapshot p : primitives) {
            boolean lock = p.kind() == PrimitiveKind.LOCK || p.kind() == PrimitiveKind.RLOCK;
            p.owner().ifPresent(o -> {
                edges.add(new WaitForGraph.Edge(WaitForGraph.EdgeKind.HELD_BY, o, p.id()));
                parties.putIfAbsent(Node.of(o), o);
            });
            for (PrimitiveSnapshot.Waiter w : p.waiters()) {
                if (lock && w.kind().equals("acquire")) {
                    edges.add(new WaitForGraph.Edge(WaitForGraph.EdgeKind.WAITS_FOR, w.party(), p.id()));
                    parties.put(Node.of(w.party()), w.party()); // the waiter row knows the thread's name
                    waitsFor.put(Node.of(w.party()), p.id());
                }
            }
            if (lock) {
                locks.put(p.id(), p);
            }
        }
        List<WaitForGraph.Cycle> cycles = new ArrayList<>();
        Set<Node> done = new HashSet<>();
        for (Node start : waitsFor.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            List<Node> path = new ArrayList<>();
            Map<Node, Integer> at = new HashMap<>();
            Node n = start;
            while (n != null && !done.contains(n) && !at.containsKey(n)) {
                at.put(n, path.size());
                path.add(n);
                Integer lockId = waitsFor.get(n);
                PrimitiveSnapshot l = lockId == null ? null : locks.get(lockId);
                n = l == null || l.owner().isEmpty() ? null : Node.of(l.owner().get());
            }
            if (n != null && at.containsKey(n)) {
                List<Node> cycle = path.subList(at.get(n), path.size());
                cycles.add(cycle(cycle, parties, waitsFor, locks));
            }
            done.addAll(path);
        }
        return new WaitForGraph(List.copyOf(edges), List.copyOf(cycles));
    }

    private static WaitForGraph.Cycle cycle(List<Node> nodes, Map<Node, PrimitiveSnapshot.Party> parties,
                                            Map<Node, Integer> waitsFor, Map<Integer, PrimitiveSnapshot> locks) {
        List<PrimitiveSnapshot.Party> ps = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            PrimitiveSnapshot.Party p = parties.get(nodes.get(i));
            int lockId = waitsFor.get(nodes.get(i));
            PrimitiveSnapshot l = locks.get(lockId);
            ps.add(p);
            ids.add(lockId);
            PrimitiveSnapshot.Party next = parties.get(nodes.get((i + 1) % nodes.size()));
            sb.append(i == 0 ? label(p) : ", which").append(" waits for ").append(l.kind().pythonName()).append(" '")
                    .append(l.name()).append("' held by ").append(label(next));
        }
        return new WaitForGraph.Cycle(List.copyOf(ps), List.copyOf(ids), sb.toString());
    }

    private static String label(PrimitiveSnapshot.Party p) {
        return p.process() + " (pid " + p.pid() + (p.thread().isEmpty() || p.thread().equals("main") ? "" : ", "
                + p.thread()) + ")";
    }
}
