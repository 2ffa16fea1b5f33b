package io.mpscope.app.views;

import io.mpscope.app.viewmodels.WaitGraphLayout;
import io.mpscope.app.viewmodels.WaitGraphModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * The wait-for graph drawn with plain shapes: processes as blue rounded boxes (name, pid), locks as amber boxes
 * (name, kind), a solid arrow from a lock to the process holding it and a dashed arrow from a process to the lock
 * it waits for. Everything in a deadlock cycle is red, so the cycle shows as a red ring of arrows. Redrawn only when
 * the model (who holds and waits for what) or the available width changes; positions come from
 * {@link WaitGraphLayout}.
 */
final class WaitGraphPane extends Pane {
    private static final double ARROW = 9;
    private static final Font LABEL_FONT = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 13);
    private static final Font DETAIL_FONT = Font.font(Font.getDefault().getFamily(), 11.5);

    /** The least scale a graph wider than its room is drawn at (beyond that it scrolls). */
    static final double MIN_SCALE = 0.7;

    private final Group drawing = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private WaitGraphModel model = WaitGraphModel.EMPTY;
    private double available = 600;
    private double laidOutFor = -1;

    WaitGraphPane(ObservableValue<WaitGraphModel> graph) {
        getStyleClass().add("wait-graph");
        drawing.getTransforms().add(scale);
        getChildren().add(drawing);
        graph.addListener((o, was, is) -> {
            model = is;
            redraw(true);
        });
        model = graph.getValue();
        redraw(true);
    }

    /** The model drawn. */
    WaitGraphModel model() {
        return model;
    }

    /** How wide the graph may be (its scroll pane's viewport): rows of groups wrap there. */
    void setAvailableWidth(double width) {
        if (Math.abs(width - available) >= 1) {
            available = width;
            redraw(false);
        }
    }

    /**
     * Lays the graph out for the available width, if the model or the width has changed. A group wider than the
     * room (a long deadlock ring) is drawn smaller, down to {@link #MIN_SCALE}; past that the pane scrolls.
     */
    private void redraw(boolean modelChanged) {
        double w = Math.max(available, WaitGraphLayout.NODE_WIDTH + 2 * WaitGraphLayout.GAP);
        if (!modelChanged && Math.abs(w - laidOutFor) < 1) {
            return;
        }
        laidOutFor = w;
        WaitGraphLayout.Layout layout = WaitGraphLayout.layout(model, w);
        Map<String, WaitGraphLayout.Point> at = layout.centres();
        List<Node> edges = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        for (WaitGraphModel.GraphEdge e : model.edges()) {
            WaitGraphLayout.Point a = at.get(e.from());
            WaitGraphLayout.Point b = at.get(e.to());
            if (a != null && b != null) {
                edges.add(edge(a, b, e));
            }
        }
        for (WaitGraphModel.GraphNode n : model.nodes()) {
            WaitGraphLayout.Point p = at.get(n.key());
            if (p != null) {
                nodes.add(node(p, n));
            }
        }
        List<Node> all = new ArrayList<>(edges);
        all.addAll(nodes); // nodes over edges
        drawing.getChildren().setAll(all);
        double s = layout.width() > w ? Math.max(MIN_SCALE, w / layout.width()) : 1;
        scale.setX(s);
        scale.setY(s);
        double pw = Math.ceil(layout.width() * s);
        double ph = Math.ceil(layout.height() * s);
        setMinSize(pw, ph);
        setPrefSize(pw, ph);
        setMaxSize(pw, ph);
    }

    /** The scale the graph is drawn at (1, or less when it is wider than its room). */
    double drawnScale() {
        return scale.getX();
    }

    private static Group node(WaitGraphLayout.Point p, WaitGraphModel.GraphNode n) {
        double w = WaitGraphLayout.NODE_WIDTH;
        double h = WaitGraphLayout.NODE_HEIGHT;
        Rectangle box = new Rectangle(p.x() - w / 2, p.y() - h / 2, w, h);
        box.getStyleClass().addAll("graph-node-box");
        double arc = n.process() ? h : 8;
        box.setArcWidth(arc);
        box.setArcHeight(arc);
        Text label = text(n.label(), LABEL_FONT, "graph-node-label", p.x(), p.y() - 8, w - 14);
        Text detail = text(n.detail(), DETAIL_FONT, "graph-node-detail", p.x(), p.y() + 10, w - 14);
        Group g = new Group(box, label, detail);
        g.getStyleClass().addAll("graph-node", n.process() ? "graph-process" : "graph-lock");
        if (n.inCycle()) {
            g.getStyleClass().add("in-cycle");
        }
        if (n.dead()) {
            g.getStyleClass().add("dead");
        }
        g.setUserData(n);
        Tooltip.install(g, new Tooltip(n.process() ? n.label() + " (" + n.detail() + ")"
                : n.detail() + " '" + n.label() + "'"));
        return g;
    }

    /**
     * A centred line of text, shortened in the middle ("philo\u2026pher-12") to fit {@code maxWidth}. The font is
     * set here, not in CSS, so the width is known before the text is in the scene.
     */
    private static Text text(String s, Font font, String styleClass, double cx, double cy, double maxWidth) {
        Text t = new Text(s);
        t.setFont(font);
        t.getStyleClass().add(styleClass);
        t.setTextOrigin(VPos.CENTER);
        for (int cut = 1; t.getLayoutBounds().getWidth() > maxWidth && cut < s.length() - 2; cut++) {
            int keep = s.length() - cut;
            t.setText(s.substring(0, (keep + 1) / 2) + "\u2026" + s.substring(s.length() - keep / 2));
        }
        t.setX(cx - t.getLayoutBounds().getWidth() / 2);
        t.setY(cy);
        return t;
    }

    /** An arrow from the edge of box {@code a} to the edge of box {@code b}. */
    private static Group edge(WaitGraphLayout.Point a, WaitGraphLayout.Point b, WaitGraphModel.GraphEdge e) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double len = Math.hypot(dx, dy);
        if (len < 1) {
            return new Group();
        }
        double ux = dx / len;
        double uy = dy / len;
        double out = exit(dx, dy) + 2;
        double in = exit(dx, dy) + 3;
        double x1 = a.x() + ux * out;
        double y1 = a.y() + uy * out;
        double x2 = b.x() - ux * in;
        double y2 = b.y() - uy * in;
        Line line = new Line(x1, y1, x2 - ux * ARROW * 0.8, y2 - uy * ARROW * 0.8);
        line.getStyleClass().addAll("graph-edge-line");
        Polygon head = new Polygon(
                x2, y2,
                x2 - ux * ARROW - uy * ARROW * 0.55, y2 - uy * ARROW + ux * ARROW * 0.55,
                x2 - ux * ARROW + uy * ARROW * 0.55, y2 - uy * ARROW - ux * ARROW * 0.55);
        head.getStyleClass().add("graph-edge-head");
        Group g = new Group(line, head);
        g.getStyleClass().addAll("graph-edge", e.waits() ? "waits" : "holds");
        if (e.inCycle()) {
            g.getStyleClass().add("in-cycle");
        }
        g.setUserData(e);
        return g;
    }

    /** How far from a node's centre, along direction (dx, dy), the line leaves its box. */
    private static double exit(double dx, double dy) {
        double hw = WaitGraphLayout.NODE_WIDTH / 2;
        double hh = WaitGraphLayout.NODE_HEIGHT / 2;
        double len = Math.hypot(dx, dy);
        double tx = dx == 0 ? Double.MAX_VALUE : hw / Math.abs(dx);
        double ty = dy == 0 ? Double.MAX_VALUE : hh / Math.abs(dy);
        return Math.min(tx, ty) * len;
    }
}
