package io.mpscope.app.views;

import io.mpscope.app.viewmodels.Series;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The recent depth of a queue as a small area chart, one point per read, the newest at the right edge (marked with
 * a dot). A bounded queue's chart is scaled to its maxsize, drawn as a dashed line ("max 10"); an unbounded one to
 * its peak ("peak 23"). Drawn on a canvas of fixed height whose width follows the card's; redrawn only when the
 * numbers or the width change.
 */
final class DepthChart extends Canvas {
    private static final Color LINE = Color.web("#2f6fde");
    private static final Color FILL = Color.web("#2f6fde", 0.16);
    private static final Color FULL_LINE = Color.web("#d08a12");
    private static final Color FULL_FILL = Color.web("#d08a12", 0.20);
    private static final Color BASE = Color.web("#dde1e7");
    private static final Color BOUND = Color.web("#9aa5b4");
    private static final Color TEXT = Color.web("#687385");
    private static final Font LABEL = Font.font(10);

    private final int points;
    private Series series = Series.EMPTY;
    private double bound;
    private boolean full;

    /** A chart of {@code points} reads, {@code height} pixels high. */
    DepthChart(double height, int points) {
        super(10, height);
        this.points = points;
        getStyleClass().add("depth-chart");
        widthProperty().addListener(o -> draw());
    }

    /** Shows {@code s} against {@code bound} (0: unbounded); {@code full} draws it in the contended colour. */
    void show(Series s, double bound, boolean full) {
        if (s.equals(series) && bound == this.bound && full == this.full) {
            return;
        }
        this.series = s;
        this.bound = bound;
        this.full = full;
        draw();
    }

    private void draw() {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        double top = bound > 0 ? Math.max(bound, series.max()) : Math.max(4, Math.ceil(series.max() * 1.15));
        double label = 12; // room above the area for the scale's text
        double area = h - label - 1;
        g.setStroke(BASE);
        g.setLineWidth(1);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
        g.setFont(LABEL);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        String scale = bound > 0 ? "max " + (long) bound : series.isEmpty() ? "" : "peak " + (long) series.max();
        g.fillText(scale, w - 1, 0);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("depth, last " + points / 2 + " s", 0, 0);
        if (bound > 0) {
            double y = Math.floor(h - 1 - area * bound / top) + 0.5;
            g.setStroke(BOUND);
            g.setLineDashes(3, 3);
            g.strokeLine(0, y, w, y);
            g.setLineDashes(null);
        }
        int n = series.size();
        if (n == 0) {
            return;
        }
        double step = (w - 4) / Math.max(1, points - 1);
        double x0 = (w - 4) - (n - 1) * step;
        double[] xs = new double[n + 2];
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            xs[i] = x0 + i * step;
            ys[i] = h - 1 - area * Math.max(0, series.get(i)) / top;
        }
        xs[n] = xs[n - 1];
        ys[n] = h;
        xs[n + 1] = xs[0];
        ys[n + 1] = h;
        g.setFill(full ? FULL_FILL : FILL);
        g.fillPolygon(xs, ys, n + 2);
        g.setStroke(full ? FULL_LINE : LINE);
        g.setLineWidth(1.5);
        g.strokePolyline(xs, ys, n);
        g.setFill(full ? FULL_LINE : LINE);
        g.fillOval(xs[n - 1] - 2.5, ys[n - 1] - 2.5, 5, 5);
    }
}
