package io.mpscope.app.viewmodels;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the wait-for graph's nodes go: each connected group of processes and locks on an ellipse of its own, a
 * deadlock's nodes in the order its arrows run (so the cycle is a ring), groups with a deadlock first, then larger
 * ones, packed in rows no wider than asked. A pure function of the model and the width: the view calls it when
 * either changes.
 */
public final class WaitGraphLayout {
    /** The length of the arrow between two nodes side by side. */
    public static final double SPACING = 90;
    /** The least space between neighbouring nodes on an ellipse. */
    public static final double MARGIN = 10;
    /** A node's box (the view draws within it). */
    public static final double NODE_WIDTH = 124;
    public static final double NODE_HEIGHT = 44;
    /** Gap between groups and around the drawing. */
    public static final double GAP = 24;

    private WaitGraphLayout() {
    }

    /** A node's centre. */
    public record Point(double x, double y) {
    }

    /**
     * The result.
     *
     * @param centres each node's centre by key
     * @param width   the drawing's width
     * @param height  the drawing's height
     */
    public record Layout(Map<String, Point> centres, double width, double height) {
    }

    /** Lays {@code m} out in rows at most {@code maxWidth} wide (wider only if one group needs it). */
    public static Layout layout(WaitGraphModel m, double maxWidth) {
        List<List<String>> groups = groups(m);
        List<double[]> boxes = new ArrayList<>();
        for (List<String> g : groups) {
            double[] r = radii(g.size());
            boxes.add(new double[] {2 * r[0] + NODE_WIDTH, 2 * r[1] + NODE_HEIGHT, r[0], r[1]});
        }
        Map<String, Point> centres = new LinkedHashMap<>();
        double x = GAP;
        double y = GAP;
        double rowHeight = 0;
        double width = 0;
        for (int i = 0; i < groups.size(); i++) {
            double[] b = boxes.get(i);
            if (x > GAP && x + b[0] + GAP > maxWidth) {
                x = GAP;
                y += rowHeight + GAP;
                rowHeight = 0;
            }
            double cx = x + b[0] / 2;
            double cy = y + b[1] / 2;
            List<String> g = groups.get(i);
            // two nodes side by side (one arrow across); more round an ellipse from the top, clockwise
            double start = g.size() == 2 ? Math.PI : -Math.PI / 2;
            for (int k = 0; k < g.size(); k++) {
                double a = start + 2 * Math.PI * k / g.size();
                centres.put(g.get(k), new Point(cx + b[2] * Math.cos(a), cy + b[3] * Math.sin(a)));
            }
            x += b[0] + GAP;
            rowHeight = Math.max(rowHeight, b[1]);
            width = Math.max(width, x);
        }
        return new Layout(centres, width, groups.isEmpty() ? 0 : y + rowHeight + GAP);
    }

    /**
     * The ellipse's radii (x, y) for {@code n} nodes: wide enough that neighbours at the top and bottom do not
     * overlap side by side, tall enough that neighbours at the sides do not overlap one above the other.
     */
    static double[] radii(int n) {
        if (n <= 1) {
            return new double[] {0, 0};
        }
        if (n == 2) {
            return new double[] {(NODE_WIDTH + SPACING) / 2, 0};
        }
        double step = Math.sin(Math.min(Math.PI / 2, 2 * Math.PI / n));
        double rx = (NODE_WIDTH + MARGIN) / step;
        double ry = Math.max((NODE_HEIGHT + MARGIN) / step, rx * 0.62);
        // the estimate holds at the top and the sides; between them neighbours may still touch: grow until not
        for (int i = 0; i < 40 && overlaps(n, rx, ry); i++) {
            rx *= 1.05;
            ry *= 1.05;
        }
        return new double[] {rx, ry};
    }

    /** True if two of {@code n} nodes round an ellipse with radii rx, ry would be closer than their boxes allow. */
    private static boolean overlaps(int n, double rx, double ry) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            double a = -Math.PI / 2 + 2 * Math.PI * k / n;
            xs[k] = rx * Math.cos(a);
            ys[k] = ry * Math.sin(a);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(xs[i] - xs[j]) < NODE_WIDTH + MARGIN && Math.abs(ys[i] - ys[j]) < NODE_HEIGHT + MARGIN) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The connected groups, each in drawing order; deadlocked groups first, then larger, then as listed. */
    static List<List<String>> groups(WaitGraphModel m) {
        Map<String, Set<String>> adj = new LinkedHashMap<>();
        for (WaitGraphModel.GraphNode n : m.nodes()) {
            adj.put(n.key(), new LinkedHashSet<>());
        }
        for (WaitGraphModel.GraphEdge e : m.edges()) {
            if (adj.containsKey(e.from()) && adj.containsKey(e.to())) {
                adj.get(e.from()).add(e.to());
                adj.get(e.to()).add(e.from());
            }
        }
        Map<String, Integer> cycleOf = new HashMap<>();
        List<List<String>> cycles = m.cycles();
        for (int i = 0; i < cycles.size(); i++) {
            for (String k : cycles.get(i)) {
                cycleOf.putIfAbsent(k, i);
            }
        }
        List<List<String>> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        for (String start : adj.keySet()) {
            if (placed.contains(start)) {
                continue;
            }
            List<String> members = bfs(start, adj);
            List<String> order = new ArrayList<>();
            // the cycles of the group first, each in arrow order, then the rest breadth-first from them
            for (List<String> c : cycles) {
                if (members.contains(c.get(0))) {
                    for (String k : c) {
                        if (!order.contains(k)) {
                            order.add(k);
                        }
                    }
                }
            }
            String hub = order.isEmpty() ? members.stream()
                    .max(Comparator.comparingInt((String k) -> adj.get(k).size())).orElse(start) : order.get(0);
            for (String k : bfs(hub, adj)) {
                if (!order.contains(k)) {
                    order.add(k);
                }
            }
            placed.addAll(order);
            out.add(order);
        }
        out.sort(Comparator.comparing((List<String> g) -> g.stream().noneMatch(cycleOf::containsKey))
                .thenComparing(g -> -g.size()));
        return out;
    }

    private static List<String> bfs(String start, Map<String, Set<String>> adj) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        seen.add(start);
        while (!todo.isEmpty()) {
            String k = todo.poll();
            out.add(k);
            for (String n : adj.get(k)) {
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return out;
    }
}
