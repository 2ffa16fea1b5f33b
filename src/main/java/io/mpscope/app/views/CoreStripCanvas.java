package io.mpscope.app.views;

import io.mpscope.app.viewmodels.CoreStrip;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * One small cell per logical core: filled with the core's heat colour where the process ran recently, hollow
 * (outline and a thin heat bar) where it did not. Cells shrink to fit many cores into the column.
 */
final class CoreStripCanvas extends Canvas {
    static final double MAX_CELL = 13;
    static final double GAP = 2;
    private static final Color OUTLINE = Color.web("#c3c9d2");
    private static final Color USED_OUTLINE = Color.web("#1d2430", 0.55);
    private CoreStrip drawn;

    CoreStripCanvas(double height) {
        super(0, height);
        getStyleClass().add("core-strip");
    }

    /** The width a strip of {@code cores} cells wants. */
    static double preferredWidth(int cores) {
        return cores <= 0 ? 0 : cores * MAX_CELL + (cores - 1) * GAP;
    }

    /** Draws {@code strip} within {@code maxWidth} pixels unless that is what is drawn already. */
    void show(CoreStrip strip, double maxWidth) {
        int n = strip.size();
        double cell = n == 0 ? 0 : Math.max(2, Math.min(MAX_CELL, (maxWidth - (n - 1) * GAP) / n));
        double gap = cell < 5 ? 1 : GAP;
        double width = n == 0 ? 0 : n * cell + (n - 1) * gap;
        if (strip.equals(drawn) && width == getWidth()) {
            return;
        }
        drawn = strip;
        setWidth(width);
        GraphicsContext g = getGraphicsContext2D();
        double h = getHeight();
        g.clearRect(0, 0, width, h);
        for (int i = 0; i < n; i++) {
            double x = i * (cell + gap);
            Color heat = Heat.of(strip.load(i));
            if (strip.used(i)) {
                g.setFill(heat);
                g.fillRect(x, 0, cell, h);
                g.setStroke(USED_OUTLINE);
                g.setLineWidth(1);
                g.strokeRect(x + 0.5, 0.5, cell - 1, h - 1);
            } else {
                g.setFill(heat.deriveColor(0, 1, 1, 0.9));
                double bar = Math.max(2, h * 0.22);
                g.fillRect(x, h - bar, cell, bar);
                g.setStroke(OUTLINE);
                g.setLineWidth(1);
                g.strokeRect(x + 0.5, 0.5, cell - 1, h - 1);
            }
        }
    }
}
