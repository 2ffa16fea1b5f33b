package io.mpscope.app.views;

import io.mpscope.app.viewmodels.Series;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * A small line chart of a process's recent CPU (one point per sample, the newest at the right), drawn on a fixed
 * size canvas. The scale is 0 to 100 % of one core, widened when a process uses more than one core.
 */
final class Sparkline extends Canvas {
    private static final Color LINE = Color.web("#2f6fde");
    private static final Color FILL = Color.web("#2f6fde", 0.18);
    private static final Color BASE = Color.web("#dde1e7");
    private final int points;
    private Series drawn;

    /** A sparkline of {@code points} samples in {@code width × height} pixels. */
    Sparkline(double width, double height, int points) {
        super(width, height);
        this.points = points;
        getStyleClass().add("sparkline");
    }

    /** Draws {@code s} unless it is what is drawn already. */
    void show(Series s) {
        if (s.equals(drawn)) {
            return;
        }
        drawn = s;
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        g.setStroke(BASE);
        g.setLineWidth(1);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
        int n = s.size();
        if (n == 0) {
            return;
        }
        double top = Math.max(100, s.max());
        double step = w / Math.max(1, points - 1);
        double x0 = w - (n - 1) * step;
        double[] xs = new double[n + 2];
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            xs[i] = x0 + i * step;
            ys[i] = h - 1 - (h - 2) * Math.max(0, s.get(i)) / top;
        }
        xs[n] = xs[n - 1];
        ys[n] = h;
        xs[n + 1] = xs[0];
        ys[n + 1] = h;
        g.setFill(FILL);
        g.fillPolygon(xs, ys, n + 2);
        g.setStroke(LINE);
        g.setLineWidth(1.25);
        g.strokePolyline(xs, ys, n);
    }
}
