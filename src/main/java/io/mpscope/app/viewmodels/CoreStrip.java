package io.mpscope.app.viewmodels;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a row's per-core strip shows: one cell per logical core, marked when the process (any of its threads) ran
 * there recently, and how busy that core is. Immutable; equal by content.
 */
public final class CoreStrip {
    /** The steps in which a strip keeps core loads. */
    public static final double LOAD_STEP = 0.05;

    /** No cores known. */
    public static final CoreStrip EMPTY = new CoreStrip(new boolean[0], new double[0]);

    private final boolean[] used;
    private final double[] loads;

    private CoreStrip(boolean[] used, double[] loads) {
        this.used = used;
        this.loads = loads;
    }

    /**
     * A strip of {@code coreCount} cells (at least enough for every core in {@code usedCores}).
     *
     * @param usedCores the cores the process ran on recently (out-of-range indexes are dropped)
     * @param loads     each core's load, 0..1; missing ones are unknown (NaN)
     */
    public static CoreStrip of(List<Integer> usedCores, List<Double> loads, int coreCount) {
        int n = Math.max(coreCount, loads.size());
        for (int c : usedCores) {
            n = Math.max(n, c + 1);
        }
        n = Math.min(n, 4096);
        if (n == 0) {
            return EMPTY;
        }
        boolean[] u = new boolean[n];
        double[] l = new double[n];
        Arrays.fill(l, Double.NaN);
        for (int c : usedCores) {
            if (c >= 0 && c < n) {
                u[c] = true;
            }
        }
        for (int i = 0; i < Math.min(n, loads.size()); i++) {
            l[i] = quantize(loads.get(i));
        }
        return new CoreStrip(u, l);
    }

    /**
     * Loads in steps of {@link #LOAD_STEP}: the colour cannot show finer, and a strip that equals the last one is
     * not redrawn, so a core wobbling by a percent does not repaint every row's strip twice a second.
     */
    static double quantize(double load) {
        return Double.isNaN(load) ? load : Math.round(load / LOAD_STEP) * LOAD_STEP;
    }

    /** The number of cells (logical cores). */
    public int size() {
        return used.length;
    }

    /** Whether the process ran on {@code core} recently. */
    public boolean used(int core) {
        return used[core];
    }

    /** How busy {@code core} is, 0..1 in steps of {@link #LOAD_STEP}, or NaN if unknown. */
    public double load(int core) {
        return loads[core];
    }

    /** How many cores the process ran on recently. */
    public int usedCount() {
        int n = 0;
        for (boolean b : used) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** "cpu0 43% ran here · cpu1 12%": for tooltips and tests. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < used.length; i++) {
            if (i > 0) {
                sb.append(" \u00b7 ");
            }
            sb.append("cpu").append(i).append(' ')
                    .append(Double.isNaN(loads[i]) ? "?" : String.format(Locale.ROOT, "%.0f%%", loads[i] * 100));
            if (used[i]) {
                sb.append(" ran here");
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof CoreStrip)) {
            return false;
        }
        CoreStrip s = (CoreStrip) o;
        return Arrays.equals(used, s.used) && Arrays.equals(loads, s.loads);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(used) + Arrays.hashCode(loads);
    }

    @Override
    public String toString() {
        return "CoreStrip[" + describe() + "]";
    }
}
