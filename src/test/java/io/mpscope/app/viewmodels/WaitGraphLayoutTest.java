package io.mpscope.app.viewmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wait-for graph's layout: rings for cycles, no two node boxes overlapping, groups packed into the width. */
class WaitGraphLayoutTest {
    /** A deadlock ring of {@code n} processes and {@code n} locks: p_i waits for l_i, held by p_(i+1). */
    private static WaitGraphModel ring(int n, int keyBase) {
        List<WaitGraphModel.GraphNode> nodes = new ArrayList<>();
        List<WaitGraphModel.GraphEdge> edges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new WaitGraphModel.GraphNode("p" + (keyBase + i), true, "philosopher-" + i, "pid " + i, true,
                    false));
        }
        for (int i = 0; i < n; i++) {
            nodes.add(new WaitGraphModel.GraphNode("l" + (keyBase + i), false, "fork-" + i, "Lock", true, false));
            edges.add(new WaitGraphModel.GraphEdge("p" + (keyBase + i), "l" + (keyBase + i), true, true));
            edges.add(new WaitGraphModel.GraphEdge("l" + (keyBase + i), "p" + (keyBase + (i + 1) % n), false, true));
        }
        return new WaitGraphModel(nodes, edges);
    }

    /** A lock held by one process and awaited by {@code waiters} others (no deadlock). */
    private static WaitGraphModel star(int waiters) {
        List<WaitGraphModel.GraphNode> nodes = new ArrayList<>();
        List<WaitGraphModel.GraphEdge> edges = new ArrayList<>();
        nodes.add(new WaitGraphModel.GraphNode("p90", true, "printer", "pid 90", false, false));
        for (int i = 0; i < waiters; i++) {
            nodes.add(new WaitGraphModel.GraphNode("p" + (91 + i), true, "clerk-" + i, "pid " + (91 + i), false,
                    false));
            edges.add(new WaitGraphModel.GraphEdge("p" + (91 + i), "l90", true, false));
        }
        nodes.add(new WaitGraphModel.GraphNode("l90", false, "printer", "Lock", false, false));
        edges.add(new WaitGraphModel.GraphEdge("l90", "p90", false, false));
        return new WaitGraphModel(nodes, edges);
    }

    private static WaitGraphModel both(WaitGraphModel a, WaitGraphModel b) {
        List<WaitGraphModel.GraphNode> nodes = new ArrayList<>(b.nodes());
        nodes.addAll(a.nodes());
        List<WaitGraphModel.GraphEdge> edges = new ArrayList<>(b.edges());
        edges.addAll(a.edges());
        return new WaitGraphModel(nodes, edges);
    }

    private static void assertNoOverlap(WaitGraphLayout.Layout l) {
        List<Map.Entry<String, WaitGraphLayout.Point>> ps = new ArrayList<>(l.centres().entrySet());
        for (int i = 0; i < ps.size(); i++) {
            WaitGraphLayout.Point a = ps.get(i).getValue();
            assertTrue(a.x() - WaitGraphLayout.NODE_WIDTH / 2 >= 0 && a.x() + WaitGraphLayout.NODE_WIDTH / 2
                    <= l.width(), "inside horizontally: " + ps.get(i));
            assertTrue(a.y() - WaitGraphLayout.NODE_HEIGHT / 2 >= 0 && a.y() + WaitGraphLayout.NODE_HEIGHT / 2
                    <= l.height(), "inside vertically: " + ps.get(i));
            for (int j = i + 1; j < ps.size(); j++) {
                WaitGraphLayout.Point b = ps.get(j).getValue();
                boolean apart = Math.abs(a.x() - b.x()) >= WaitGraphLayout.NODE_WIDTH
                        || Math.abs(a.y() - b.y()) >= WaitGraphLayout.NODE_HEIGHT;
                assertTrue(apart, ps.get(i) + " overlaps " + ps.get(j));
            }
        }
    }

    @Test
    void ringsOfEverySizeHaveNoOverlappingNodes() {
        for (int n = 1; n <= 12; n++) {
            WaitGraphLayout.Layout l = WaitGraphLayout.layout(ring(n, 0), 600);
            assertEquals(2 * n, l.centres().size());
            assertNoOverlap(l);
        }
        for (int w = 0; w <= 8; w++) {
            assertNoOverlap(WaitGraphLayout.layout(star(w), 600));
        }
    }

    @Test
    void aDeadlockIsOneRingInArrowOrderDrawnFirst() {
        WaitGraphModel m = both(ring(3, 0), star(2));
        List<List<String>> groups = WaitGraphLayout.groups(m);
        assertEquals(List.of("p0", "l0", "p1", "l1", "p2", "l2"), groups.get(0),
                "the deadlock's group first, each node next to the one its arrow points at");
        assertEquals(4, groups.get(1).size());
        assertEquals("l90", groups.get(1).get(0), "a group without a cycle starts at its busiest node");

        WaitGraphLayout.Layout l = WaitGraphLayout.layout(m, 2000);
        assertNoOverlap(l);
        assertTrue(l.centres().get("p0").y() < l.centres().get("p1").y(), "the ring starts at the top");
    }

    @Test
    void groupsWrapIntoRowsNoWiderThanAsked() {
        WaitGraphModel m = both(ring(2, 0), star(3));
        WaitGraphLayout.Layout wide = WaitGraphLayout.layout(m, 2000);
        WaitGraphLayout.Layout narrow = WaitGraphLayout.layout(m, 300);
        assertTrue(wide.height() < narrow.height(), "side by side, then one under the other");
        assertTrue(narrow.width() <= Math.max(300, wide.width()));
        assertNoOverlap(narrow);
        assertFalse(WaitGraphLayout.layout(WaitGraphModel.EMPTY, 500).height() > 0);
    }
}
