package io.mpscope.app.views;

import javafx.scene.paint.Color;

/** The colour of a load: pale green when idle, through green and amber, to red when saturated; grey if unknown. */
final class Heat {
    static final Color UNKNOWN = Color.web("#e3e6ea");
    private static final double[] STOPS = {0.0, 0.35, 0.65, 0.9};
    private static final Color[] COLORS = {
        Color.web("#d7ecdd"), Color.web("#6cc287"), Color.web("#f0b73e"), Color.web("#dc4a35")};

    private Heat() {
    }

    /** The colour of {@code load} (0..1, clamped); {@link #UNKNOWN} for NaN. */
    static Color of(double load) {
        if (Double.isNaN(load)) {
            return UNKNOWN;
        }
        double l = Math.max(0, Math.min(1, load));
        for (int i = 1; i < STOPS.length; i++) {
            if (l <= STOPS[i]) {
                double t = (l - STOPS[i - 1]) / (STOPS[i] - STOPS[i - 1]);
                return COLORS[i - 1].interpolate(COLORS[i], t);
            }
        }
        return COLORS[COLORS.length - 1];
    }
}
